import type { AnyEventEnvelope } from '@exchange/contracts';
import { MAIL_CATEGORY_OF, type MailContent, type MailKind, type Named } from './mail-content';
import type { MailAudience } from './mail-directory.repository';

/** The names a mail shows, looked up once the plan says whose. */
export interface MailNames {
  programme: Named;
  startup: Named;
}

/** One mail an event causes: to whom, and what it says once the names are known. */
export interface MailPlan {
  kind: MailKind;
  audience: MailAudience;
  /** The programme and startup whose names the mail shows. */
  programmeId: string | null;
  startupId: string | null;
  content: (names: MailNames) => MailContent;
}

/** What a reminder (mail due at a time) is: what it is about, when it is due, and the event it comes from. */
export interface ReminderPlan {
  kind: 'cohort.offer_reminder' | 'review.due_soon' | 'pilot.report_due' | 'webhook.rotation_ending';
  subjectId: string;
  dueAt: Date;
}

const HOUR_MS = 3_600_000;
/** An offer's reminder goes 24 h before it expires; a review's 48 h before it is due. */
export const OFFER_REMINDER_BEFORE_MS = 24 * HOUR_MS;
export const REVIEW_REMINDER_BEFORE_MS = 48 * HOUR_MS;
/** A pilot's report reminder goes two days before its last day (a calendar date, taken at 00:00 UTC). */
export const REPORT_REMINDER_BEFORE_MS = 48 * HOUR_MS;

/** The programme id of an event as it is written now (`programme`) or was before (`programmeId`). */
function programmeIdOf(data: Record<string, unknown>): string | null {
  const programme = data.programme as { id?: unknown } | undefined;
  if (typeof programme?.id === 'string') return programme.id;
  return typeof data.programmeId === 'string' ? data.programmeId : null;
}

const toStartup = (startupId: string): MailAudience => ({ to: 'startup', startupId });
const toHosts = (organisationId: string): MailAudience => ({ to: 'organisation', organisationId, roles: ['host'] });

/**
 * The mail each event causes, by type. Startups hear of their own applications, pilots and cohort
 * places; reviewers of their own assignments (never the startup's name); a host's coordinators of
 * pilots at their sites; an organisation's admins and partner liaisons of its disabled endpoint.
 * `fromWaitlist` says whether this offer follows a waitlisting of the same startup in the same cohort.
 */
export function mailPlansOf(event: AnyEventEnvelope, facts: { fromWaitlist?: boolean } = {}): MailPlan[] {
  const data = event.data as unknown as Record<string, unknown>;
  const programmeId = programmeIdOf(data);
  const startupId = typeof data.startupId === 'string' ? data.startupId : null;
  const plan = (kind: MailKind, audience: MailAudience, content: (names: MailNames) => MailContent): MailPlan => ({ kind, audience, programmeId, startupId, content });
  switch (event.type) {
    case 'application.submitted': {
      const d = event.data;
      return [plan('application.submitted', toStartup(d.startupId), (n) => ({ kind: 'application.submitted', ...n, submittedAt: d.submittedAt }))];
    }
    case 'application.accepted':
    case 'application.rejected':
    case 'application.waitlisted': {
      const d = event.data;
      const decision = event.type.slice('application.'.length) as 'accepted' | 'rejected' | 'waitlisted';
      return [plan('application.decided', toStartup(d.startupId), (n) => ({ kind: 'application.decided', decision, ...n, reason: d.reason, decidedAt: d.decidedAt }))];
    }
    case 'pilot.match_proposed': {
      const d = event.data;
      return [plan('pilot.proposed', toStartup(d.startupId), (n) => ({ kind: 'pilot.proposed', ...n, reasons: d.reasons }))];
    }
    case 'pilot.approved': {
      const d = event.data;
      return [
        plan('pilot.approved', toStartup(d.startupId), (n) => ({
          kind: 'pilot.approved',
          ...n,
          durationDays: d.durationDays,
          successCriteria: d.successCriteria.map((c) => `${c.name}: ${c.target} ${c.unit}`.trim()),
        })),
        plan('host.pilot_approved', toHosts(d.hostOrgId), (n) => ({ kind: 'host.pilot_approved', ...n, durationDays: d.durationDays, hostOwner: d.hostOwner })),
      ];
    }
    case 'pilot.scheduled': {
      const d = event.data;
      return [plan('pilot.scheduled', toStartup(d.startupId), (n) => ({ kind: 'pilot.scheduled', ...n, startsOn: d.startsOn, endsOn: d.endsOn }))];
    }
    case 'pilot.report_overdue': {
      const d = event.data;
      return [plan('host.report_overdue', toHosts(d.hostOrgId), (n) => ({ kind: 'host.report_overdue', ...n, endedOn: d.endedOn, severity: d.severity }))];
    }
    case 'cohort.offer_made': {
      const d = event.data;
      const fromWaitlist = facts.fromWaitlist === true;
      return [plan('cohort.offer', toStartup(d.startupId), (n) => ({ kind: 'cohort.offer', ...n, deadline: d.deadline, fromWaitlist }))];
    }
    case 'cohort.graduated': {
      const d = event.data;
      return [plan('cohort.graduated', toStartup(d.startupId), (n) => ({ kind: 'cohort.graduated', ...n, graduated: d.graduated }))];
    }
    case 'review.assigned': {
      const d = event.data;
      return [plan('review.assigned', { to: 'person', personId: d.reviewerId }, (n) => ({ kind: 'review.assigned', programme: n.programme, dueAt: d.dueAt }))];
    }
    case 'review.overdue': {
      const d = event.data;
      return [plan('review.overdue', { to: 'person', personId: d.reviewerId }, (n) => ({ kind: 'review.overdue', programme: n.programme, dueAt: d.dueAt }))];
    }
    case 'webhook.endpoint_disabled': {
      const d = event.data;
      const audience: MailAudience = { to: 'organisation', organisationId: d.organisationId, roles: ['admin', 'partner_agency'] };
      return [plan('webhook.endpoint_disabled', audience, () => ({ kind: 'webhook.endpoint_disabled', url: d.url, reason: d.reason, disabledAt: event.time }))];
    }
    default:
      return [];
  }
}

/** The reminder an event schedules, if any: only when it is still ahead of the event's own time. */
export function reminderOf(event: AnyEventEnvelope): ReminderPlan | null {
  const at = Date.parse(event.time);
  if (event.type === 'cohort.offer_made') {
    const dueAt = new Date(Date.parse(event.data.deadline) - OFFER_REMINDER_BEFORE_MS);
    return dueAt.getTime() > at ? { kind: 'cohort.offer_reminder', subjectId: event.data.offerId, dueAt } : null;
  }
  if (event.type === 'review.assigned') {
    const dueAt = new Date(Date.parse(event.data.dueAt) - REVIEW_REMINDER_BEFORE_MS);
    return dueAt.getTime() > at ? { kind: 'review.due_soon', subjectId: event.data.assignmentId, dueAt } : null;
  }
  if (event.type === 'pilot.scheduled') {
    const dueAt = new Date(Date.parse(`${event.data.endsOn}T00:00:00Z`) - REPORT_REMINDER_BEFORE_MS);
    return dueAt.getTime() > at ? { kind: 'pilot.report_due', subjectId: event.data.pilotId, dueAt } : null;
  }
  return null;
}

/** The reminder an event makes pointless: an offer answered or expired, a review submitted. */
export function reminderCancelledBy(event: AnyEventEnvelope): { kind: ReminderPlan['kind']; subjectId: string } | null {
  switch (event.type) {
    case 'cohort.offer_accepted':
    case 'cohort.offer_declined':
    case 'cohort.offer_expired':
      return { kind: 'cohort.offer_reminder', subjectId: event.data.offerId };
    case 'application.review_submitted':
      return { kind: 'review.due_soon', subjectId: event.data.assignmentId };
    case 'pilot.completed':
    case 'pilot.cancelled':
      return { kind: 'pilot.report_due', subjectId: event.data.pilotId };
    default:
      return null;
  }
}

export const categoryOf = (kind: MailKind) => MAIL_CATEGORY_OF[kind];

/** What a rotation-ending reminder keeps: the endpoint, its organisation, and when the old secret stops. */
export interface RotationEnding {
  endpointId: string;
  organisationId: string;
  url: string;
  endsAt: string;
}

/** The previous secret signs until `endsAt`: its reminder goes a day before, or halfway through a shorter overlap. */
export function rotationReminderDue(rotatedAt: Date, endsAt: Date): Date {
  const overlap = endsAt.getTime() - rotatedAt.getTime();
  return new Date(endsAt.getTime() - Math.min(OFFER_REMINDER_BEFORE_MS, overlap / 2));
}

/** The mail a due reminder sends, from what scheduled it (an event, or a secret's rotation). */
export function reminderMailPlan(kind: ReminderPlan['kind'], scheduledBy: unknown): MailPlan | null {
  if (kind === 'webhook.rotation_ending') {
    const r = scheduledBy as RotationEnding;
    return {
      kind,
      audience: { to: 'organisation', organisationId: r.organisationId, roles: ['admin', 'partner_agency'] },
      programmeId: null,
      startupId: null,
      content: () => ({ kind: 'webhook.rotation_ending', url: r.url, endsAt: r.endsAt }),
    };
  }
  return reminderOfEvent(kind, scheduledBy as AnyEventEnvelope);
}

function reminderOfEvent(kind: ReminderPlan['kind'], scheduledBy: AnyEventEnvelope): MailPlan | null {
  /** A reminder to the startup an event is about, naming its programme. */
  const toItsStartup = (d: { startupId: string }, content: MailPlan['content']): MailPlan => ({
    kind,
    audience: toStartup(d.startupId),
    programmeId: programmeIdOf(d as unknown as Record<string, unknown>),
    startupId: d.startupId,
    content,
  });
  if (kind === 'cohort.offer_reminder' && scheduledBy.type === 'cohort.offer_made') {
    const d = scheduledBy.data;
    return toItsStartup(d, (n) => ({ kind: 'cohort.offer_reminder', ...n, deadline: d.deadline }));
  }
  if (kind === 'pilot.report_due' && scheduledBy.type === 'pilot.scheduled') {
    const d = scheduledBy.data;
    return toItsStartup(d, (n) => ({ kind: 'pilot.report_due', ...n, endsOn: d.endsOn }));
  }
  if (kind === 'review.due_soon' && scheduledBy.type === 'review.assigned') {
    const d = scheduledBy.data;
    return {
      kind,
      audience: { to: 'person', personId: d.reviewerId },
      programmeId: programmeIdOf(d as unknown as Record<string, unknown>),
      startupId: null,
      content: (n) => ({ kind: 'review.due_soon', programme: n.programme, dueAt: d.dueAt }),
    };
  }
  return null;
}
