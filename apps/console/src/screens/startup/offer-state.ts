import type { startupText } from './messages';

/** A cohort place's state as the startup reads it. */
export const MEMBER_STATE_TEXT = {
  offered: 'MEMBER_offered',
  accepted: 'MEMBER_accepted',
  declined: 'MEMBER_declined',
  expired: 'MEMBER_expired',
  waitlisted: 'MEMBER_waitlisted',
  dropped_out: 'MEMBER_dropped_out',
  graduated: 'MEMBER_graduated',
  not_graduated: 'MEMBER_not_graduated',
} as const satisfies Record<string, keyof typeof startupText>;

export type MemberState = keyof typeof MEMBER_STATE_TEXT;
