import { z } from 'zod';
import { IsoTime, ProgrammeRef, Uuid, type EventKeyRules } from './common';

/** `programmeId` stays beside `programme` for the consumers and webhook receivers that read it. */
const CohortRef = z.object({ cohortId: Uuid, programmeId: Uuid, programme: ProgrammeRef });
const MemberBase = CohortRef.extend({ startupId: Uuid, group: z.string() });

export const CohortOpened = CohortRef.extend({
  name: z.string(),
  hostCity: z.string(),
  capacity: z.number().int().positive(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
});
export const CohortOfferMade = MemberBase.extend({ offerId: Uuid, rank: z.number().int().positive(), deadline: IsoTime });
export const CohortOfferAccepted = MemberBase.extend({ offerId: Uuid });
export const CohortOfferDeclined = MemberBase.extend({ offerId: Uuid, reason: z.string().nullable() });
export const CohortOfferExpired = MemberBase.extend({ offerId: Uuid, deadline: IsoTime });
export const CohortWaitlisted = MemberBase.extend({ position: z.number().int().positive() });
export const CohortStarted = CohortRef.extend({ members: z.number().int().min(0), startedAt: IsoTime });
export const CohortGraduated = MemberBase.extend({
  graduated: z.boolean(),
  note: z.string().nullable(),
  /** The organisation hosting the cohort: its partners' programmes offer the alumni fast track. */
  hostOrgId: Uuid,
});

/** One startup of a pitch day's results: ranked by the jury, or not scored (and why). */
const PitchResult = z.object({
  startupId: Uuid,
  /** Rank within the group, 1 = best; null when the pitch was not scored. */
  rank: z.number().int().positive().nullable(),
  /** The mean weighted jury score on the session's scale (0..maxScore); null when not scored. */
  pitchScore: z.number().min(0).nullable(),
  /** Jurors whose scores counted. */
  jurors: z.number().int().min(0),
  placement: z.enum(['offer', 'waitlist', 'not_scored']),
  /** Why a pitch was not scored: the startup was absent, or fewer jurors than the quorum scored it. */
  notScoredReason: z.enum(['absent', 'below_quorum']).nullable(),
});

/**
 * A pitch day's ranked results per group, written when its cohort's selection is committed.
 * `agreementId`: the agreement (MOU) the organiser named for the pitch day, null when none (added
 * after the first release: absent from earlier events). The cohorts service does not check it; the
 * reciprocity report counts the pitch day only under that agreement, and only if the programme's
 * organiser is a party to it.
 */
export const PitchDayResultsPublished = CohortRef.extend({
  pitchDayId: Uuid,
  agreementId: Uuid.nullable().optional(),
  perGroup: z.number().int().positive(),
  publishedAt: IsoTime,
  groups: z.array(
    z.object({
      group: z.string(),
      sessionId: Uuid,
      maxScore: z.number().int().positive(),
      minJurors: z.number().int().positive(),
      results: z.array(PitchResult),
    }),
  ),
});

export const cohortEvents = {
  'cohort.opened': CohortOpened,
  'cohort.offer_made': CohortOfferMade,
  'cohort.offer_accepted': CohortOfferAccepted,
  'cohort.offer_declined': CohortOfferDeclined,
  'cohort.offer_expired': CohortOfferExpired,
  'cohort.waitlisted': CohortWaitlisted,
  'cohort.started': CohortStarted,
  'cohort.graduated': CohortGraduated,
  'pitch_day.results_published': PitchDayResultsPublished,
} as const;

const byCohort = (data: { cohortId: string }) => data.cohortId;
const byStartup = (data: { startupId: string }) => data.startupId;

/** Events about the cohort itself are keyed by the cohort; events about one member by its startup. */
export const cohortEventKeys: EventKeyRules<typeof cohortEvents> = {
  'cohort.opened': byCohort,
  'cohort.offer_made': byStartup,
  'cohort.offer_accepted': byStartup,
  'cohort.offer_declined': byStartup,
  'cohort.offer_expired': byStartup,
  'cohort.waitlisted': byStartup,
  'cohort.started': byCohort,
  'cohort.graduated': byStartup,
  // About the cohort's whole selection, like cohort.opened and cohort.started.
  'pitch_day.results_published': byCohort,
};
