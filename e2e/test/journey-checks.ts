import type { Pool } from 'pg';
import { type SmtpInbox, waitFor } from '@exchange/platform/testing';
import type { JourneyResult, ReciprocityDirection, ReciprocityReport } from '../src/journey/journey';
import type { PartnerReceiver } from '../src/receiver/partner-receiver';

/** The webhooks about the startup that the journey causes, in the order it causes them. */
export const JOURNEY_STARTUP_EVENTS = [
  'application.submitted',
  'open_call.answered',
  'review.assigned',
  'application.review_submitted',
  'review.assigned',
  'application.review_submitted',
  'review.assigned',
  'application.review_submitted',
  'application.accepted',
  'pilot.match_proposed',
  'pilot.approved',
  'pilot.scheduled',
  'pilot.started',
  'pilot.completed',
  'cohort.offer_made',
  'cohort.offer_accepted',
  'cohort.graduated',
  'application.submitted',
];

/** Waits until the receiver has been quiet for a while, so late redeliveries are counted too. */
export async function settle(receiver: PartnerReceiver, quietMs = 3_000, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const now = receiver.all().reduce((sum, e) => sum + e.copies, 0) + receiver.rejected.length;
    if (now !== seen) {
      seen = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const count = async (db: Pool, sql: string, params: unknown[]): Promise<number> => Number((await db.query(sql, params)).rows[0].n);

/** Sorted `type × n` lines, so a failed comparison shows which event type is off. */
export function tally(types: string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].map(([t, n]) => `${t} × ${n}`).sort();
}

/**
 * The journey's effects in every service's own tables, each exactly once: the events each service
 * wrote (its outbox), what the consumers made of the events they received (projections, proposals,
 * alumni records), and the deliveries. A redelivered event applied twice would show here.
 */
export async function checkJourneyEffects(db: Pool, result: JourneyResult): Promise<void> {
  const startup = result.startupId;
  // An answer to an open call is about the startup but keyed by the call (the call's answers stay in order).
  const keyedByStartup = result.expectedStartupEvents.filter((type) => !type.startsWith('open_call.'));
  const { rows: callEvents } = await db.query(`SELECT type FROM pilots.outbox WHERE key = $1`, [result.openCallId]);
  expect(tally(callEvents.map((r: { type: string }) => r.type))).toEqual(tally(['open_call.published', 'open_call.answered']));
  const written: string[] = [];
  for (const schema of ['applications', 'pilots', 'cohorts']) {
    const { rows } = await db.query(`SELECT type FROM ${schema}.outbox WHERE key = $1`, [startup]);
    written.push(...rows.map((r: { type: string }) => r.type));
  }
  // The startup's own principal is announced under the startup's key too (person.registered), and so is
  // the certificate the association issued it (certification.issued: the issuing body's event alone,
  // never delivered to the partner, which expectEveryEventDeliveredOnce holds).
  expect(tally(written)).toEqual(tally(['startup.registered', 'person.registered', 'startup.updated', 'certification.issued', ...keyedByStartup]));
  // The pilot application met the certificate rule; the partner programme's was waived (fast track).
  const { rows: fastTrack } = await db.query(`SELECT id, fast_track FROM applications.applications WHERE startup_id = $1 ORDER BY created_at`, [startup]);
  expect(fastTrack).toEqual([
    { id: result.applicationId, fast_track: false },
    { id: result.fastTrackApplicationId, fast_track: true },
  ]);

  // Consumers' effects: one projection row, one proposal, one pilot, one cohort place, one alumni record.
  expect(await count(db, `SELECT count(*) AS n FROM pilots.candidates WHERE startup_id = $1`, [startup])).toBe(1);
  expect(await count(db, `SELECT count(*) AS n FROM pilots.match_proposals WHERE startup_id = $1`, [startup])).toBe(1);
  expect(await count(db, `SELECT count(*) AS n FROM pilots.pilots WHERE startup_id = $1`, [startup])).toBe(1);
  const { rows: candidates } = await db.query(`SELECT jsonb_array_length(pilot_outcomes) AS outcomes FROM cohorts.candidates WHERE startup_id = $1`, [startup]);
  expect(candidates).toEqual([{ outcomes: 1 }]);
  expect(await count(db, `SELECT count(*) AS n FROM cohorts.members WHERE startup_id = $1`, [startup])).toBe(1);
  expect(await count(db, `SELECT count(*) AS n FROM applications.alumni_records WHERE startup_id = $1`, [startup])).toBe(1);
  const { rows: history } = await db.query(
    `SELECT to_state FROM applications.application_status_history WHERE application_id = $1 ORDER BY at, id`,
    [result.applicationId],
  );
  expect(history.map((h: { to_state: string }) => h.to_state).filter((s: string) => s === 'accepted')).toEqual(['accepted']);

  // Notifications: each event recorded once, one delivery per event to the partner, all succeeded.
  const { rows: deliveries } = await db.query(
    `SELECT e.type, d.state FROM notifications.events e JOIN notifications.deliveries d ON d.event_id = e.id WHERE e.key = $1`,
    [startup],
  );
  // The notifications service files every event by the startup it is about, whatever its Kafka key.
  expect(tally(deliveries.map((d: { type: string }) => d.type))).toEqual(tally(result.expectedStartupEvents));
  expect(deliveries.filter((d: { state: string }) => d.state !== 'succeeded')).toEqual([]);
}

/** The mail each journey causes to its startup, by kind (the Korean startup reads Korean). */
export const JOURNEY_STARTUP_MAIL = [
  'application.submitted',
  'application.decided',
  'pilot.proposed',
  'pilot.approved',
  'pilot.scheduled',
  'cohort.offer',
  'cohort.graduated',
  'application.submitted',
];

/**
 * People heard of the journey by mail, once each, through a real SMTP server: the startup in its
 * language, each reviewer of its assignment (never the startup's name: a review may be blind), the
 * hospital's coordinator of the approved pilot. Every message the outbox holds reached the server.
 */
export async function checkJourneyMail(db: Pool, inbox: SmtpInbox, result: JourneyResult): Promise<void> {
  type Row = { id: string; kind: string; language: string; state: string; recipient_id: string; subject: string; text_body: string };
  const mailOf = async (where: string, params: unknown[]) => (await db.query<Row>(`SELECT * FROM notifications.mail_messages WHERE ${where} ORDER BY created_at`, params)).rows;
  const toStartup = await waitFor(
    async () => {
      const rows = await mailOf('startup_id = $1', [result.startupId]);
      return rows.length >= JOURNEY_STARTUP_MAIL.length && rows.every((r) => r.state === 'sent') ? rows : undefined;
    },
    { what: 'the mail to the startup, sent', timeoutMs: 30_000 },
  );
  expect(tally(toStartup.map((r) => r.kind))).toEqual(tally(JOURNEY_STARTUP_MAIL));
  expect(new Set(toStartup.map((r) => r.language))).toEqual(new Set(['ko']));
  expect(toStartup.every((r) => /[\uac00-\ud7a3]/.test(r.subject))).toBe(true);

  const reviewerIds = result.cast.cityAgency.reviewers.map((r) => r.principalId);
  const toReviewers = await mailOf(`recipient_id = ANY($1::uuid[]) AND kind = 'review.assigned'`, [reviewerIds]);
  expect(toReviewers.map((r) => r.recipient_id).sort()).toEqual([...reviewerIds].sort());
  const startupName = (await db.query<{ name: string; name_latin: string }>(`SELECT name, name_latin FROM applications.startups WHERE id = $1`, [result.startupId])).rows[0];
  for (const mail of toReviewers) expect(mail.text_body).not.toContain(startupName.name_latin);
  const toHost = await mailOf(`recipient_id = $1 AND kind = 'host.pilot_approved'`, [result.cast.hospital.coordinator.principalId]);
  expect(toHost.map((r) => r.language)).toEqual(['ru']);

  // What the SMTP server received: each message of the outbox once (its Message-ID is the row's id).
  const all = [...toStartup, ...toReviewers, ...toHost];
  await waitFor(() => all.every((r) => inbox.messages.some((m) => m.messageId === `<${r.id}@startup-exchange>`)) || undefined, { what: 'every message at the SMTP server' });
  for (const row of all) expect(inbox.messages.filter((m) => m.messageId === `<${row.id}@startup-exchange>`)).toHaveLength(1);
}

/**
 * What the startup and the manager read, in each of the three languages: the same machine codes in
 * the same order, the words in the reader's script (the answered open call among the match reasons).
 */
export function checkJourneyLanguages(result: JourneyResult): void {
  const script = { ko: /[\uac00-\ud7a3]/, ru: /[\u0400-\u04ff]/ };
  const { en, ko, ru, own } = result.eligibilityFailures;
  // Without Accept-Language the startup reads its preferred language, Korean.
  expect(own).toEqual(ko);
  expect(en.map((f) => f.rule)).toEqual(expect.arrayContaining(['TECHNOLOGY_FIELD_NOT_ELIGIBLE', 'READINESS_LEVEL_TOO_LOW', 'CERTIFICATION_NOT_VERIFIED']));
  // The certificate the startup declared itself does not count: the failure names the body whose does.
  expect(en.find((f) => f.rule === 'CERTIFICATION_NOT_VERIFIED')?.message).toContain('Korea Innovation Association');
  for (const [language, failures] of [['ko', ko], ['ru', ru]] as const) {
    expect(failures.map((f) => f.rule)).toEqual(en.map((f) => f.rule));
    for (const failure of failures) expect(failure.message).toMatch(script[language]);
  }
  for (const failure of en) expect(failure.message).not.toMatch(/[\uac00-\ud7a3\u0400-\u04ff]/);

  const codes = result.matchReasons.en.map((r) => r.code);
  expect(codes).toContain('OPEN_CALL_ANSWERED');
  for (const language of ['ko', 'ru'] as const) {
    expect(result.matchReasons[language].map((r) => r.code)).toEqual(codes);
    for (const reason of result.matchReasons[language]) expect(reason.message).toMatch(script[language]);
  }
  expect(result.matchReasons.en.find((r) => r.code === 'OPEN_CALL_ANSWERED')?.message).toMatch(/^Answered this open call on .+/);
}

/**
 * The Korean innovation association's certificate: anyone with its code verifies it without a key (the
 * same grade the startup had declared itself did not pass the pilot programme; this one did, see
 * checkJourneyLanguages and checkJourneyEffects), a guessed code finds nothing, and the association's
 * own programme, asking for AAA, refused the startup's AA until the fast track waived the rule.
 */
export function checkCertification(result: JourneyResult): void {
  const { verification, verificationCode, guessedCodeStatus } = result.certificate;
  expect(verification).toMatchObject({
    verificationCode,
    kind: 'innovation_certificate',
    grade: 'AA',
    issuer: { name: '한국혁신협회', nameLatin: 'Korea Innovation Association' },
    startup: { name: '메디브릿지', nameLatin: 'MediBridge' },
    state: 'valid',
    revokedAt: null,
  });
  expect(guessedCodeStatus).toBe(404);
  expect(result.partnerProgrammeFailures.map((f) => f.rule)).toEqual(['CERTIFICATION_GRADE_TOO_LOW']);
}

/**
 * The agreement's balance shows exactly the journey: one Korean startup met the hospital on the
 * agency's mission under the agreement (a pilot proposed), was sent to the Moscow agency's pilot
 * programme, accepted, piloted and adopted (the hospital buys, 1,500,000). The Seoul cohort's
 * organiser is not a party and the fast-track application stays in Korea, so neither counts; nothing
 * went from Moscow to Seoul. `report` is read once every delivery has settled, so an event delivered
 * late or twice would show in it.
 */
export function checkReciprocity(report: ReciprocityReport, result: JourneyResult): void {
  expect(report.agreementId).toBe(result.agreementId);
  const { cityAgency, partnerAssociation } = result.cast;
  const towardsCity = report.directions.find((d) => d.to.organisationId === cityAgency.id);
  const towardsPartner = report.directions.find((d) => d.to.organisationId === partnerAssociation.id);
  if (!towardsCity || !towardsPartner) throw new Error(`the report lacks a direction: ${JSON.stringify(report.directions.map((d) => [d.from, d.to]))}`);
  const counts = (d: ReciprocityDirection) => ({
    startupsSent: d.startupsSent,
    applications: d.applications,
    acceptances: d.acceptances,
    pilotsStarted: d.pilotsStarted,
    pilotsCompleted: d.pilotsCompleted,
    pilotsAdopted: d.pilotsAdopted,
    contractValue: d.contractValue,
    cohortPlaces: d.cohortPlaces,
    graduates: d.graduates,
    pitchesMade: d.pitchesMade,
    pitchSelections: d.pitchSelections,
    missionMeetings: d.missionMeetings,
    missionAgreementsSigned: d.missionAgreementsSigned,
    missionPilotsProposed: d.missionPilotsProposed,
  });
  const none = { startupsSent: 0, applications: 0, acceptances: 0, pilotsStarted: 0, pilotsCompleted: 0, pilotsAdopted: 0, contractValue: 0, cohortPlaces: 0, graduates: 0 };
  const noMissionOrPitch = { pitchesMade: 0, pitchSelections: 0, missionMeetings: 0, missionAgreementsSigned: 0, missionPilotsProposed: 0 };
  // The mission ran under the agreement: its one meeting, a Korean startup in Moscow, proposed a pilot.
  expect(counts(towardsCity)).toEqual({
    ...none, startupsSent: 1, applications: 1, acceptances: 1, pilotsStarted: 1, pilotsCompleted: 1, pilotsAdopted: 1, contractValue: 1_500_000,
    ...noMissionOrPitch, missionMeetings: 1, missionPilotsProposed: 1,
  });
  expect(towardsCity.from.organisationId).toBe(partnerAssociation.id);
  // The association meant to send two startups over the agreement: one is half way.
  expect([towardsCity.target, towardsCity.progress]).toEqual([2, 0.5]);
  expect(counts(towardsPartner)).toEqual({ ...none, ...noMissionOrPitch });
}
