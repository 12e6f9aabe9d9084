import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SelectField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { plannedDay } from './attention';
import { PilotFlags, PilotStateBadge } from './labels';
import { pilotsText } from './messages';
import { ProgrammeName } from '../../ui/entity-names';
import { PilotParties, usePilotParties } from './names';
import { pilotKeys } from './queries';
import { SiteFilterNotice } from './site-filter';
import { PILOT_STATES, type Pilot, type PilotState } from './types';

type StateFilter = PilotState | 'all';
type ReportFilter = 'any' | 'overdue' | 'very_late';

/** The row's link, named after the startup and site so each row's link is told apart. */
function OpenPilotLink({ pilot }: { pilot: Pilot }) {
  const t = useText(pilotsText);
  const parties = usePilotParties(pilot);
  return (
    <Link className="pilots-nowrap" to={`/pilots/${pilot.id}`} aria-label={t('OPEN_PILOT_OF', parties)}>
      {t('OPEN')}
    </Link>
  );
}

/** The pilots the caller may see (managers: their programmes'; hosts: their sites'), with overdue flags. */
export function PilotList() {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'all') as StateFilter;
  const report = (params.get('report') ?? 'any') as ReportFilter;
  const siteId = params.get('siteId') ?? undefined;
  const list = usePagedList([...pilotKeys.pilots, { state, report, siteId }], (cursor) =>
    unwrap(
      api.pilots.GET('/v1/pilots', {
        params: { query: { cursor, siteId, state: state === 'all' ? undefined : state, report: report === 'any' ? undefined : report } },
      }),
    ),
  );

  const columns: Column<Pilot>[] = [
    { header: t('COL_STARTUP'), cell: (p) => <PilotParties pilot={p} /> },
    { header: t('COL_PROGRAMME'), cell: (p) => <ProgrammeName programmeId={p.programmeId} /> },
    { header: t('COL_STATE'), cell: (p) => <PilotStateBadge state={p.state} /> },
    { header: t('COL_PLANNED_START'), cell: (p) => formatDate(plannedDay(p.plannedStartAt), language) },
    { header: t('COL_PLANNED_END'), cell: (p) => formatDate(plannedDay(p.plannedEndAt), language) },
    { header: t('COL_ATTENTION'), cell: (p) => <PilotFlags pilot={p} /> },
    { header: t('COL_ACTIONS'), cell: (p) => <OpenPilotLink pilot={p} /> },
  ];

  const set = (name: string, value: string) =>
    setParams((current) => {
      current.set(name, value);
      return current;
    });

  return (
    <section className="panel">
      <h1>{t('PILOTS_TITLE')}</h1>
      {siteId && <SiteFilterNotice siteId={siteId} everySite={`/pilots?state=${state}&report=${report}`} />}
      <div className="toolbar">
        <SelectField<StateFilter>
          label={t('FILTER_STATE')}
          value={state}
          onChange={(v) => set('state', v)}
          options={[{ value: 'all', label: t('ALL_STATES') }, ...PILOT_STATES.map((s) => ({ value: s, label: t(`PILOT_STATE_${s}`) }))]}
        />
        <SelectField<ReportFilter>
          label={t('FILTER_REPORT')}
          value={report}
          onChange={(v) => set('report', v)}
          options={[
            { value: 'any', label: t('REPORT_ANY') },
            { value: 'overdue', label: t('REPORT_OVERDUE_ONLY') },
            { value: 'very_late', label: t('REPORT_VERY_LATE_ONLY') },
          ]}
        />
      </div>
      <PagedTable list={list} caption={t('PILOTS_CAPTION')} columns={columns} rowKey={(p) => p.id} />
    </section>
  );
}
