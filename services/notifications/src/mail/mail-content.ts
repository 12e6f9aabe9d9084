/**
 * What a mail to a person says, before it is put into words: one variant per kind of mail, with the
 * facts the words need. The composer builds these from events and projections; the templates
 * (`templates/`) turn one into a subject, a plain-text and an HTML part in the recipient's language.
 * Nothing here may come from another tenant, and mails to reviewers never name the startup (a
 * blind review hides it).
 */

export const MAIL_LANGUAGES = ['en', 'ko', 'ru'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/**
 * Categories a person can opt out of, one by one. `security` is never optional: it is not offered
 * as a choice, and its mails carry no unsubscribe link.
 */
export const MAIL_CATEGORIES = ['applications', 'reviews', 'pilots', 'cohorts', 'security'] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
export const OPTIONAL_MAIL_CATEGORIES = MAIL_CATEGORIES.filter((c) => c !== 'security');

/** A name in its own script (Hangul, Cyrillic, Latin…) and, when it has one, its Latin form. */
export interface Named {
  name: string;
  nameLatin: string | null;
}

/** Who reads the mail: the greeting, the language of every word, and the zone of every date. */
export interface MailRecipient {
  displayName: string;
  language: MailLanguage;
  /** IANA zone, e.g. Asia/Seoul; dates and times are shown in it. */
  timeZone: string;
}

/** ISO 8601 instants (`2030-03-25T10:30:00.000Z`) or, where the field says so, calendar dates (`2030-04-01`). */
type Instant = string;
type CalendarDate = string;

export type MailContent =
  // To the startup
  | { kind: 'application.submitted'; programme: Named; startup: Named; submittedAt: Instant }
  | { kind: 'application.decided'; decision: 'accepted' | 'rejected' | 'waitlisted'; programme: Named; startup: Named; reason: string; decidedAt: Instant }
  | { kind: 'pilot.proposed'; programme: Named; startup: Named; reasons: string[] }
  | { kind: 'pilot.approved'; programme: Named; startup: Named; durationDays: number; successCriteria: string[] }
  | { kind: 'pilot.scheduled'; programme: Named; startup: Named; startsOn: CalendarDate; endsOn: CalendarDate }
  | { kind: 'pilot.report_due'; programme: Named; startup: Named; endsOn: CalendarDate }
  | { kind: 'cohort.offer'; programme: Named; startup: Named; deadline: Instant; fromWaitlist: boolean }
  | { kind: 'cohort.offer_reminder'; programme: Named; startup: Named; deadline: Instant }
  | { kind: 'cohort.graduated'; programme: Named; startup: Named; graduated: boolean }
  // To a reviewer (never the startup's name)
  | { kind: 'review.assigned'; programme: Named; dueAt: Instant }
  | { kind: 'review.due_soon'; programme: Named; dueAt: Instant }
  | { kind: 'review.overdue'; programme: Named; dueAt: Instant }
  // To the host's coordinators
  | { kind: 'host.pilot_approved'; programme: Named; startup: Named; durationDays: number; hostOwner: string }
  | { kind: 'host.report_overdue'; programme: Named; startup: Named; endedOn: CalendarDate; severity: 'overdue' | 'very_late' }
  // To an organisation's admins and partner liaisons (security: always sent)
  | { kind: 'webhook.endpoint_disabled'; url: string; reason: string; disabledAt: Instant }
  | { kind: 'webhook.rotation_ending'; url: string; endsAt: Instant };

export type MailKind = MailContent['kind'];

/** The category of each kind: what a person opts out of. */
export const MAIL_CATEGORY_OF: Record<MailKind, MailCategory> = {
  'application.submitted': 'applications',
  'application.decided': 'applications',
  'pilot.proposed': 'pilots',
  'pilot.approved': 'pilots',
  'pilot.scheduled': 'pilots',
  'pilot.report_due': 'pilots',
  'cohort.offer': 'cohorts',
  'cohort.offer_reminder': 'cohorts',
  'cohort.graduated': 'cohorts',
  'review.assigned': 'reviews',
  'review.due_soon': 'reviews',
  'review.overdue': 'reviews',
  'host.pilot_approved': 'pilots',
  'host.report_overdue': 'pilots',
  'webhook.endpoint_disabled': 'security',
  'webhook.rotation_ending': 'security',
};

/** Links the mail carries; `unsubscribeUrl` is null for security notices (never optional). */
export interface MailLinks {
  unsubscribeUrl: string | null;
}

/** A mail put into words. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
