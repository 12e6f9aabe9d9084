import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { pilotsText } from './messages';
import { pilotKeys } from './queries';
import type { PilotSite } from './types';

/** The host's own pilot sites, each with its proposals and pilots a click away. */
export function SiteList() {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const list = usePagedList([...pilotKeys.sites], (cursor) => unwrap(api.pilots.GET('/v1/pilot-sites', { params: { query: { cursor } } })));
  const columns: Column<PilotSite>[] = [
    { header: t('COL_SITE'), cell: (s) => <NativeName name={s.name} latin={s.nameLatin} /> },
    { header: t('COL_CITY'), cell: (s) => `${s.city}, ${s.country}` },
    { header: t('COL_FIELDS'), cell: (s) => s.technologyFields.join(', ') || '—' },
    { header: t('COL_CAPACITY'), cell: (s) => `${s.activePilots} / ${s.capacity}`, numeric: true },
    {
      header: t('COL_AVAILABLE'),
      cell: (s) => (s.availableFrom || s.availableUntil ? t('AVAILABLE_RANGE', { from: formatDate(s.availableFrom, language), to: formatDate(s.availableUntil, language) }) : '—'),
    },
    { header: t('COL_STATE'), cell: (s) => <span className={s.state === 'active' ? 'badge ok' : 'badge'}>{t(`SITE_STATE_${s.state}`)}</span> },
    {
      header: t('COL_ACTIONS'),
      cell: (s) => (
        <span className="pilots-row-links">
          <Link to={`/proposals?state=all&siteId=${s.id}`} aria-label={t('SITE_PROPOSALS_FOR', { site: s.name })}>
            {t('SITE_PROPOSALS')}
          </Link>{' '}
          <Link to={`/pilots?siteId=${s.id}`} aria-label={t('SITE_PILOTS_AT', { site: s.name })}>
            {t('SITE_PILOTS')}
          </Link>
        </span>
      ),
    },
  ];
  return (
    <section className="panel">
      <h1>{t('SITES_TITLE')}</h1>
      <PagedTable list={list} caption={t('SITES_CAPTION')} columns={columns} rowKey={(s) => s.id} />
    </section>
  );
}
