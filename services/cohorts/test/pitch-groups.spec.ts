import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunningService } from '@exchange/platform';
import { issueTestApiKey, type TestApiKey } from '@exchange/platform/testing';
import { apiOf, cohortBody, knownProgramme, seedCandidates, startCohorts, type Api, type SeedCandidate } from './helpers';

interface Cohort { id: string; version: number; state: string }
interface Entry { startupId: string; group: string; rank: number; waitlistPosition: number | null }
interface Selection { offers: Entry[]; waitlist: Entry[]; excluded: Entry[] }
interface Candidate { startupId: string; source: string; pitchGroup: string | null; group: string; score: number | null; effectiveScore: number; hasSuccessfulPilot: boolean }
interface Page<T> { items: T[]; nextCursor: string | null }

describe('pitch sessions of a cohort (PUT pitch-groups, GET candidates)', () => {
  let running: RunningService;
  let ds: DataSource;
  let api: Api;
  let manager: TestApiKey;
  let partner: TestApiKey;
  let outsider: TestApiKey;

  beforeAll(async () => {
    running = await startCohorts();
    ds = running.app.get(DataSource);
    api = apiOf(running);
    manager = await issueTestApiKey(ds, { role: 'programme_manager' });
    partner = await issueTestApiKey(ds, { role: 'partner_agency' });
    outsider = await issueTestApiKey(ds, { role: 'programme_manager' });
  });
  afterAll(async () => {
    await running?.close();
  });

  // Two pitch sessions of five; one startup nobody put into a session.
  const SET: SeedCandidate[] = [
    { label: 'a1', country: 'KR', score: 91 },
    { label: 'a2', country: 'RU', score: 85 },
    { label: 'a3', country: 'KR', score: 77 },
    { label: 'a4', country: 'KR', score: 70 },
    { label: 'a5', country: 'RU', score: 62 },
    { label: 'b1', country: 'RU', score: 88 },
    { label: 'b2', country: 'KR', score: 80 },
    { label: 'b3', country: 'KR', score: 79 },
    { label: 'b4', country: 'RU', score: 60 },
    { label: 'b5', country: 'KR', score: 58 },
    { label: 'u1', country: 'KR', score: 99 },
  ];

  async function setUp(set: SeedCandidate[] = SET) {
    const programmeId = await knownProgramme(ds, manager.organisationId!, { partnerOrgIds: [partner.organisationId!] });
    const startups = await seedCandidates(ds, programmeId, [manager.organisationId!], set);
    const created = await api<Cohort>(
      'POST',
      '/cohorts',
      manager,
      cohortBody(programmeId, { capacity: 20, partnerOrganisationIds: [partner.organisationId], selectionRule: { groupBy: 'pitch_session', perGroup: 3 } }),
    );
    expect(created.status).toBe(201);
    const label = new Map([...startups].map(([l, id]) => [id, l]));
    return { programmeId, startups, label, cohort: created.body };
  }

  const sessionOf = (l: string) => (l.startsWith('a') ? 'Pitch day A' : 'Pitch day B');

  it('assigns two pitch sessions; selection offers the best three of each and waitlists the rest per session', async () => {
    const { startups, label, cohort } = await setUp();
    const assignments = [...startups].filter(([l]) => l !== 'u1').map(([l, startupId]) => ({ startupId, pitchGroup: sessionOf(l) }));
    const assigned = await api<{ version: number; assignments: Array<{ startupId: string; pitchGroup: string; previousPitchGroup: string | null }> }>(
      'PUT',
      `/cohorts/${cohort.id}/pitch-groups`,
      manager,
      { version: cohort.version, assignments },
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body.version).toBe(cohort.version + 1);
    expect(assigned.body.assignments).toHaveLength(10);
    expect(assigned.body.assignments.every((a) => a.previousPitchGroup === null)).toBe(true);

    const preview = await api<Selection>('POST', `/cohorts/${cohort.id}/selection/preview`, manager);
    expect(preview.status).toBe(200);
    const summary = (entries: Entry[]) => entries.map((e) => [label.get(e.startupId), e.group, e.rank, e.waitlistPosition]);
    expect(summary(preview.body.offers)).toEqual([
      ['a1', 'Pitch day A', 1, null], ['a2', 'Pitch day A', 2, null], ['a3', 'Pitch day A', 3, null],
      ['b1', 'Pitch day B', 1, null], ['b2', 'Pitch day B', 2, null], ['b3', 'Pitch day B', 3, null],
      ['u1', 'unassigned', 1, null],
    ]);
    expect(summary(preview.body.waitlist)).toEqual([
      ['a4', 'Pitch day A', 4, 1], ['a5', 'Pitch day A', 5, 2],
      ['b4', 'Pitch day B', 4, 1], ['b5', 'Pitch day B', 5, 2],
    ]);

    // The change is audited with the caller, before and after, in the same transaction.
    const audit: Array<{ actor_principal_id: string; before: Array<{ pitchGroup: string | null }>; after: Array<{ startupId: string; pitchGroup: string }> }> =
      await ds.query(`SELECT actor_principal_id, before, after FROM identity.audit_log WHERE action = 'cohort.assign_pitch_groups' AND entity_id = $1`, [cohort.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_principal_id).toBe(manager.principalId);
    expect(audit[0].before.every((b) => b.pitchGroup === null)).toBe(true);
    expect(audit[0].after.map((a) => [label.get(a.startupId), a.pitchGroup])).toEqual(assignments.map((a) => [label.get(a.startupId), a.pitchGroup]));

    // Committed, the members keep their session as group; assignment is then closed: 409 with the state.
    const commit = await api<Selection>('POST', `/cohorts/${cohort.id}/selection/commit`, manager, { version: assigned.body.version });
    expect(commit.status).toBe(200);
    const members: Array<{ startup_id: string; group_key: string; state: string }> = await ds.query(
      `SELECT startup_id, group_key, state FROM cohorts.members WHERE cohort_id = $1 ORDER BY group_key, rank`,
      [cohort.id],
    );
    expect(members.map((m) => [label.get(m.startup_id), m.group_key, m.state])).toEqual([
      ['a1', 'Pitch day A', 'offered'], ['a2', 'Pitch day A', 'offered'], ['a3', 'Pitch day A', 'offered'],
      ['a4', 'Pitch day A', 'waitlisted'], ['a5', 'Pitch day A', 'waitlisted'],
      ['b1', 'Pitch day B', 'offered'], ['b2', 'Pitch day B', 'offered'], ['b3', 'Pitch day B', 'offered'],
      ['b4', 'Pitch day B', 'waitlisted'], ['b5', 'Pitch day B', 'waitlisted'],
      ['u1', 'unassigned', 'offered'],
    ]);
    const current = (await api<Cohort>('GET', `/cohorts/${cohort.id}`, manager)).body;
    const late = await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: current.version,
      assignments: [{ startupId: startups.get('a4')!, pitchGroup: 'Pitch day B' }],
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'COHORT.ILLEGAL_TRANSITION', currentState: 'selecting' });
    const [a4] = await ds.query(`SELECT pitch_group FROM cohorts.candidates WHERE startup_id = $1`, [startups.get('a4')]);
    expect(a4.pitch_group).toBe('Pitch day A');
  });

  it('names unknown startups (422), rejects a stale version (409) and changes nothing then', async () => {
    const { startups, cohort } = await setUp(SET.slice(0, 2));
    const stranger = randomUUID();
    const otherProgramme = await seedCandidates(ds, randomUUID(), [manager.organisationId!], [{ label: 'x', country: 'KR', score: 90 }]);
    const unknown = await api<{ code: string; unknownStartupIds: string[] }>('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: cohort.version,
      assignments: [
        { startupId: startups.get('a1')!, pitchGroup: 'A' },
        { startupId: stranger, pitchGroup: 'A' },
        { startupId: otherProgramme.get('x')!, pitchGroup: 'B' },
      ],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'PITCH_GROUP.UNKNOWN_CANDIDATES', unknownStartupIds: [stranger, otherProgramme.get('x')] });

    const twice = await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: cohort.version,
      assignments: [{ startupId: startups.get('a1')!, pitchGroup: 'A' }, { startupId: startups.get('a1')!, pitchGroup: 'B' }],
    });
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: 'PITCH_GROUP.DUPLICATE_STARTUP' });

    const invalid = await api<{ errors: Array<{ field: string }> }>('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: cohort.version,
      assignments: [{ startupId: 'nope', pitchGroup: '   ' }],
    });
    expect(invalid.status).toBe(400);

    const ok = await api<{ version: number }>('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: cohort.version,
      assignments: [{ startupId: startups.get('a1')!, pitchGroup: ' A ' }],
    });
    expect(ok.status).toBe(200);
    const stale = await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: cohort.version,
      assignments: [{ startupId: startups.get('a1')!, pitchGroup: 'B' }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'COHORT.VERSION_CONFLICT', currentVersion: ok.body.version, currentState: 'planning' });
    const rows: Array<{ startup_id: string; pitch_group: string | null }> = await ds.query(
      `SELECT startup_id, pitch_group FROM cohorts.candidates WHERE startup_id = ANY ($1::uuid[]) ORDER BY startup_id`,
      [[...startups.values()]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.startup_id, r.pitch_group]))).toEqual({ [startups.get('a1')!]: 'A', [startups.get('a2')!]: null });

    // Null takes a startup out of its session again.
    const cleared = await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: ok.body.version,
      assignments: [{ startupId: startups.get('a1')!, pitchGroup: null }],
    });
    expect(cleared.status).toBe(200);
    const [a1] = await ds.query(`SELECT pitch_group FROM cohorts.candidates WHERE startup_id = $1`, [startups.get('a1')]);
    expect(a1.pitch_group).toBeNull();
  });

  it('lets partners read the candidates but not assign; other organisations get 404', async () => {
    const { startups, cohort } = await setUp(SET.slice(0, 1));
    const body = { version: cohort.version, assignments: [{ startupId: startups.get('a1')!, pitchGroup: 'A' }] };
    expect((await api('GET', `/cohorts/${cohort.id}/candidates`, partner)).status).toBe(200);
    expect((await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, partner, body)).status).toBe(403);
    expect((await api('GET', `/cohorts/${cohort.id}/candidates`, outsider)).status).toBe(404);
    expect((await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, outsider, body)).status).toBe(404);
    // A programme manager of a partner organisation reads, but only the organiser changes the cohort.
    const partnerManager = await issueTestApiKey(ds, { role: 'programme_manager', organisationId: partner.organisationId! });
    expect((await api('GET', `/cohorts/${cohort.id}/candidates`, partnerManager)).status).toBe(200);
    expect((await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, partnerManager, body)).status).toBe(403);
  });

  it('lists the candidates selection would consider, with session, group, score and pilot flag, page by page', async () => {
    const { programmeId, startups, label, cohort } = await setUp(SET.slice(0, 5));
    // A startup with a successful pilot in a programme of the partner: a candidate of this cohort without applying.
    const [{ id: pilotStartup }] = await ds.query(
      `INSERT INTO applications.startups (name, name_latin, country, registration_number, trl) VALUES ('Pilot', 'Pilot', 'RU', $1, 6) RETURNING id`,
      [`TEST-${randomUUID()}`],
    );
    await ds.query(
      `INSERT INTO cohorts.candidates (startup_id, programme_id, source, startup_name, startup_name_latin, country, has_successful_pilot, programme_organisation_ids)
       VALUES ($1, NULL, 'pilot', 'Pilot', 'Pilot', 'RU', true, $2::uuid[])`,
      [pilotStartup, [partner.organisationId]],
    );
    label.set(pilotStartup, 'pilot');
    const assigned = await api('PUT', `/cohorts/${cohort.id}/pitch-groups`, manager, {
      version: cohort.version,
      assignments: [
        { startupId: startups.get('a1')!, pitchGroup: 'A' },
        { startupId: pilotStartup, pitchGroup: 'B' },
      ],
    });
    expect(assigned.status).toBe(200);
    // The shared pilot-derived row (other organisations' cohorts select from it too) keeps no session.
    const pilotRows: Array<{ programme_id: string | null; pitch_group: string | null }> = await ds.query(
      `SELECT programme_id, pitch_group FROM cohorts.candidates WHERE startup_id = $1 ORDER BY programme_id NULLS FIRST`,
      [pilotStartup],
    );
    expect(pilotRows).toEqual([{ programme_id: null, pitch_group: null }, { programme_id: programmeId, pitch_group: 'B' }]);

    const seen: Candidate[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page<Candidate> } = await api<Page<Candidate>>(
        'GET',
        `/cohorts/${cohort.id}/candidates?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        partner,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((c) => c.startupId)).toEqual([...seen.map((c) => c.startupId)].sort());
    const byLabel = new Map(seen.map((c) => [label.get(c.startupId), c]));
    expect([...byLabel.keys()].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'pilot']);
    expect(byLabel.get('a1')).toMatchObject({ source: 'application', pitchGroup: 'A', group: 'A', score: 91, effectiveScore: 91, hasSuccessfulPilot: false });
    expect(byLabel.get('a2')).toMatchObject({ pitchGroup: null, group: 'unassigned' });
    expect(byLabel.get('pilot')).toMatchObject({ source: 'pilot', pitchGroup: 'B', group: 'B', score: null, hasSuccessfulPilot: true });

    const sessionB = await api<Page<Candidate>>('GET', `/cohorts/${cohort.id}/candidates?pitchGroup=B`, manager);
    expect(sessionB.body.items.map((c) => c.startupId)).toEqual([pilotStartup]);
    expect((await api('GET', `/cohorts/${cohort.id}/candidates?cursor=garbage`, manager)).status).toBe(400);
  });
});
