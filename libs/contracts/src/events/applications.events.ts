import { z } from 'zod';
import { CountryCode, IsoTime, ProgrammeRef, StartupSummary, Uuid, type EventKeyRules } from './common';

export const StartupRegistered = z.object({ startup: StartupSummary, registeredAt: IsoTime });
export const StartupUpdated = z.object({ startup: StartupSummary, changedFields: z.array(z.string()) });

/**
 * A principal as the services that write to people need it (notifications: address, language, time
 * zone). Personal data: never delivered as a webhook (UNDELIVERED_EVENT_TYPES). Bounds follow the
 * API: a person's name is at most 200 characters, a startup's (its Latin name) 300.
 */
export const PersonSummary = z.object({
  id: Uuid,
  role: z.enum(['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup']),
  organisationId: Uuid.nullable(),
  startupId: Uuid.nullable(),
  displayName: z.string().min(1).max(300),
  email: z.string().min(3).max(320).nullable(),
  preferredLanguage: z.enum(['en', 'ko', 'ru']).nullable(),
  /** IANA time zone, e.g. `Asia/Seoul`. */
  timeZone: z.string().min(1).max(64).nullable(),
  state: z.enum(['active', 'disabled']),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonRegistered = z.object({ person: PersonSummary, at: IsoTime });
/** `changedFields` names PersonSummary fields; plain strings, so a field added later stays additive. */
export const PersonUpdated = z.object({ person: PersonSummary, changedFields: z.array(z.string().min(1).max(64)).min(1).max(20), at: IsoTime });

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

/**
 * A certificate a certification body issued to a startup (issue 17). Its certificate number and its
 * verification code are not carried: the number identifies the company in public registers, and the
 * code is what the startup hands to whoever should verify it.
 */
const CertificationBase = z.object({
  certificationId: Uuid,
  startupId: Uuid,
  issuerOrganisationId: Uuid,
  kind: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/),
  grade: z.string().min(1).max(16),
  validFrom: IsoTime,
  validUntil: IsoTime.nullable(),
});
export const CertificationIssued = CertificationBase.extend({ issuedAt: IsoTime });
/** The body extended (or moved) the certificate's validity; `validFrom`/`validUntil` are the new ones. */
export const CertificationRenewed = CertificationBase.extend({ previousValidUntil: IsoTime.nullable(), renewedAt: IsoTime });
export const CertificationRevoked = CertificationBase.extend({ reason: z.string().min(1).max(2000), revokedAt: IsoTime });

/**
 * An open application relied on a certificate that was revoked or whose validity ended: its
 * programme's managers are told (the application is not rejected). Once per application and certificate.
 */
export const ApplicationFlagged = ApplicationBase.extend({
  flagId: Uuid,
  certificationId: Uuid,
  reason: z.enum(['certification_revoked', 'certification_expired']),
  /** The eligibility rule the application no longer meets, e.g. `CERTIFICATION_NOT_VERIFIED`. */
  failedRule: z.string().min(1).max(64),
  flaggedAt: IsoTime,
});

export const applicationEvents = {
  'programme.published': ProgrammePublished,
  'programme.closed': ProgrammeClosed,
  'startup.registered': StartupRegistered,
  'startup.updated': StartupUpdated,
  'person.registered': PersonRegistered,
  'person.updated': PersonUpdated,
  'application.submitted': ApplicationSubmitted,
  'application.withdrawn': ApplicationWithdrawn,
  'review.assigned': ReviewAssigned,
  'review.overdue': ReviewOverdue,
  'application.review_submitted': ApplicationReviewSubmitted,
  'application.accepted': ApplicationAccepted,
  'application.rejected': ApplicationRejected,
  'application.waitlisted': ApplicationWaitlisted,
  'application.flagged': ApplicationFlagged,
  'certification.issued': CertificationIssued,
  'certification.renewed': CertificationRenewed,
  'certification.revoked': CertificationRevoked,
} as const;

const byProgramme = (data: { programme: ProgrammeRef }) => data.programme.id;
const byStartup = (data: { startupId: string }) => data.startupId;

/**
 * Programme events are keyed by their programme; everything about a startup by the startup, its
 * people and certificates included (so a startup's address is known before the mail about its application); other
 * people by their id.
 */
export const applicationEventKeys: EventKeyRules<typeof applicationEvents> = {
  'programme.published': byProgramme,
  'programme.closed': byProgramme,
  'startup.registered': (data) => data.startup.id,
  'startup.updated': (data) => data.startup.id,
  'person.registered': (data) => data.person.startupId ?? data.person.id,
  'person.updated': (data) => data.person.startupId ?? data.person.id,
  'application.submitted': byStartup,
  'application.withdrawn': byStartup,
  'review.assigned': byStartup,
  'review.overdue': byStartup,
  'application.review_submitted': byStartup,
  'application.accepted': byStartup,
  'application.rejected': byStartup,
  'application.waitlisted': byStartup,
  'application.flagged': byStartup,
  // A startup's certificates are about the startup: they stay in order with its applications.
  'certification.issued': byStartup,
  'certification.renewed': byStartup,
  'certification.revoked': byStartup,
};
