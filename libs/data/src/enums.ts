/**
 * Value sets of the data model. Every list here is mirrored by a CHECK constraint in the
 * migrations; adding a value needs a new migration that replaces the constraint.
 */

export const SCHEMAS = ['identity', 'applications', 'pilots', 'cohorts', 'notifications'] as const;
export type SchemaName = (typeof SCHEMAS)[number];

/** Schemas that own an outbox and an inbox (the event-producing services). */
export const SERVICE_SCHEMAS = ['applications', 'pilots', 'cohorts', 'notifications'] as const;
export type ServiceSchema = (typeof SERVICE_SCHEMAS)[number];

export const LANGUAGES = ['en', 'ko', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `certification_body`: issues, renews and revokes certificates for startups (issue 17). */
export const ORGANISATION_KINDS = ['organising_agency', 'partner_agency', 'host', 'accelerator', 'other', 'certification_body'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Roles of people of an organisation. */
export const PERSON_ROLES = ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Every role a principal or an API key can carry: a person's role, or `startup`. */
export const ROLES = [...PERSON_ROLES, 'startup'] as const;
export type Role = (typeof ROLES)[number];

export const PRINCIPAL_STATES = ['active', 'disabled'] as const;
export type PrincipalState = (typeof PRINCIPAL_STATES)[number];

export const PROGRAMME_KINDS = ['pilot', 'accelerator'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export const PROGRAMME_STATES = ['draft', 'published', 'closed', 'archived'] as const;
export type ProgrammeState = (typeof PROGRAMME_STATES)[number];

export const NORMALISATIONS = ['none', 'z_score'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'under_review',
  'accepted',
  'rejected',
  'waitlisted',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Why the system (not a person) changed an application's state: a code, worded in the reader's language. */
export const STATUS_REASON_CODES = ['reviewers_assigned', 'alumni_fast_track', 'mission_pilot_proposed'] as const;
export type StatusReasonCode = (typeof STATUS_REASON_CODES)[number];

export const REVIEW_ASSIGNMENT_STATES = ['assigned', 'submitted', 'abstained', 'recused'] as const;
export type ReviewAssignmentState = (typeof REVIEW_ASSIGNMENT_STATES)[number];

export const CANDIDATE_STATES = ['open', 'matched', 'closed'] as const;
export type PilotCandidateState = (typeof CANDIDATE_STATES)[number];

export const PILOT_SITE_STATES = ['active', 'paused', 'archived'] as const;
export type PilotSiteState = (typeof PILOT_SITE_STATES)[number];

export const MATCH_PROPOSAL_STATES = ['proposed', 'approved', 'declined', 'superseded'] as const;
export type MatchProposalState = (typeof MATCH_PROPOSAL_STATES)[number];

export const PILOT_STATES = ['approved', 'scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type PilotState = (typeof PILOT_STATES)[number];

export const PILOT_OUTCOMES = ['success', 'partial', 'failure'] as const;
export type PilotOutcome = (typeof PILOT_OUTCOMES)[number];

export const ADOPTION_DECISIONS = ['deploy', 'buy', 'extend', 'none'] as const;
export type AdoptionDecision = (typeof ADOPTION_DECISIONS)[number];

export const COHORT_CANDIDATE_SOURCES = ['application', 'pilot'] as const;
export type CohortCandidateSource = (typeof COHORT_CANDIDATE_SOURCES)[number];

export const COHORT_STATES = ['planning', 'selecting', 'in_progress', 'graduated', 'cancelled'] as const;
export type CohortState = (typeof COHORT_STATES)[number];

export const COHORT_MEMBER_STATES = [
  'offered',
  'accepted',
  'declined',
  'expired',
  'waitlisted',
  'dropped_out',
  'graduated',
  'not_graduated',
] as const;
export type CohortMemberState = (typeof COHORT_MEMBER_STATES)[number];

export const WEBHOOK_ENDPOINT_STATES = ['active', 'paused', 'disabled'] as const;
export type WebhookEndpointState = (typeof WEBHOOK_ENDPOINT_STATES)[number];

export const DELIVERY_STATES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Longest response excerpt kept per delivery attempt (characters); enforced by a CHECK. */
export const RESPONSE_EXCERPT_MAX_CHARS = 4096;

/** Cut a response body to what a delivery attempt may keep. */
export function responseExcerpt(body: string | null | undefined): string | null {
  if (body == null) return null;
  return body.length <= RESPONSE_EXCERPT_MAX_CHARS ? body : body.slice(0, RESPONSE_EXCERPT_MAX_CHARS);
}

/** A mail's life: waiting to be sent (or retried), accepted by the SMTP server, or refused for good. */
export const MAIL_MESSAGE_STATES = ['pending', 'sent', 'failed'] as const;
export type MailMessageState = (typeof MAIL_MESSAGE_STATES)[number];

export const MAIL_REMINDER_STATES = ['pending', 'sent', 'cancelled'] as const;
export type MailReminderState = (typeof MAIL_REMINDER_STATES)[number];

/** An agreement (MOU) between two organisations: in force, or ended by one of its parties. */
export const AGREEMENT_STATES = ['active', 'ended'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

/** What one row of applications.exchange_facts records: the event that made it, by kind. */
export const EXCHANGE_FACT_KINDS = [
  'application_submitted',
  'application_accepted',
  'pilot_started',
  'pilot_completed',
  'cohort_place',
  'graduated',
  // Issue 18, part 3: a startup that pitched at a pitch day; a business-mission meeting that took place.
  'pitched',
  'mission_meeting',
] as const;
export type ExchangeFactKind = (typeof EXCHANGE_FACT_KINDS)[number];

/** Why an open application was flagged to its programme's managers: a certificate it relied on ended. */
export const APPLICATION_FLAG_REASONS = ['certification_revoked', 'certification_expired'] as const;
export type ApplicationFlagReason = (typeof APPLICATION_FLAG_REASONS)[number];

/** An open call of a host site: takes answers until its host closes it or its deadline passes. */
export const OPEN_CALL_STATES = ['open', 'closed'] as const;
export type OpenCallState = (typeof OPEN_CALL_STATES)[number];

export const OPEN_CALL_CLOSE_REASONS = ['host', 'deadline'] as const;
export type OpenCallCloseReason = (typeof OPEN_CALL_CLOSE_REASONS)[number];

/** A startup's answer to an open call, as its host sorts them. */
export const OPEN_CALL_ANSWER_STATES = ['submitted', 'shortlisted', 'declined'] as const;
export type OpenCallAnswerState = (typeof OPEN_CALL_ANSWER_STATES)[number];

/** A business mission (issue 18): prepared, open to matchmaking and answers, then its schedule published. */
export const MISSION_STATES = ['draft', 'published', 'scheduled'] as const;
export type MissionState = (typeof MISSION_STATES)[number];

/** Which side of a mission a company is on: the visiting delegation or the host region's companies. */
export const MISSION_SIDES = ['delegation', 'local'] as const;
export type MissionSide = (typeof MISSION_SIDES)[number];

/** One side's answer to a proposed meeting. */
export const MEETING_ANSWERS = ['pending', 'accepted', 'declined'] as const;
export type MeetingAnswer = (typeof MEETING_ANSWERS)[number];

/** What came of a meeting that took place. */
export const MEETING_OUTCOMES = ['follow_up', 'agreement_signed', 'pilot_proposed', 'none'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

/** A pitch day (issue 18): open while sessions run; published once its selection is committed. */
export const PITCH_DAY_STATES = ['open', 'published'] as const;
export type PitchDayState = (typeof PITCH_DAY_STATES)[number];

/** A pitch session takes slots, jurors and scores while open; closing it freezes its scores. */
export const PITCH_SESSION_STATES = ['open', 'closed'] as const;
export type PitchSessionState = (typeof PITCH_SESSION_STATES)[number];

export const PITCH_SLOT_ATTENDANCES = ['expected', 'absent'] as const;
export type PitchSlotAttendance = (typeof PITCH_SLOT_ATTENDANCES)[number];

export const JUROR_STATES = ['active', 'recused'] as const;
export type JurorState = (typeof JUROR_STATES)[number];
