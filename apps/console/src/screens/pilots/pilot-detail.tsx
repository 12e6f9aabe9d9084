import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { usePrincipal } from '../../session/session';
import { QueryView, SuccessNotice } from '../../ui/feedback';
import { DataTable } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { plannedDay } from './attention';
import { ChangedNotice, useConflictGuard, type WatchedField } from './changes';
import { FinalReport } from './final-report';
import { PilotStateBadge } from './labels';
import { pilotsText } from './messages';
import { ProgrammeName } from '../../ui/entity-names';
import { CancelForm, ScheduleForm, StartStep } from './pilot-steps';
import { PilotTimeline } from './pilot-timeline';
import { loadPilot, loadProposal, pilotKeys } from './queries';
import { ReportForm } from './report-form';
import type { Pilot } from './types';

const STILL_RUNNING: readonly Pilot['state'][] = ['approved', 'scheduled', 'in_progress'];

export function PilotScreen() {
  const { pilotId = '' } = useParams();
  const query = useQuery({ queryKey: pilotKeys.pilot(pilotId), queryFn: () => loadPilot(pilotId) });
  return (
    <section className="panel">
      <QueryView query={query}>{(pilot) => <PilotDetail pilot={pilot} />}</QueryView>
    </section>
  );
}

function PilotDetail({ pilot }: { pilot: Pilot }) {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const principal = usePrincipal();
  const queries = useQueryClient();
  const location = useLocation();
  const proposal = useQuery({ queryKey: pilotKeys.proposal(pilot.proposalId), queryFn: () => loadProposal(pilot.proposalId) });
  const startup = proposal.data?.startupName ?? '…';
  const site = proposal.data?.siteName ?? '…';

  const watched: WatchedField<Pilot>[] = [
    { label: t('COL_STATE'), show: (p) => t(`PILOT_STATE_${p.state}`), decisive: true },
    { label: t('COL_PLANNED_START'), show: (p) => plannedDay(p.plannedStartAt) ?? '—' },
    { label: t('STEP_STARTED'), show: (p) => formatDateTime(p.startedAt, language) },
    { label: t('STEP_COMPLETED'), show: (p) => formatDateTime(p.completedAt, language) },
    { label: t('STEP_CANCELLED'), show: (p) => formatDateTime(p.cancelledAt, language) },
    { label: t('FACT_REPORT'), show: (p) => t(`REPORT_STATUS_${p.reportStatus}`) },
    { label: t('FACT_VERSION'), show: (p) => String(p.version) },
  ];
  const { guard, conflict } = useConflictGuard(pilotKeys.pilot(pilot.id), pilot, () => loadPilot(pilot.id), watched);
  const changed = (fresh: Pilot) => {
    queries.setQueryData(pilotKeys.pilot(pilot.id), fresh);
    void queries.invalidateQueries({ queryKey: pilotKeys.pilots });
  };
  const steps = { pilot, guard, onChanged: changed };
  const isHost = principal.role === 'host';
  const justApproved = (location.state as { notice?: string } | null)?.notice === 'approved';

  return (
    <>
      <p>
        <Link to="/pilots">{t('BACK_TO_PILOTS')}</Link>
      </p>
      <h1>{t('PILOT_TITLE', { startup, site })}</h1>
      {justApproved && <SuccessNotice>{t('APPROVED_DONE')}</SuccessNotice>}
      <ChangedNotice conflict={conflict} />
      <dl className="facts">
        <dt>{t('COL_STARTUP')}</dt>
        <dd>
          <NativeName name={startup} />
        </dd>
        <dt>{t('COL_SITE')}</dt>
        <dd>{site}</dd>
        <dt>{t('COL_PROGRAMME')}</dt>
        <dd>
          <ProgrammeName programmeId={pilot.programmeId} />
        </dd>
        <dt>{t('COL_STATE')}</dt>
        <dd>
          <PilotStateBadge state={pilot.state} />
        </dd>
        <dt>{t('FACT_DURATION')}</dt>
        <dd>{t('DURATION', { days: pilot.durationDays })}</dd>
        <dt>{t('FACT_REPORT')}</dt>
        <dd>{t(`REPORT_STATUS_${pilot.reportStatus}`)}</dd>
        {pilot.cancelReason && (
          <>
            <dt>{t('FACT_CANCEL_REASON')}</dt>
            <dd>{pilot.cancelReason}</dd>
          </>
        )}
      </dl>

      <h2>{t('SECTION_TIMELINE')}</h2>
      <PilotTimeline pilot={pilot} proposedAt={proposal.data?.createdAt ?? null} />

      <h2>{t('SECTION_CRITERIA')}</h2>
      <DataTable
        caption={t('CRITERIA_CAPTION')}
        rows={pilot.successCriteria}
        rowKey={(c) => c.name}
        columns={[
          { header: t('COL_CRITERION'), cell: (c) => c.name },
          { header: t('COL_TARGET'), cell: (c) => formatNumber(c.target, language), numeric: true },
          { header: t('COL_UNIT'), cell: (c) => c.unit },
          { header: t('COL_DESCRIPTION'), cell: (c) => (c.description && c.description !== c.name ? c.description : '—') },
        ]}
      />

      <h2>{t('SECTION_OWNER')}</h2>
      <p>
        {pilot.hostOwner.name}
        {pilot.hostOwner.email && (
          <>
            {' · '}
            <a href={`mailto:${pilot.hostOwner.email}`}>{pilot.hostOwner.email}</a>
          </>
        )}
      </p>

      {STILL_RUNNING.includes(pilot.state) && (
        <>
          <h2>{t('SECTION_NEXT_STEP')}</h2>
          {!isHost && <p>{t('HOST_ACTS')}</p>}
          {isHost && pilot.state === 'approved' && <ScheduleForm {...steps} />}
          {isHost && pilot.state === 'scheduled' && <StartStep {...steps} />}
          {isHost && pilot.state === 'in_progress' && <ReportForm {...steps} />}
          <CancelForm {...steps} />
        </>
      )}

      <h2>{t('FACT_REPORT')}</h2>
      {pilot.report ? <FinalReport pilot={pilot} report={pilot.report} /> : <p>{t('REPORT_NOT_YET')}</p>}
    </>
  );
}
