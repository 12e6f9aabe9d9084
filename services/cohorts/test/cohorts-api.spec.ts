import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunningService } from '@exchange/platform';
import { issueTestApiKey, waitFor, type TestApiKey } from '@exchange/platform/testing';
import { OfferExpirySweeper } from '../src/offers/offer-expiry.sweeper';
import { apiOf, cohortBody, knownProgramme, startCohorts, outboxEvents, seedCandidates, startupKey, type Api, type SeedCandidate } from './helpers';

interface Cohort { id: string; version: number; state: string }
interface Entry { memberId: string | null; startupId: string; group: string; rank: number; waitlistPosition: number | null; placement: string }
interface Selection { version: number; offers: Entry[]; waitlist: Entry[]; excluded: Entry[] }
interface Member { id: string; startupId: string; state: string; group: string; rank: number }

describe('cohorts API (selection, offers, waitlist, lifecycle)', () => {
  let running: RunningService;
  let ds: DataSource;
  let api: Api;
  let manager: TestApiKey;
  let partner: TestApiKey;
  let outsider: TestApiKey;

  beforeAll(async () => {
    running = await startCohorts({ OFFER_EXPIRY_SWEEP_INTERVAL_MS: '200' });
    ds = running.app.get(DataSource);
    api = apiOf(running);
    manager = await issueTestApiKey(ds, { role: 'programme_manager' });
    partner = await issueTestApiKey(ds, { role: 'partner_agency' });
    outsider = await issueTestApiKey(ds, { role: 'programme_manager' });
  });
  afterAll(async () => {
    await running?.close();
  });

  async function createCohort(programmeId: string, overrides: Record<string, unknown> = {}): Promise<Cohort> {
    await knownProgramme(ds, manager.organisationId!, { id: programmeId, partnerOrgIds: [partner.organisationId!] });
    const res = await api<Cohort>('POST', '/cohorts', manager, cohortBody(programmeId, { partnerOrganisationIds: [partner.organisationId], ...overrides }));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function selected(set: SeedCandidate[], overrides: Record<string, unknown> = {}) {
    const programmeId = randomUUID();
    const startups = await seedCandidates(ds, programmeId, [manager.organisationId!], set);
    const cohort = await createCohort(programmeId, overrides);
    const commit = await api<Selection>('POST', `/cohorts/${cohort.id}/selection/commit`, manager, { version: cohort.version });
    expect(commit.status).toBe(200);
    const members = await api<{ items: Member[] }>('GET', `/cohorts/${cohort.id}/members?limit=100`, manager);
    const byLabel = new Map([...startups].map(([label, startupId]) => [label, members.body.items.find((m) => m.startupId === startupId)]));
    return { cohort, selection: commit.body, startups, byLabel };
  }

  async function memberState(id: string): Promise<string> {
    const [row] = await ds.query(`SELECT state FROM cohorts.members WHERE id = $1`, [id]);
    return row.state;
  }

  // Two groups; quotas of 3; ties on score broken by pilot, acceptance time, startup id; a minimum score of 50.
  const SET: SeedCandidate[] = [
    { label: 'kr1', country: 'KR', score: 80 },
    { label: 'kr2', country: 'KR', score: 80, hasSuccessfulPilot: true },
    { label: 'kr3', country: 'KR', score: 70, acceptedAt: '2027-01-03T00:00:00Z' },
    { label: 'kr4', country: 'KR', score: 70, acceptedAt: '2027-01-05T00:00:00Z' },
    { label: 'kr5', country: 'KR', score: 60 },
    { label: 'kr6', country: 'KR', score: 60 },
    { label: 'kr7', country: 'KR', score: 40 },
    { label: 'ru1', country: 'RU', score: 75 },
    { label: 'ru2', country: 'RU', score: 72, hasSuccessfulPilot: true },
    { label: 'ru3', country: 'RU', score: 55 },
    { label: 'ru4', country: 'RU', score: null },
  ];

  it('previews and commits a selection with quotas, ties and a minimum score', async () => {
    const programmeId = randomUUID();
    // kr5 and kr6 tie on everything but the startup id: give them ids whose order is known.
    const set = SET.map((c) => ({ ...c }));
    set[4].startupId = `00000000${randomUUID().slice(8)}`;
    set[5].startupId = `ffffffff${randomUUID().slice(8)}`;
    const startups = await seedCandidates(ds, programmeId, [manager.organisationId!], set);
    const label = new Map([...startups].map(([l, id]) => [id, l]));
    const cohort = await createCohort(programmeId);
    expect(cohort.state).toBe('planning');
    expect(await outboxEvents(ds, cohort.id, 'cohort.opened')).toEqual([
      expect.objectContaining({ cohortId: cohort.id, programmeId, capacity: 10, startsOn: '2030-03-02', endsOn: '2030-06-30', hostCity: 'Seoul' }),
    ]);

    const preview = await api<Selection>('POST', `/cohorts/${cohort.id}/selection/preview`, manager);
    expect(preview.status).toBe(200);
    const summary = (s: Selection) => ({
      offers: s.offers.map((e) => [label.get(e.startupId), e.group, e.rank]),
      waitlist: s.waitlist.map((e) => [label.get(e.startupId), e.group, e.rank, e.waitlistPosition]),
      excluded: s.excluded.map((e) => label.get(e.startupId)),
    });
    const expected = {
      offers: [['kr2', 'KR', 1], ['kr1', 'KR', 2], ['kr3', 'KR', 3], ['ru2', 'RU', 1], ['ru1', 'RU', 2], ['ru3', 'RU', 3]],
      waitlist: [['kr4', 'KR', 4, 1], ['kr5', 'KR', 5, 2], ['kr6', 'KR', 6, 3]],
      excluded: ['kr7', 'ru4'],
    };
    expect(summary(preview.body)).toEqual(expected);
    // A preview writes nothing.
    expect(await ds.query(`SELECT id FROM cohorts.members WHERE cohort_id = $1`, [cohort.id])).toEqual([]);
    expect((await api<Cohort>('GET', `/cohorts/${cohort.id}`, manager)).body).toMatchObject({ state: 'planning', version: cohort.version });

    const commit = await api<Selection>('POST', `/cohorts/${cohort.id}/selection/commit`, manager, { version: cohort.version });
    expect(commit.status).toBe(200);
    expect(summary(commit.body)).toEqual(expected);
    expect(commit.body.offers.every((o) => o.memberId)).toBe(true);
    expect((await api<Cohort>('GET', `/cohorts/${cohort.id}`, partner)).body).toMatchObject({ state: 'selecting', version: cohort.version + 1 });

    const offerEvents = await outboxEvents(ds, cohort.id, 'cohort.offer_made');
    expect(offerEvents.map((e) => label.get(e.startupId as string)).sort()).toEqual(['kr1', 'kr2', 'kr3', 'ru1', 'ru2', 'ru3']);
    const waitlisted = await outboxEvents(ds, cohort.id, 'cohort.waitlisted');
    expect(waitlisted.map((e) => [label.get(e.startupId as string), e.position])).toEqual([['kr4', 1], ['kr5', 2], ['kr6', 3]]);
    // Every event names the cohort's programme and who runs it (the programme's organiser and partners).
    const programme = { id: programmeId, kind: 'accelerator', organiserOrgId: manager.organisationId, partnerOrgIds: [partner.organisationId] };
    for (const e of [...(await outboxEvents(ds, cohort.id, 'cohort.opened')), ...offerEvents, ...waitlisted]) expect(e.programme).toEqual(programme);
  });

  it('lets one of two managers committing at once win; the other gets 409', async () => {
    const programmeId = randomUUID();
    await seedCandidates(ds, programmeId, [manager.organisationId!], SET.slice(0, 3));
    const cohort = await createCohort(programmeId);
    const results = await Promise.all([1, 2].map(() => api('POST', `/cohorts/${cohort.id}/selection/commit`, manager, { version: cohort.version })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [members] = await ds.query(`SELECT count(*)::int AS n FROM cohorts.members WHERE cohort_id = $1`, [cohort.id]);
    expect(members.n).toBe(3);
  });

  it('answers others 404 or 403: another organisation, a partner writing, a startup on a manager route', async () => {
    const cohort = await createCohort(randomUUID());
    expect((await api('GET', `/cohorts/${cohort.id}`, outsider)).status).toBe(404);
    expect((await api('POST', `/cohorts/${cohort.id}/selection/preview`, outsider)).status).toBe(404);
    expect((await api('GET', `/cohorts/${cohort.id}`, partner)).status).toBe(200);
    expect((await api('POST', `/cohorts/${cohort.id}/selection/preview`, partner)).status).toBe(403);
    const startup = await issueTestApiKey(ds, { role: 'startup' });
    expect((await api('GET', `/cohorts/${cohort.id}`, startup)).status).toBe(403);
    expect((await api('GET', `/cohorts/${cohort.id}`, null)).status).toBe(401);
    const listed = await api<{ items: Cohort[] }>('GET', '/cohorts?limit=100', partner);
    expect(listed.body.items.map((c) => c.id)).toContain(cohort.id);
    expect((await api<{ items: Cohort[] }>('GET', '/cohorts?limit=100', outsider)).body.items.map((c) => c.id)).not.toContain(cohort.id);
  });

  it('paginates cohorts with a cursor', async () => {
    const programmeId = randomUUID();
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createCohort(programmeId));
    const first = await api<{ items: Cohort[]; nextCursor: string }>('GET', `/cohorts?programmeId=${programmeId}&limit=2`, manager);
    expect(first.body.items).toHaveLength(2);
    const second = await api<{ items: Cohort[]; nextCursor: string | null }>('GET', `/cohorts?programmeId=${programmeId}&limit=2&cursor=${first.body.nextCursor}`, manager);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((c) => c.id)).toEqual(created.map((c) => c.id).reverse());
    expect((await api('GET', '/cohorts?cursor=garbage', manager)).status).toBe(400);
  });

  it('never exceeds capacity when many startups answer at the same moment', async () => {
    const set: SeedCandidate[] = Array.from({ length: 12 }, (_, i) => ({ label: `s${i}`, country: 'KR', score: 90 - i }));
    const { cohort, startups, byLabel } = await selected(set, { capacity: 5, selectionRule: { groupBy: 'none' } });
    const keys = new Map(await Promise.all([...startups].map(async ([l, id]) => [l, await startupKey(ds, id)] as const)));
    // Offered s0–s4: two decline, three accept; the seven waitlisted try to accept too, all at once.
    const calls = set.map(({ label }, i) => {
      const member = byLabel.get(label)!;
      const action = i < 2 ? 'decline' : 'accept';
      return api('POST', `/offers/${member.id}/${action}`, keys.get(label)!, action === 'decline' ? { reason: 'other plans' } : undefined);
    });
    const results = await Promise.all(calls);
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const r of results.slice(5)) expect([200, 409]).toContain(r.status);

    const counts: Array<{ state: string; n: number }> = await ds.query(
      `SELECT state, count(*)::int AS n FROM cohorts.members WHERE cohort_id = $1 GROUP BY state`,
      [cohort.id],
    );
    const n = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
    expect(n('accepted') + n('offered')).toBe(5);
    expect(n('declined')).toBe(2);
    // The two declines promoted exactly s5 and s6 (next in rank), once each.
    const promoted = (await outboxEvents(ds, cohort.id, 'cohort.offer_made')).map((e) => e.startupId).filter((id) => ![0, 1, 2, 3, 4].some((i) => startups.get(`s${i}`) === id));
    expect(promoted.sort()).toEqual([startups.get('s5'), startups.get('s6')].sort());
    expect(await memberState(byLabel.get('s7')!.id)).toBe('waitlisted');

    // Everyone offered accepts at the same moment: all succeed, and the cohort is exactly full.
    const open: Array<{ id: string; startup_id: string }> = await ds.query(`SELECT id, startup_id FROM cohorts.members WHERE cohort_id = $1 AND state = 'offered'`, [cohort.id]);
    const keyOf = (startupId: string) => keys.get([...startups].find(([, id]) => id === startupId)![0])!;
    const accepts = await Promise.all(open.map((m) => api('POST', `/offers/${m.id}/accept`, keyOf(m.startup_id))));
    expect(accepts.every((r) => r.status === 200)).toBe(true);
    const [accepted] = await ds.query(`SELECT count(*)::int AS n FROM cohorts.members WHERE cohort_id = $1 AND state = 'accepted'`, [cohort.id]);
    expect(accepted.n).toBe(5);
  });

  it('promotes the group’s next waitlisted startup on a decline, exactly once', async () => {
    const set: SeedCandidate[] = [
      { label: 'k1', country: 'KR', score: 90 },
      { label: 'k2', country: 'KR', score: 80 },
      { label: 'k3', country: 'KR', score: 70 },
      { label: 'k4', country: 'KR', score: 60 },
      { label: 'r1', country: 'RU', score: 95 },
      { label: 'r2', country: 'RU', score: 85 },
      { label: 'r3', country: 'RU', score: 75 },
    ];
    const { cohort, startups, byLabel } = await selected(set, { selectionRule: { groupBy: 'country', perGroup: 2 } });
    const k1 = await startupKey(ds, startups.get('k1')!);
    // Another startup cannot see or answer k1's offer.
    const r1 = await startupKey(ds, startups.get('r1')!);
    expect((await api('POST', `/offers/${byLabel.get('k1')!.id}/decline`, r1, {})).status).toBe(404);
    expect((await api('GET', `/offers/${byLabel.get('k1')!.id}`, r1)).status).toBe(404);

    const declines = await Promise.all([1, 2, 3].map(() => api('POST', `/offers/${byLabel.get('k1')!.id}/decline`, k1, { reason: 'timing' })));
    expect(declines.map((d) => d.status).sort()).toEqual([200, 409, 409]);
    expect(declines.find((d) => d.status === 409)!.body).toMatchObject({ currentState: 'declined' });
    expect(await memberState(byLabel.get('k3')!.id)).toBe('offered');
    expect(await memberState(byLabel.get('k4')!.id)).toBe('waitlisted');
    expect(await memberState(byLabel.get('r3')!.id)).toBe('waitlisted');
    const made = (await outboxEvents(ds, cohort.id, 'cohort.offer_made')).filter((e) => e.startupId === startups.get('k3'));
    expect(made).toEqual([expect.objectContaining({ group: 'KR', rank: 3, offerId: byLabel.get('k3')!.id })]);
    expect(await outboxEvents(ds, cohort.id, 'cohort.offer_declined')).toEqual([
      expect.objectContaining({ startupId: startups.get('k1'), reason: 'timing', offerId: byLabel.get('k1')!.id }),
    ]);
    const mine = await api<{ items: Member[] }>('GET', '/offers', k1);
    expect(mine.body.items.map((m) => [m.id, m.state])).toEqual([[byLabel.get('k1')!.id, 'declined']]);
  });

  it('expires an unanswered offer and promotes the group’s next waitlisted startup, exactly once', async () => {
    const set: SeedCandidate[] = [
      { label: 'k1', country: 'KR', score: 90 },
      { label: 'k2', country: 'KR', score: 80 },
      { label: 'k3', country: 'KR', score: 70 },
      { label: 'r1', country: 'RU', score: 95 },
      { label: 'r2', country: 'RU', score: 85 },
    ];
    const { cohort, startups, byLabel } = await selected(set, { selectionRule: { groupBy: 'country', perGroup: 1 } });
    // k1's deadline passes (the clock is moved by moving the deadline).
    await ds.query(`UPDATE cohorts.members SET offer_deadline_at = now() - interval '1 minute' WHERE id = $1`, [byLabel.get('k1')!.id]);
    const k1 = await startupKey(ds, startups.get('k1')!);
    // Another instance's sweep runs alongside the service's own.
    const sweeper = running.app.get(OfferExpirySweeper);
    await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    await waitFor(async () => (await memberState(byLabel.get('k1')!.id)) === 'expired', { what: 'k1 expired' });
    await sweeper.sweep();
    expect(await memberState(byLabel.get('k2')!.id)).toBe('offered');
    expect(await memberState(byLabel.get('k3')!.id)).toBe('waitlisted');
    expect(await memberState(byLabel.get('r2')!.id)).toBe('waitlisted');
    expect((await outboxEvents(ds, cohort.id, 'cohort.offer_expired')).map((e) => e.startupId)).toEqual([startups.get('k1')]);
    expect((await outboxEvents(ds, cohort.id, 'cohort.offer_made')).filter((e) => e.startupId === startups.get('k2'))).toHaveLength(1);
    const late = await api('POST', `/offers/${byLabel.get('k1')!.id}/accept`, k1);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ currentState: 'expired' });
  });

  it('runs the lifecycle and answers illegal transitions with 409 and the current state', async () => {
    const set: SeedCandidate[] = [
      { label: 'a', country: 'KR', score: 90 },
      { label: 'b', country: 'KR', score: 80 },
      { label: 'c', country: 'KR', score: 70 },
    ];
    const programmeId = randomUUID();
    const startups = await seedCandidates(ds, programmeId, [manager.organisationId!], set);
    const cohort = await createCohort(programmeId, { capacity: 2, selectionRule: { groupBy: 'none' } });

    const early = await api('POST', `/cohorts/${cohort.id}/graduate`, manager, { version: cohort.version, outcomes: [] });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'COHORT.ILLEGAL_TRANSITION', currentState: 'planning' });
    expect((await api('POST', `/cohorts/${cohort.id}/start`, manager, { version: cohort.version })).body).toMatchObject({ currentState: 'planning' });

    await api('POST', `/cohorts/${cohort.id}/selection/commit`, manager, { version: cohort.version });
    const again = await api('POST', `/cohorts/${cohort.id}/selection/commit`, manager, { version: cohort.version + 1 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'selecting' });
    const stale = await api('POST', `/cohorts/${cohort.id}/start`, manager, { version: cohort.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'COHORT.VERSION_CONFLICT', currentVersion: cohort.version + 1 });

    const members = (await api<{ items: Member[] }>('GET', `/cohorts/${cohort.id}/members`, manager)).body.items;
    const memberOf = (l: string) => members.find((m) => m.startupId === startups.get(l))!;
    const a = await startupKey(ds, startups.get('a')!);
    const b = await startupKey(ds, startups.get('b')!);
    expect((await api('POST', `/offers/${memberOf('a').id}/accept`, a)).status).toBe(200);
    const twice = await api('POST', `/offers/${memberOf('a').id}/accept`, a);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ currentState: 'accepted' });
    expect((await api('POST', `/offers/${memberOf('b').id}/accept`, b)).status).toBe(200);

    const started = await api<Cohort>('POST', `/cohorts/${cohort.id}/start`, manager, { version: cohort.version + 1 });
    expect(started.status).toBe(200);
    expect(started.body.state).toBe('in_progress');
    expect(await outboxEvents(ds, cohort.id, 'cohort.started')).toEqual([expect.objectContaining({ members: 2 })]);

    // b drops out during the cohort: c is offered b's place at once.
    expect((await api('POST', `/cohorts/${cohort.id}/members/${memberOf('b').id}/drop-out`, manager)).status).toBe(200);
    expect(await memberState(memberOf('c').id)).toBe('offered');

    const incomplete = await api('POST', `/cohorts/${cohort.id}/graduate`, manager, { version: started.body.version, outcomes: [] });
    expect(incomplete.status).toBe(422);
    const graduated = await api<Cohort>('POST', `/cohorts/${cohort.id}/graduate`, manager, {
      version: started.body.version,
      outcomes: [{ memberId: memberOf('a').id, graduated: true, note: '데모데이 우승' }],
    });
    expect(graduated.status).toBe(200);
    expect(graduated.body.state).toBe('graduated');
    expect(await memberState(memberOf('a').id)).toBe('graduated');
    expect(await outboxEvents(ds, cohort.id, 'cohort.graduated')).toEqual([
      expect.objectContaining({ startupId: startups.get('a'), graduated: true, note: '데모데이 우승', hostOrgId: manager.organisationId }),
    ]);
    const after = await api('POST', `/cohorts/${cohort.id}/start`, manager, { version: graduated.body.version });
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ currentState: 'graduated' });
  });

  it('selects startups with a successful pilot in a programme of the organiser or a partner, with the pilot bonus', async () => {
    const programmeId = randomUUID();
    const startups = await seedCandidates(ds, programmeId, [manager.organisationId!], [{ label: 'app', country: 'KR', score: 60 }]);
    const pilot = async (label: string, orgs: string[], success: boolean) => {
      const [{ id }] = await ds.query(
        `INSERT INTO applications.startups (name, name_latin, country, registration_number, trl) VALUES ($1, $1, 'RU', $2, 6) RETURNING id`,
        [`Pilot ${label}`, `TEST-${randomUUID()}`],
      );
      await ds.query(
        `INSERT INTO cohorts.candidates (startup_id, programme_id, source, startup_name, startup_name_latin, country, has_successful_pilot, programme_organisation_ids)
         VALUES ($1, NULL, 'pilot', $2, $2, 'RU', $3, $4::uuid[])`,
        [id, `Pilot ${label}`, success, orgs],
      );
      return id as string;
    };
    const viaPartner = await pilot('partner', [partner.organisationId!], true);
    const elsewhere = await pilot('elsewhere', [outsider.organisationId!], true);
    const unsuccessful = await pilot('unsuccessful', [partner.organisationId!], false);
    const cohort = await createCohort(programmeId, { selectionRule: { groupBy: 'none', successfulPilotBonus: 70 } });
    const preview = await api<Selection>('POST', `/cohorts/${cohort.id}/selection/preview`, manager);
    // The pilot-derived candidate has no score (0) plus the bonus of 70: it ranks before the application's 60.
    expect(preview.body.offers.map((o) => o.startupId)).toEqual([viaPartner, startups.get('app')]);
    expect([...preview.body.offers, ...preview.body.waitlist].map((o) => o.startupId)).not.toContain(elsewhere);
    expect([...preview.body.offers, ...preview.body.waitlist].map((o) => o.startupId)).not.toContain(unsuccessful);
  });

  it('takes its programme and partners in upper case as well', async () => {
    const programmeId = await knownProgramme(ds, manager.organisationId!, { partnerOrgIds: [partner.organisationId!] });
    const res = await api<{ programmeId: string; partnerOrganisationIds: string[] }>(
      'POST',
      '/cohorts',
      manager,
      cohortBody(programmeId.toUpperCase(), { partnerOrganisationIds: [partner.organisationId!.toUpperCase()] }),
    );
    expect(res).toMatchObject({ status: 201, body: { programmeId, partnerOrganisationIds: [partner.organisationId] } });
  });

  it('validates the cohort it creates', async () => {
    const bad = await api<{ errors: Array<{ field: string }> }>('POST', '/cohorts', manager, cohortBody(randomUUID(), { capacity: 0, hostCountry: 'korea', extra: 1 }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['capacity', 'extra', 'hostCountry']);
    const programmeId = await knownProgramme(ds, manager.organisationId!);
    expect((await api('POST', '/cohorts', manager, cohortBody(programmeId, { endsAt: '2030-01-01T00:00:00Z' }))).status).toBe(422);
    // An unknown time zone is refused by validation (400 naming the field).
    const zone = await api<{ errors: Array<{ field: string }> }>('POST', '/cohorts', manager, cohortBody(programmeId, { timeZone: 'Mars/Olympus' }));
    expect(zone.status).toBe(400);
    expect(zone.body.errors.map((e) => e.field)).toEqual(['timeZone']);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM cohorts.cohorts WHERE programme_id = $1`, [programmeId]);
    expect(n).toBe(0);
  });
});
