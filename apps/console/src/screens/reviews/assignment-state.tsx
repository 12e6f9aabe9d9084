import type { ApplicationsApi } from '@exchange/sdk/browser';
import { useText } from '../../i18n/language';
import { reviewsText } from './messages';

export type Assignment = ApplicationsApi.components['schemas']['AssignmentResponse'];
export type AssignmentState = 'assigned' | 'submitted' | 'abstained' | 'recused';
export const ASSIGNMENT_STATES: readonly AssignmentState[] = ['assigned', 'submitted', 'abstained', 'recused'];

const STATE_CODE = {
  assigned: 'STATE_assigned',
  submitted: 'STATE_submitted',
  abstained: 'STATE_abstained',
  recused: 'STATE_recused',
} as const satisfies Record<AssignmentState, keyof typeof reviewsText>;

/** The assignment's state in words, flagged when its due date has passed (in words, not only colour). */
export function AssignmentStateBadge({ assignment }: { assignment: Pick<Assignment, 'state' | 'overdue'> }) {
  const t = useText(reviewsText);
  const code = STATE_CODE[assignment.state as AssignmentState];
  return (
    <>
      <span className={assignment.state === 'submitted' ? 'badge ok' : 'badge'}>{code ? t(code) : assignment.state}</span>
      {assignment.overdue && <span className="badge overdue"> {t('OVERDUE')}</span>}
    </>
  );
}

export function useStateLabel() {
  const t = useText(reviewsText);
  return (state: AssignmentState) => t(STATE_CODE[state]);
}
