import { formatDate, formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { plannedDay } from './attention';
import { PilotFlags } from './labels';
import { pilotsText } from './messages';
import type { Pilot } from './types';

interface Step {
  key: string;
  label: string;
  /** When it happened; null: not yet. */
  at: string | null;
  detail?: string;
}

/** proposed → approved → scheduled → started → completed (or cancelled), each with its date or "not yet". */
export function PilotTimeline({ pilot, proposedAt }: { pilot: Pilot; proposedAt: string | null }) {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const planned =
    pilot.plannedStartAt && pilot.plannedEndAt
      ? t('PLANNED_RANGE', { from: formatDate(plannedDay(pilot.plannedStartAt), language), to: formatDate(plannedDay(pilot.plannedEndAt), language) })
      : t('DURATION', { days: pilot.durationDays });
  const steps: Step[] = [
    { key: 'proposed', label: t('STEP_PROPOSED'), at: proposedAt },
    { key: 'approved', label: t('STEP_APPROVED'), at: pilot.approvedAt },
    // Scheduling keeps no moment of its own: the step is done once dates are set.
    { key: 'scheduled', label: t('STEP_SCHEDULED'), at: pilot.plannedStartAt ? '' : null, detail: planned },
    { key: 'started', label: t('STEP_STARTED'), at: pilot.startedAt },
    { key: 'completed', label: t('STEP_COMPLETED'), at: pilot.completedAt },
  ];
  const shown = pilot.cancelledAt ? [...steps.filter((s) => s.at !== null), { key: 'cancelled', label: t('STEP_CANCELLED'), at: pilot.cancelledAt }] : steps;
  return (
    <>
      <ol className="pilots-timeline">
        {shown.map((step) => (
          <li key={step.key} className={step.at !== null ? 'pilots-step-done' : 'pilots-step-pending'}>
            <strong>{step.label}</strong>{' '}
            {step.at !== null ? <span className="badge ok">{t('STEP_DONE')}</span> : <span className="badge">{t('STEP_PENDING')}</span>}{' '}
            {step.at && <span>{formatDateTime(step.at, language)}</span>}
            {step.detail && <span> · {step.detail}</span>}
          </li>
        ))}
      </ol>
      <p>
        <PilotFlags pilot={pilot} quiet />
      </p>
    </>
  );
}
