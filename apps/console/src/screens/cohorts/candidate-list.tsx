import { api, unwrap } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { cohortsText } from './messages';
import { cohortKeys } from './queries';
import type { Candidate } from './types';

/** The startups the selection would consider now: where each came from, its score and group. */
export function CandidateList({ cohortId }: { cohortId: string }) {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const list = usePagedList([...cohortKeys.within(cohortId), 'candidates'], (cursor) =>
    unwrap(api.cohorts.GET('/v1/cohorts/{cohortId}/candidates', { params: { path: { cohortId }, query: { cursor } } })),
  );
  const columns: Column<Candidate>[] = [
    { header: t('COL_STARTUP'), cell: (c) => <NativeName name={c.startupName} latin={c.startupNameLatin} /> },
    { header: t('COL_COUNTRY'), cell: (c) => c.country },
    { header: t('COL_SOURCE'), cell: (c) => t(`SOURCE_${c.source}`) },
    { header: t('COL_SCORE'), cell: (c) => (c.score === null ? '—' : formatNumber(c.score, language)), numeric: true },
    { header: t('COL_SUCCESSFUL_PILOT'), cell: (c) => (c.hasSuccessfulPilot ? t('YES') : t('NO')) },
    { header: t('COL_EFFECTIVE_SCORE'), cell: (c) => formatNumber(c.effectiveScore, language), numeric: true },
    { header: t('COL_GROUP'), cell: (c) => c.group },
  ];
  return <PagedTable list={list} caption={t('CANDIDATES_CAPTION')} columns={columns} rowKey={(c) => c.candidateId} />;
}
