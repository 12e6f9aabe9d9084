import type { TestApiKey } from '@exchange/platform/testing';
import { randomUUID } from 'node:crypto';
import { apply, createPublishedProgramme, registerStartup, type Service, startApplications } from './helpers';

/**
 * Finding 4 of issue 12 (DESIGN.md §9): a startup's contact, team and registration number are
 * personal data. The startup and the staff of organisations it submitted an application to
 * (organiser or partner of the programme) or whose cohort it graduated from see them; every other
 * caller gets the public profile, on GET /startups/:id and in GET /startups alike.
 */
describe('startups: who sees personal data', () => {
  let svc: Service;
  let applicant: Awaited<ReturnType<typeof registerStartup>>;
  let drafter: Awaited<ReturnType<typeof registerStartup>>;
  let graduate: Awaited<ReturnType<typeof registerStartup>>;
  let organiser: { manager: TestApiKey; admin: TestApiKey; liaison: TestApiKey };
  let partnerManager: TestApiKey;
  let cohortHostManager: TestApiKey;
  let strangers: TestApiKey[];
  const tag = `pii${Date.now().toString(36)}`;
  const secretsOf = (s: Awaited<ReturnType<typeof registerStartup>>): string[] => [
    s.startup.registrationNumber,
    s.startup.contact.email,
    s.startup.contact.phone,
    s.startup.team[0].email,
    s.startup.team[0].name,
    'CERT-',
  ];
  const certification = (n: string) => ({ kind: 'innovation_certificate', issuer: 'Korea SME Innovation Association', grade: 'AA', certificateNumber: `CERT-${n}`, validFrom: '2025-01-01T00:00:00Z' });

  beforeAll(async () => {
    svc = await startApplications();
    const [organiserOrg, partnerOrg, hostOrg, strangerOrg] = await Promise.all([
      svc.organisation('organising_agency', 'RU'),
      svc.organisation('partner_agency', 'KR'),
      svc.organisation('partner_agency', 'KR'),
      svc.organisation('partner_agency', 'KR'),
    ]);
    organiser = {
      manager: await svc.key('programme_manager', { organisationId: organiserOrg.id }),
      admin: await svc.key('admin', { organisationId: organiserOrg.id }),
      liaison: await svc.key('partner_agency', { organisationId: organiserOrg.id }),
    };
    partnerManager = await svc.key('programme_manager', { organisationId: partnerOrg.id });
    cohortHostManager = await svc.key('programme_manager', { organisationId: hostOrg.id });
    strangers = await Promise.all([
      svc.key('programme_manager', { organisationId: strangerOrg.id }),
      svc.key('admin', { organisationId: strangerOrg.id }),
      svc.key('partner_agency', { organisationId: strangerOrg.id }),
    ]);
    const programme = await createPublishedProgramme(svc, organiser.manager, { partnerOrganisationIds: [partnerOrg.id], eligibility: {} });
    [applicant, drafter, graduate] = await Promise.all(
      ['Applicant', 'Drafter', 'Graduate'].map((who) => registerStartup(svc, { nameLatin: `${who} ${tag}`, certifications: [certification(randomUUID().slice(0, 8))] })),
    );
    await apply(svc, applicant, programme.id);
    const draft = await svc.call('POST', '/applications', drafter.key, { programmeId: programme.id, answers: { pitch: 'Not yet sent' } });
    expect(draft.status).toBe(201);
    // What the cohorts consumer records from cohort.graduated (alumni-recorder.ts): the startup joined the host's cohort.
    await svc.dataSource.query(
      `INSERT INTO applications.alumni_records (startup_id, cohort_id, organisation_id, graduated_at) VALUES ($1, $2, $3, now())`,
      [graduate.id, randomUUID(), hostOrg.id],
    );
  });
  afterAll(async () => {
    await svc?.close();
  });

  const expectFull = (body: Record<string, unknown>, s: Awaited<ReturnType<typeof registerStartup>>) => {
    expect(body).toMatchObject({ id: s.id, profile: 'full', registrationNumber: s.startup.registrationNumber, contact: s.startup.contact, team: s.startup.team });
    expect((body.certifications as Array<{ certificateNumber: string }>)[0].certificateNumber).toMatch(/^CERT-/);
  };
  const expectPublic = (body: Record<string, unknown>, s: Awaited<ReturnType<typeof registerStartup>>) => {
    expect(body).toMatchObject({ id: s.id, profile: 'public', name: s.startup.name, nameLatin: s.startup.nameLatin, country: 'KR', technologyFields: ['medtech', 'ai'], trl: 6 });
    for (const field of ['registrationNumber', 'contact', 'team']) expect(Object.keys(body)).not.toContain(field);
    const text = JSON.stringify(body);
    for (const secret of secretsOf(s)) expect(text).not.toContain(secret);
  };
  const get = async (id: string, key: TestApiKey | { key: string }) => {
    const res = await svc.call('GET', `/startups/${id}`, key);
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };
  const search = async (key: TestApiKey) => {
    const res = await svc.call('GET', `/startups?q=${tag}&limit=200`, key);
    expect(res.status).toBe(200);
    const items = new Map((res.body.items as Array<Record<string, unknown>>).map((item) => [item.id as string, item]));
    return { ids: [...items.keys()], item: (id: string) => items.get(id) ?? { missing: id } };
  };

  it('shows the startup its own full profile', async () => {
    expectFull(await get(applicant.id, applicant.key), applicant);
  });

  it("shows the full profile to the organiser's manager, admin and liaison and to the partner's manager of a programme it applied to", async () => {
    for (const key of [organiser.manager, organiser.admin, organiser.liaison, partnerManager]) {
      expectFull(await get(applicant.id, key), applicant);
      expectFull((await search(key)).item(applicant.id), applicant);
    }
  });

  it('shows only the public profile to the staff of any other organisation, by id and in search', async () => {
    for (const key of strangers) {
      expectPublic(await get(applicant.id, key), applicant);
      const found = await search(key);
      expect([...found.ids].sort()).toEqual([applicant.id, drafter.id, graduate.id].sort());
      for (const s of [applicant, drafter, graduate]) expectPublic(found.item(s.id), s);
    }
  });

  it('counts a submitted application, not a draft that was never sent', async () => {
    expectPublic(await get(drafter.id, organiser.manager), drafter);
    const found = await search(organiser.manager);
    expectFull(found.item(applicant.id), applicant);
    expectPublic(found.item(drafter.id), drafter);
    expectPublic(found.item(graduate.id), graduate);
  });

  it("shows the full profile to the staff of a cohort's host the startup graduated from, and nothing more", async () => {
    expectFull(await get(graduate.id, cohortHostManager), graduate);
    expectPublic(await get(applicant.id, cohortHostManager), applicant);
  });

  it('resolves an upper-case id like its lower-case spelling', async () => {
    expectFull(await get(applicant.id.toUpperCase(), applicant.key), applicant);
    expectFull(await get(applicant.id.toUpperCase(), organiser.manager), applicant);
    expectPublic(await get(applicant.id.toUpperCase(), strangers[0]), applicant);
    const patched = await svc.call('PATCH', `/startups/${applicant.id.toUpperCase()}`, applicant.key, { description: 'Triage robots' });
    expect([patched.status, patched.body.description]).toEqual([200, 'Triage robots']);
    expect((await svc.call('GET', `/startups/${applicant.id.toUpperCase()}`, drafter.key)).status).toBe(404);
  });
});
