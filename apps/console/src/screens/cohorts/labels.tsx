import { useText } from '../../i18n/language';
import { cohortsText } from './messages';
import type { CohortState, MemberState } from './types';

const COHORT_TONE: Record<CohortState, string> = { planning: 'badge', selecting: 'badge', in_progress: 'badge', graduated: 'badge ok', cancelled: 'badge danger' };
const MEMBER_TONE: Record<MemberState, string> = {
  offered: 'badge',
  accepted: 'badge ok',
  declined: 'badge danger',
  expired: 'badge danger',
  waitlisted: 'badge',
  dropped_out: 'badge danger',
  graduated: 'badge ok',
  not_graduated: 'badge danger',
};

export function CohortStateBadge({ state }: { state: CohortState }) {
  const t = useText(cohortsText);
  return <span className={`${COHORT_TONE[state]} cohorts-nowrap`}>{t(`COHORT_STATE_${state}`)}</span>;
}

export function MemberStateBadge({ state }: { state: MemberState }) {
  const t = useText(cohortsText);
  return <span className={`${MEMBER_TONE[state]} cohorts-nowrap`}>{t(`MEMBER_STATE_${state}`)}</span>;
}
