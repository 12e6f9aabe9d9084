import { ProblemError, type ApplicationsApi, type ExchangeSdk } from '@exchange/sdk';
import * as body from './bodies';
import { assembleCast, type Admin, type Cast } from './cast';
import { createOnceKnown } from './create-once-known';
import type { Narrator } from './narrator';
import type { PartnerEvent, PartnerReceiver } from '../receiver/partner-receiver';

/** The points between steps where a test may act (kill an instance, restart one). */
export type Checkpoint = 'decided' | 'accepted' | 'pilot-approved' | 'pilot-completed' | 'offer-accepted' | 'graduated';

export interface JourneyOptions {
  /** The exchange's SDK; each party calls with its own key (`api.as(key)`). */
  api: ExchangeSdk;
  receiver: PartnerReceiver;
  admin: Admin;
  narrate: Narrator;
  /** Called at each checkpoint; the journey goes on when it resolves. */
  at?: (checkpoint: Checkpoint) => Promise<void>;
  /** How long to wait for each webhook and each projection (default 60 s). */
  timeoutMs?: number;
}

/** The languages a person may read the exchange in. */
export const JOURNEY_LANGUAGES = ['en', 'ko', 'ru'] as const;
export type JourneyLanguage = (typeof JOURNEY_LANGUAGES)[number];

/** The balance of the agreement in one direction, as the reciprocity report shows it. */
export type ReciprocityDirection = ApplicationsApi.components['schemas']['ReciprocityDirectionResponse'];
/** The agreement's reciprocity report: both directions and the period. */
export type ReciprocityReport = ApplicationsApi.components['schemas']['ReciprocityReportResponse'];
/** What anyone with a certificate's code reads at the public verification route. */
export type CertificateVerification = ApplicationsApi.components['schemas']['CertificateVerificationResponse'];

export interface JourneyResult {
  cast: Cast;
  startupId: string;
  /** The startup's own API key, issued when it registered. */
  startupKey: string;
  programmes: { pilot: string; accelerator: string; partner: string };
  applicationId: string;
  pilotId: string;
  cohortId: string;
  memberId: string;
  fastTrackApplicationId: string;
  missionId: string;
  agreementId: string;
  openCallId: string;
  /** The first submission's eligibility failures as the startup read them: in its own language, and asking for each. */
  eligibilityFailures: Record<JourneyLanguage | 'own', Array<{ rule: string; message: string }>>;
  /** The reasons of the hospital's match proposal in each language, each with its code. */
  matchReasons: Record<JourneyLanguage, Array<{ code: string | null; message: string }>>;
  /** The agreement's reciprocity report once the journey's events have reached it. */
  reciprocity: { towardsPartner: ReciprocityDirection; towardsCity: ReciprocityDirection };
  /**
   * The innovation certificate the association issued to the startup, what the public verification
   * answered for its code (asked without a key), and the status it answered for a code nobody was given.
   */
  certificate: { id: string; verificationCode: string; verification: CertificateVerification; guessedCodeStatus: number };
  /**
   * Why the association's own programme first refused the startup, certified AA where it asks for AAA:
   * the rule the alumni fast track later waives.
   */
  partnerProgrammeFailures: Array<{ rule: string; message: string }>;
  /** The webhooks about the startup the partner must have, in the order the journey caused them. */
  expectedStartupEvents: string[];
  /** Webhooks not about one startup (programme and cohort events), each expected once. */
  expectedOtherEvents: Array<{ type: string; id: string }>;
}

/**
 * The journey of DESIGN.md's programme, over HTTP (and Kafka between the services) only: the
 * agencies set up, a Korean startup applies, is reviewed and accepted, pilots at a Moscow hospital,
 * joins a Seoul cohort, graduates and takes the fast track into the partner's own programme. After
 * every action that causes an event, it waits until the partner agency's receiver has that webhook,
 * verified, so the demo shows the system working and the tests know the order.
 */
export async function runJourney(options: JourneyOptions): Promise<JourneyResult> {
  const { api, receiver, admin, narrate } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const at = options.at ?? (async () => undefined);
  const expectedStartupEvents: string[] = [];
  const expectedOtherEvents: Array<{ type: string; id: string }> = [];
  let startupId = '';

  /** Waits for the partner's webhook about this startup (and whatever else `match` says). */
  const webhook = async (type: string, match: (e: PartnerEvent) => boolean = () => true, detail?: (e: PartnerEvent) => string) => {
    const event = await receiver.waitFor((e) => e.type === type && e.data.startupId === startupId && match(e), `${type} about the startup`, timeoutMs);
    expectedStartupEvents.push(type);
    narrate.received(type, detail?.(event));
    return event;
  };
  /** Waits for a webhook that is not about one startup (programme, cohort). */
  const otherWebhook = async (type: string, match: (e: PartnerEvent) => boolean, detail?: string) => {
    const event = await receiver.waitFor((e) => e.type === type && match(e), type, timeoutMs);
    expectedOtherEvents.push({ type, id: event.id });
    narrate.received(type, detail);
    return event;
  };

  // 1. The admin sets up the organisations, people, keys and the partner's webhook endpoint.
  narrate.step('An admin sets up the exchange');
  const cast = await assembleCast(api, admin, narrate);
  const { cityAgency, partnerAssociation, hospital, accelerator, certificationBody } = cast;
  const endpoint = await api.as(partnerAssociation.liaison.key).notifications.post('/v1/webhook-endpoints', {
    body: { url: receiver.url, eventTypes: ['*'], description: 'Korea Startup Association CRM' },
  });
  receiver.useSecret(endpoint.secret);
  narrate.say(`the association registered its webhook endpoint ${receiver.url} (secret ${endpoint.secret.slice(0, 10)}…)`);
  // The Korean innovation association grades its certificates on its own scale; programmes name it and a grade on it.
  const asCertificationBody = api.as(certificationBody.manager.key).applications;
  const scale = await asCertificationBody.put('/v1/certification-bodies/{organisationId}/grade-scales', {
    params: { path: { organisationId: certificationBody.id } },
    body: body.innovationGrades,
  });
  narrate.say(`한국혁신협회 (Korea Innovation Association) grades its ${scale.kind}: ${scale.grades.join(' < ')}`);

  const publish = async (manager: string, programme: ReturnType<typeof body.pilotProgramme>) => {
    const created = await api.as(manager).applications.post('/v1/programmes', { body: programme });
    await api.as(manager).applications.post('/v1/programmes/{id}/publish', { params: { path: { id: created.id } } });
    await otherWebhook('programme.published', (e) => (e.data.programme as { id: string }).id === created.id, String(programme.nameLatin));
    return created.id;
  };
  const programmes = {
    pilot: await publish(cityAgency.manager.key, body.pilotProgramme(partnerAssociation.id, certificationBody.id)),
    accelerator: await publish(accelerator.manager.key, body.acceleratorProgramme(partnerAssociation.id)),
    partner: await publish(partnerAssociation.manager.key, body.partnerProgramme(accelerator.id, certificationBody.id)),
  };
  // The exchange runs under a memorandum between the two agencies; its report counts what follows.
  const agreement = await api.as(cityAgency.manager.key).applications.post('/v1/agreements', { body: body.exchangeAgreement(partnerAssociation.id) });
  narrate.say(`the city agency and the association recorded their agreement: ${agreement.title} (target: 2 Korean startups)`);
  const whenKnown = <T>(create: () => Promise<T>, notYetKnown: string, service: string): Promise<T> =>
    createOnceKnown(create, notYetKnown, `the ${service} service to learn the programme`, timeoutMs);
  const site = await whenKnown(
    () => api.as(hospital.coordinator.key).pilots.post('/v1/pilot-sites', { body: body.pilotSite(programmes.pilot) }),
    'PILOT_SITE.PROGRAMME_NOT_OPEN_TO_SITES',
    'pilots',
  );
  narrate.say(`the hospital published a pilot site: emergency admissions (${site.id})`);
  const openCall = await api.as(hospital.coordinator.key).pilots.post('/v1/open-calls', { body: body.hospitalOpenCall(site.id) });
  await otherWebhook('open_call.published', (e) => e.data.openCallId === openCall.id, openCall.title);

  // 2. The startup registers, applies, is told every reason it is not eligible, fixes them and submits.
  narrate.step('A Korean startup registers and applies');
  const registered = await api.as(null).applications.post('/v1/startups', { body: body.startupRegistration() });
  startupId = registered.startup.id;
  const startupKey = registered.apiKey;
  const asStartup = api.as(startupKey);
  narrate.say(`메디브릿지 (MediBridge) registered: ${startupId}`);

  // Yesterday it went to Moscow with a business mission: it met the hospital, and a pilot was proposed.
  const asCityManager = api.as(cityAgency.manager.key);
  const mission = await asCityManager.applications.post('/v1/missions', { body: body.moscowMission(partnerAssociation.id, agreement.id) });
  const theMission = { params: { path: { id: mission.id } } };
  for (const participant of body.missionParticipants(startupId, hospital.id)) {
    await asCityManager.applications.post('/v1/missions/{id}/participants', { ...theMission, body: participant });
  }
  await asCityManager.applications.post('/v1/missions/{id}/publish', theMission);
  await otherWebhook('mission.published', (e) => (e.data.mission as { id: string }).id === mission.id, mission.title);
  const proposed = await asCityManager.applications.post('/v1/missions/{id}/proposals', theMission);
  const meetings = await asStartup.applications.get('/v1/missions/{id}/meetings', theMission);
  const meeting = meetings.items[0] ?? fail(`matchmaking proposed no meeting (${JSON.stringify(proposed)})`);
  narrate.say(`mission "${mission.title}": a meeting with the hospital proposed, because ${meeting.reasons.map((r) => r.message).join(' ')}`);
  const theMeeting = { params: { path: { id: mission.id, meetingId: meeting.id } } };
  await asStartup.applications.post('/v1/missions/{id}/meetings/{meetingId}/accept', theMeeting);
  await api.as(hospital.coordinator.key).applications.post('/v1/missions/{id}/meetings/{meetingId}/accept', theMeeting);
  const schedule = await asCityManager.applications.post('/v1/missions/{id}/schedule', theMission);
  await otherWebhook('mission.schedule_published', (e) => (e.data.mission as { id: string }).id === mission.id, `${schedule.placed} of ${schedule.requested} meetings placed`);
  const agenda = await asStartup.applications.get('/v1/missions/{id}/agenda', theMission);
  const slot = agenda.items[0]?.slot ?? fail('the accepted meeting has no place in the agenda');
  narrate.say(`the meeting took place at ${slot.startsAt} (${slot.room})`);
  const outcome = await asCityManager.applications.post('/v1/missions/{id}/meetings/{meetingId}/outcome', {
    ...theMeeting,
    body: { outcome: 'pilot_proposed', note: 'The hospital wants to test the triage in its emergency department.', pilotApplication: { programmeId: programmes.pilot, startupId } },
  });
  await otherWebhook('mission.meeting_outcome_recorded', (e) => e.data.meetingId === meeting.id, 'pilot proposed');
  const draftId = outcome.outcome?.pilotApplicationId ?? fail('the pilot_proposed outcome opened no application');
  narrate.say(`the outcome opened a draft application to the pilot programme (${draftId}); the founders fill it in`);
  const draft = await asStartup.applications.patch('/v1/applications/{id}', {
    params: { path: { id: draftId } },
    body: { answers: { pitch: 'AI triage that halves night-time waiting in emergency departments.' } },
  });
  const submitDraft = { params: { path: { id: draft.id } } };
  const refused = await asStartup.applications.post('/v1/applications/{id}/submit', submitDraft).then(
    () => fail('a submission that should fail eligibility was accepted'),
    (err: unknown) => err,
  );
  if (!(refused instanceof ProblemError) || refused.status !== 422) throw refused;
  type Failures = Array<{ rule: string; message: string }>;
  const failures = (refused.problem.failures ?? []) as Failures;
  narrate.say(`submission refused (${refused.status}), every reason listed:`);
  for (const failure of failures) narrate.say(`  ✗ ${failure.rule}: ${failure.message}`);
  // The startup reads Korean, its own language, unless it asks for another: the codes stay, the words change.
  const eligibilityFailures = { own: failures } as JourneyResult['eligibilityFailures'];
  for (const language of JOURNEY_LANGUAGES) {
    const inLanguage = await asStartup.applications
      .post('/v1/applications/{id}/submit', { params: { path: { id: draft.id } }, headers: { 'accept-language': language } })
      .then(
        () => fail('a submission that should fail eligibility was accepted'),
        (err: unknown) => err,
      );
    if (!(inLanguage instanceof ProblemError) || inLanguage.status !== 422) throw inLanguage;
    eligibilityFailures[language] = (inLanguage.problem.failures ?? []) as Failures;
    if (language !== 'ko') narrate.say(`  (${language}) ${eligibilityFailures[language].map((f) => f.message).join(' ')}`);
  }
  const profile = { params: { path: { id: startupId } } };
  const current = await asStartup.applications.get('/v1/startups/{id}', profile);
  await asStartup.applications.patch('/v1/startups/{id}', { ...profile, body: { ...body.startupFixes, version: current.version } });
  narrate.say('the founders fixed the profile: fields medtech + ai, readiness level 6, founded 2022-03-01');
  // The certificate the startup declared itself does not count: the association certifies it.
  const issued = await asCertificationBody.post('/v1/certifications', { body: body.innovationCertificate(startupId) });
  narrate.say(`한국혁신협회 certified MediBridge: ${issued.kind} grade ${issued.grade}, verification code ${issued.verificationCode}`);
  // Anyone with the code verifies it, without a key; a code nobody was given says nothing.
  const verification = await api.as(null).applications.get('/v1/certificate-verifications/{code}', { params: { path: { code: issued.verificationCode } } });
  narrate.say(`public verification of ${issued.verificationCode}: ${verification.state}, grade ${verification.grade}, issued by ${verification.issuer.nameLatin ?? verification.issuer.name} to ${verification.startup.nameLatin ?? verification.startup.name}`);
  const guessed = await api
    .as(null)
    .applications.get('/v1/certificate-verifications/{code}', { params: { path: { code: body.guessedVerificationCode } } })
    .then(
      () => fail('a guessed verification code named a certificate'),
      (err: unknown) => err,
    );
  if (!(guessed instanceof ProblemError)) throw guessed;
  // The programme's rule now passes with the association's certificate (the other failures were fixed above).
  await asStartup.applications.post('/v1/applications/{id}/submit', submitDraft);
  narrate.say("submitted: the association's AA certificate meets the programme's verified-certificate rule");
  await webhook('application.submitted', (e) => e.data.applicationId === draft.id);
  // The association's own programme asks for more: its top grade, AAA. The startup drafts an application
  // there too and is told why it cannot submit it yet (the fast track of step 6 waives that rule).
  const second = await asStartup.applications.post('/v1/applications', {
    body: { programmeId: programmes.partner, answers: { pitch: 'AI triage for the emergency departments of Seoul hospitals.' } },
  });
  const tooLow = await asStartup.applications.post('/v1/applications/{id}/submit', { params: { path: { id: second.id } } }).then(
    () => fail('a submission without the AAA certificate was accepted before the startup graduated'),
    (err: unknown) => err,
  );
  if (!(tooLow instanceof ProblemError) || tooLow.status !== 422) throw tooLow;
  const partnerProgrammeFailures = (tooLow.problem.failures ?? []) as Failures;
  narrate.say(`the association's own programme refused it for now: ${partnerProgrammeFailures.map((f) => `${f.rule}: ${f.message}`).join(' ')}`);
  // The founders find the hospital's open call by searching, misspelt, without a key, and answer it.
  const found = await api.as(null).pilots.get('/v1/open-calls', { params: { query: { q: 'сортировка пациентв' } } });
  // First, or behind only the same call published by an earlier run of the journey on this system.
  const rank = found.items.findIndex((c) => c.id === openCall.id);
  if (rank < 0 || found.items.slice(0, rank).some((c) => c.title !== openCall.title)) {
    fail(`the search did not find the hospital's open call first: ${JSON.stringify(found.items.map((c) => c.title))}`);
  }
  const answer = await asStartup.pilots.post('/v1/open-calls/{id}/answers', { params: { path: { id: openCall.id } }, body: body.openCallAnswer });
  await webhook('open_call.answered', (e) => e.data.answerId === answer.id, () => openCall.title);

  // 3. Three reviewers score it; the manager accepts it.
  narrate.step('Three reviewers score it; the programme manager accepts it');
  for (const [i, reviewer] of cityAgency.reviewers.entries()) {
    const assignment = await asCityManager.applications.post('/v1/programmes/{id}/review-assignments', {
      params: { path: { id: programmes.pilot } },
      body: { applicationId: draft.id, reviewerPrincipalId: reviewer.principalId, dueAt: body.inDays(7) },
    });
    await webhook('review.assigned', (e) => e.data.assignmentId === assignment.id, () => reviewer.name);
    await api.as(reviewer.key).applications.post('/v1/review-assignments/{id}/review', { params: { path: { id: assignment.id } }, body: body.reviewScores[i] });
    await webhook('application.review_submitted', (e) => e.data.assignmentId === assignment.id, (e) => `${e.data.reviewsDone}/${e.data.reviewsRequired}`);
  }
  const reviewed = await asCityManager.applications.get('/v1/applications/{id}', submitDraft);
  await asCityManager.applications.post('/v1/applications/{id}/decision', {
    ...submitDraft,
    body: { outcome: 'accept', reason: 'Top score; strong clinical fit.', version: reviewed.version },
  });
  await at('decided');
  await webhook('application.accepted', (e) => e.data.applicationId === draft.id, () => `score ${reviewed.score?.toFixed(2)}`);
  await at('accepted');

  // 4. The pilots service proposes sites; the manager approves one; the hospital runs the pilot.
  narrate.step('The pilots service proposes a site; the pilot runs at the hospital');
  await webhook('pilot.match_proposed', (e) => e.data.siteId === site.id);
  const proposals = await asCityManager.pilots.get('/v1/match-proposals', { params: { query: { startupId } } });
  for (const p of proposals.items) {
    narrate.say(`proposal: ${p.siteName}, score ${p.score}`);
    for (const reason of p.reasons) narrate.say(`  • ${reason}`);
  }
  const proposal = proposals.items.find((p) => p.siteId === site.id) ?? fail("no match proposal for the hospital's site");
  type Reasons = JourneyResult['matchReasons']['en'];
  const matchReasons = {} as Record<JourneyLanguage, Reasons>;
  for (const language of JOURNEY_LANGUAGES) {
    const read = await asCityManager.pilots.get('/v1/match-proposals', { params: { query: { startupId } }, headers: { 'accept-language': language } });
    matchReasons[language] = (read.items.find((p) => p.id === proposal.id) ?? fail('the proposal vanished')).localisedReasons;
  }
  narrate.say(`  (ko) ${matchReasons.ko.map((r) => r.message).join(' ')}`);
  const pilot = await asCityManager.pilots.post('/v1/match-proposals/{id}/approve', { params: { path: { id: proposal.id } }, body: body.pilotApproval });
  await webhook('pilot.approved', (e) => e.data.pilotId === pilot.id);
  await at('pilot-approved');
  const asHospital = api.as(hospital.coordinator.key);
  const thePilot = { params: { path: { id: pilot.id } } };
  await asHospital.pilots.post('/v1/pilots/{id}/schedule', { ...thePilot, body: { startsOn: body.inDays(0).slice(0, 10) } });
  await webhook('pilot.scheduled', (e) => e.data.pilotId === pilot.id);
  await asHospital.pilots.post('/v1/pilots/{id}/start', { ...thePilot, body: {} });
  await webhook('pilot.started', (e) => e.data.pilotId === pilot.id);
  await asHospital.pilots.post('/v1/pilots/{id}/complete', { ...thePilot, body: body.pilotReport });
  await webhook('pilot.completed', (e) => e.data.pilotId === pilot.id, (e) => `outcome ${e.data.outcome}`);
  await at('pilot-completed');

  // 5. The Seoul cohort offers it a place; it accepts; the cohort graduates.
  narrate.step('The Seoul cohort offers a place; the startup accepts; the cohort graduates');
  const asAccelerator = api.as(accelerator.manager.key);
  const cohort = await whenKnown(
    () => asAccelerator.cohorts.post('/v1/cohorts', { body: body.seoulCohort(programmes.accelerator, partnerAssociation.id) }),
    'COHORT.PROGRAMME_NOT_ORGANISED',
    'cohorts',
  );
  const theCohort = { params: { path: { id: cohort.id } } };
  await otherWebhook('cohort.opened', (e) => e.data.cohortId === cohort.id, 'Seoul Global Cohort Spring 2027');
  // The successful pilot reaches the cohorts service as an event: wait until the startup is a candidate.
  await eventually(
    async () => {
      const candidates = await asAccelerator.cohorts.get('/v1/cohorts/{cohortId}/candidates', { params: { path: { cohortId: cohort.id } } });
      return candidates.items.some((c) => c.startupId === startupId);
    },
    'the startup to become a candidate of the cohort',
    timeoutMs,
  );
  const selection = await asAccelerator.cohorts.post('/v1/cohorts/{id}/selection/commit', { ...theCohort, body: { version: cohort.version } });
  const offered = selection.offers.find((o) => o.startupId === startupId) ?? fail('the selection made the startup no offer');
  const offer = { ...offered, memberId: offered.memberId ?? fail('a committed offer has no member id') };
  narrate.say(`selection committed: ${selection.offers.length} offer(s); the startup's effective score ${offer.effectiveScore} (successful pilot bonus)`);
  await webhook('cohort.offer_made', (e) => e.data.offerId === offer.memberId);
  await asStartup.cohorts.post('/v1/offers/{id}/accept', { params: { path: { id: offer.memberId } } });
  await webhook('cohort.offer_accepted', (e) => e.data.offerId === offer.memberId);
  await at('offer-accepted');
  const selecting = await asAccelerator.cohorts.get('/v1/cohorts/{id}', theCohort);
  await asAccelerator.cohorts.post('/v1/cohorts/{id}/start', { ...theCohort, body: { version: selecting.version } });
  await otherWebhook('cohort.started', (e) => e.data.cohortId === cohort.id);
  const started = await asAccelerator.cohorts.get('/v1/cohorts/{id}', theCohort);
  await asAccelerator.cohorts.post('/v1/cohorts/{id}/graduate', {
    ...theCohort,
    body: { version: started.version, outcomes: [{ memberId: offer.memberId, graduated: true, note: 'Demo day winner' }] },
  });
  await webhook('cohort.graduated', (e) => e.data.cohortId === cohort.id);
  await at('graduated');

  // 6. The graduate applies to the association's own programme on the alumni fast track.
  narrate.step("The graduate submits its application to the partner's programme on the fast track");
  // The graduation reaches the applications service as an event; until then the certificate rule applies.
  const submitted = await eventually(
    () =>
      asStartup.applications.post('/v1/applications/{id}/submit', { params: { path: { id: second.id } } }).catch((err: unknown) => {
        if (err instanceof ProblemError && err.status === 422) return false as const;
        throw err;
      }),
    'the fast-track submission to be accepted',
    timeoutMs,
  );
  if (!submitted.fastTrack) fail('the submission was not marked fast track');
  narrate.say("submitted with an AA certificate where the programme asks for the association's AAA: the alumni fast track waived that rule");
  await webhook('application.submitted', (e) => e.data.applicationId === second.id, () => 'fast track');

  // 7. What the partner agency received.
  narrate.step("What the partner agency's receiver holds for this startup");
  const held = receiver.forStartup(startupId);
  narrate.say(`${held.length} events about the startup, each verified and kept once (${receiver.duplicates()} repeated deliveries acknowledged and ignored):`);
  narrate.say(held.map((e) => e.type).join(' → '));

  // 8. The balance of the agreement, counted from the same events by the applications service.
  narrate.step('The balance of the exchange under the agreement');
  const asLiaison = api.as(partnerAssociation.liaison.key);
  const reciprocity = await eventually(
    async () => {
      const report = await asLiaison.applications.get('/v1/agreements/{id}/reciprocity', { params: { path: { id: agreement.id } } });
      const towardsCity = report.directions.find((d) => d.to.organisationId === cityAgency.id) ?? fail('no direction towards the city agency');
      const towardsPartner = report.directions.find((d) => d.to.organisationId === partnerAssociation.id) ?? fail('no direction towards the association');
      const arrived = towardsCity.pilotsCompleted >= 1 && towardsCity.acceptances >= 1 && towardsCity.missionPilotsProposed >= 1;
      return arrived ? { towardsCity, towardsPartner } : (false as const);
    },
    "the journey's events to reach the reciprocity report",
    timeoutMs,
  );
  const line = (d: ReciprocityDirection) =>
    `${d.from.nameLatin ?? d.from.name} → ${d.to.nameLatin ?? d.to.name}: ${d.startupsSent} startup(s), ${d.applications} application(s), ${d.acceptances} accepted, ` +
    `${d.pilotsStarted} pilot(s) started, ${d.pilotsCompleted} completed, ${d.pilotsAdopted} adopted (${d.contractValue}), ${d.cohortPlaces} cohort place(s), ${d.graduates} graduate(s), ` +
    `${d.missionMeetings} mission meeting(s) (${d.missionPilotsProposed} pilot(s) proposed), ${d.pitchesMade} pitch(es)`;
  narrate.say(line(reciprocity.towardsCity));
  narrate.say(line(reciprocity.towardsPartner));

  return {
    cast,
    startupId,
    startupKey,
    programmes,
    applicationId: draft.id,
    pilotId: pilot.id,
    cohortId: cohort.id,
    memberId: offer.memberId,
    fastTrackApplicationId: second.id,
    missionId: mission.id,
    agreementId: agreement.id,
    openCallId: openCall.id,
    certificate: { id: issued.id, verificationCode: issued.verificationCode, verification, guessedCodeStatus: guessed.status },
    partnerProgrammeFailures,
    eligibilityFailures,
    matchReasons,
    reciprocity,
    expectedStartupEvents,
    expectedOtherEvents,
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Polls until `probe` returns a value (not false), for projections that other services fill from events. */
async function eventually<T>(probe: () => Promise<T | false>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
