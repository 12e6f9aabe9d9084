import type { ApplicationState } from '@exchange/data';

/** What moves an application from one state to another. */
export type ApplicationAction = 'submit' | 'start_review' | 'accept' | 'reject' | 'waitlist' | 'withdraw';

/**
 * The lifecycle, as one table: draft → submitted → under_review → accepted | rejected | waitlisted;
 * a waitlisted application can still be accepted or rejected when places free up; the startup can
 * withdraw until a decision is made. accepted, rejected and withdrawn are final.
 */
export const TRANSITIONS: Readonly<Record<ApplicationState, Partial<Record<ApplicationAction, ApplicationState>>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { start_review: 'under_review', withdraw: 'withdrawn' },
  under_review: { accept: 'accepted', reject: 'rejected', waitlist: 'waitlisted', withdraw: 'withdrawn' },
  waitlisted: { accept: 'accepted', reject: 'rejected' },
  accepted: {},
  rejected: {},
  withdrawn: {},
};

/** The state an action leads to, or null when the action is not allowed from `from`. */
export function nextState(from: ApplicationState, action: ApplicationAction): ApplicationState | null {
  return TRANSITIONS[from][action] ?? null;
}

/** States from which `action` is allowed (for guarded UPDATE … WHERE state IN (…)). */
export function statesAllowing(action: ApplicationAction): ApplicationState[] {
  return (Object.keys(TRANSITIONS) as ApplicationState[]).filter((state) => TRANSITIONS[state][action] !== undefined);
}

/** Applications a startup may not open a second one beside (the unique index says the same). */
export const ACTIVE_STATES: ApplicationState[] = ['draft', 'submitted', 'under_review', 'accepted', 'rejected', 'waitlisted'];

/** The state in words a founder understands, shown next to the state name. */
export const PLAIN_WORDS: Readonly<Record<ApplicationState, string>> = {
  draft: 'Your application is a draft: it has not been sent yet.',
  submitted: 'Your application was received and is waiting for review.',
  under_review: 'Reviewers are assessing your application.',
  accepted: 'Congratulations: your application was accepted.',
  rejected: 'Your application was not accepted this time.',
  waitlisted: 'Your application is on the waiting list: you may be offered a place if one frees up.',
  withdrawn: 'You withdrew this application.',
};
