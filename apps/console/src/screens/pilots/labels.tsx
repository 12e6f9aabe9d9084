import { useText } from '../../i18n/language';
import { pilotFlags, todayUtc, type PilotFlag } from './attention';
import { pilotsText } from './messages';
import type { Pilot, PilotState, ProposalState } from './types';

const PROPOSAL_TONE: Record<ProposalState, string> = { proposed: 'badge', approved: 'badge ok', declined: 'badge danger', superseded: 'badge' };
const PILOT_TONE: Record<PilotState, string> = { approved: 'badge', scheduled: 'badge', in_progress: 'badge', completed: 'badge ok', cancelled: 'badge danger' };

export function ProposalStateBadge({ state }: { state: ProposalState }) {
  const t = useText(pilotsText);
  return <span className={`${PROPOSAL_TONE[state]} pilots-nowrap`}>{t(`PROPOSAL_STATE_${state}`)}</span>;
}

export function PilotStateBadge({ state }: { state: PilotState }) {
  const t = useText(pilotsText);
  return <span className={`${PILOT_TONE[state]} pilots-nowrap`}>{t(`PILOT_STATE_${state}`)}</span>;
}

const FLAG_TEXT = { report_very_late: 'FLAG_REPORT_VERY_LATE', report_overdue: 'FLAG_REPORT_OVERDUE', start_overdue: 'FLAG_START_OVERDUE' } as const satisfies Record<
  PilotFlag,
  keyof typeof pilotsText
>;

/**
 * The pilot's overdue marks, in words (never colour alone); without any, "report filed" or a dash
 * (`quiet`: nothing at all, where the marks sit beside other facts).
 */
export function PilotFlags({ pilot, quiet = false }: { pilot: Pilot; quiet?: boolean }) {
  const t = useText(pilotsText);
  const flags = pilotFlags(pilot, todayUtc());
  if (flags.length === 0 && quiet) return null;
  if (flags.length === 0) return pilot.reportStatus === 'filed' ? <span className="badge ok pilots-nowrap">{t('FLAG_REPORT_FILED')}</span> : <span>—</span>;
  return (
    <>
      {flags.map((flag) => (
        <span key={flag} className="badge overdue pilots-nowrap">
          {t(FLAG_TEXT[flag])}
        </span>
      ))}
    </>
  );
}
