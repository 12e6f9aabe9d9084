import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SelectField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { CohortStateBadge } from './labels';
import { cohortsText } from './messages';
import { cohortKeys } from './queries';
import { COHORT_STATES, type Cohort, type CohortState } from './types';

type StateFilter = CohortState | 'all';

/** The cohorts the caller's organisation runs or partners in, newest first. */
export function CohortList() {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'all') as StateFilter;
  const list = usePagedList([...cohortKeys.cohorts, { state }], (cursor) =>
    unwrap(api.cohorts.GET('/v1/cohorts', { params: { query: { cursor, state: state === 'all' ? undefined : state } } })),
  );
  const columns: Column<Cohort>[] = [
    {
      header: t('COL_COHORT'),
      cell: (c) => (
        <Link to={`/cohorts/${c.id}`}>
          <NativeName name={c.name} latin={c.nameLatin} />
        </Link>
      ),
    },
    { header: t('COL_CITY'), cell: (c) => `${c.hostCity}, ${c.hostCountry}` },
    { header: t('COL_DATES'), cell: (c) => t('DATE_RANGE', { from: formatDate(c.startsAt, language), to: formatDate(c.endsAt, language) }) },
    { header: t('COL_CAPACITY'), cell: (c) => c.capacity, numeric: true },
    { header: t('COL_STATE'), cell: (c) => <CohortStateBadge state={c.state} /> },
    { header: t('COL_OFFER_DEADLINE'), cell: (c) => formatDateTime(c.offerDeadlineAt, language) },
  ];
  return (
    <section className="panel">
      <h1>{t('COHORTS_TITLE')}</h1>
      <div className="toolbar">
        <SelectField<StateFilter>
          label={t('FILTER_STATE')}
          value={state}
          onChange={(next) =>
            setParams((current) => {
              current.set('state', next);
              return current;
            })
          }
          options={[{ value: 'all', label: t('ALL_STATES') }, ...COHORT_STATES.map((s) => ({ value: s, label: t(`COHORT_STATE_${s}`) }))]}
        />
      </div>
      <PagedTable list={list} caption={t('COHORTS_CAPTION')} columns={columns} rowKey={(c) => c.id} />
    </section>
  );
}
