import { z } from 'zod';
import { CountryCode, IsoTime, ProgrammeRef, StartupSummary, Uuid, type EventKeyRules } from './common';

export const StartupRegistered = z.object({ startup: StartupSummary, registeredAt: IsoTime });
export const StartupUpdated = z.object({ startup: StartupSummary, changedFields: z.array(z.string()) });

const ApplicationBase = z.object({
  applicationId: Uuid,
  startupId: Uuid,
  programme: ProgrammeRef,
});

export const ApplicationSubmitted = ApplicationBase.extend({ submittedAt: IsoTime });
export const ApplicationWithdrawn = ApplicationBase.extend({ reason: z.string().nullable() });
export const ReviewAssigned = ApplicationBase.extend({
  assignmentId: Uuid,
  reviewerId: Uuid,
  dueAt: IsoTime,
});
export const ReviewOverdue = ReviewAssigned.extend({ overdueSince: IsoTime });
export const ApplicationReviewSubmitted = ApplicationBase.extend({
  assignmentId: Uuid,
  reviewerId: Uuid,
  abstained: z.boolean(),
  reviewsDone: z.number().int().min(0),
  reviewsRequired: z.number().int().min(1),
});

const Decision = ApplicationBase.extend({
  reason: z.string(),
  score: z.number().nullable(),
  decidedBy: Uuid,
  decidedAt: IsoTime,
});
export const ApplicationAccepted = Decision.extend({
  startup: StartupSummary,
  /** True when the startup skipped the certification rule as an alumna of a partner's cohort. */
  fastTrack: z.boolean().default(false),
});
export const ApplicationRejected = Decision;
export const ApplicationWaitlisted = Decision;

/**
 * A programme opened to applications. Carries who runs it, so consumers learn a programme (and its
 * partner agencies) even when nobody applies to it, e.g. an accelerator filled through pilots.
 */
export const ProgrammePublished = z.object({
  programme: ProgrammeRef,
  name: z.string().min(1),
  nameLatin: z.string().nullable(),
  hostCountry: CountryCode,
  hostCity: z.string(),
  opensAt: IsoTime,
  closesAt: IsoTime,
  publishedAt: IsoTime,
});
/** A programme that takes no more applications. */
export const ProgrammeClosed = z.object({ programme: ProgrammeRef, closedAt: IsoTime });

export const applicationEvents = {
  'programme.published': ProgrammePublished,
  'programme.closed': ProgrammeClosed,
  'startup.registered': StartupRegistered,
  'startup.updated': StartupUpdated,
  'application.submitted': ApplicationSubmitted,
  'application.withdrawn': ApplicationWithdrawn,
  'review.assigned': ReviewAssigned,
  'review.overdue': ReviewOverdue,
  'application.review_submitted': ApplicationReviewSubmitted,
  'application.accepted': ApplicationAccepted,
  'application.rejected': ApplicationRejected,
  'application.waitlisted': ApplicationWaitlisted,
} as const;

const byProgramme = (data: { programme: ProgrammeRef }) => data.programme.id;
const byStartup = (data: { startupId: string }) => data.startupId;

/** Programme events are keyed by their programme; everything about a startup by the startup. */
export const applicationEventKeys: EventKeyRules<typeof applicationEvents> = {
  'programme.published': byProgramme,
  'programme.closed': byProgramme,
  'startup.registered': (data) => data.startup.id,
  'startup.updated': (data) => data.startup.id,
  'application.submitted': byStartup,
  'application.withdrawn': byStartup,
  'review.assigned': byStartup,
  'review.overdue': byStartup,
  'application.review_submitted': byStartup,
  'application.accepted': byStartup,
  'application.rejected': byStartup,
  'application.waitlisted': byStartup,
};
