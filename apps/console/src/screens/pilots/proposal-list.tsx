import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SelectField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { ProposalStateBadge } from './labels';
import { pilotsText } from './messages';
import { ProgrammeName } from '../../ui/entity-names';
import { pilotKeys } from './queries';
import { ReasonList } from './reasons';
import { SiteFilterNotice } from './site-filter';
import { PROPOSAL_STATES, type Proposal, type ProposalState } from './types';

type StateFilter = ProposalState | 'all';

/** The match proposals the caller may see (managers: their programmes'; hosts: their sites'), awaiting decision first. */
export function ProposalList() {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'proposed') as StateFilter;
  const siteId = params.get('siteId') ?? undefined;
  const list = usePagedList([...pilotKeys.proposals, { state, siteId }], (cursor) =>
    unwrap(api.pilots.GET('/v1/match-proposals', { params: { query: { cursor, siteId, state: state === 'all' ? undefined : state } } })),
  );

  const columns: Column<Proposal>[] = [
    { header: t('COL_STARTUP'), cell: (p) => <NativeName name={p.startupName} /> },
    { header: t('COL_SITE'), cell: (p) => p.siteName },
    { header: t('COL_PROGRAMME'), cell: (p) => <ProgrammeName programmeId={p.programmeId} /> },
    { header: t('COL_SCORE'), cell: (p) => formatNumber(p.score, language), numeric: true },
    { header: t('COL_REASONS'), cell: (p) => <ReasonList reasons={p.localisedReasons} /> },
    { header: t('COL_STATE'), cell: (p) => <ProposalStateBadge state={p.state} /> },
    { header: t('COL_PROPOSED_AT'), cell: (p) => formatDateTime(p.createdAt, language) },
    {
      header: t('COL_ACTIONS'),
      cell: (p) => (
        <Link className="pilots-nowrap" to={`/proposals/${p.id}`} aria-label={t('REVIEW_PROPOSAL_OF', { startup: p.startupName, site: p.siteName })}>
          {t('REVIEW')}
        </Link>
      ),
    },
  ];

  const choose = (next: StateFilter) =>
    setParams((current) => {
      current.set('state', next);
      return current;
    });

  return (
    <section className="panel">
      <h1>{t('PROPOSALS_TITLE')}</h1>
      {siteId && <SiteFilterNotice siteId={siteId} everySite={`/proposals?state=${state}`} />}
      <div className="toolbar">
        <SelectField
          label={t('FILTER_STATE')}
          value={state}
          onChange={choose}
          options={[{ value: 'all', label: t('ALL_STATES') }, ...PROPOSAL_STATES.map((s) => ({ value: s, label: t(`PROPOSAL_STATE_${s}`) }))]}
        />
      </div>
      <PagedTable list={list} caption={t('PROPOSALS_CAPTION')} columns={columns} rowKey={(p) => p.id} />
    </section>
  );
}
