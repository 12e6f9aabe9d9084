import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { QueryView } from '../../ui/feedback';
import { DataTable, type Column } from '../../ui/lists';
import { uiText } from '../../ui/messages';
import { NativeName } from '../../ui/names';
import { applicationsText } from '../applications/messages';
import { programmesText } from './messages';
import { rankingCsvHref, useRanking, type Programme, type RankingEntry } from './programme-api';

const SHOWN_AT_ONCE = 25;

function Score({ value }: { value: number | null }) {
  const { language } = useLanguage();
  return <>{value === null ? '—' : formatNumber(Math.round(value * 100) / 100, language)}</>;
}

/** The programme's applications best first, with the scores and a CSV of the whole ranking. */
export function Ranking({ programme }: { programme: Programme }) {
  const t = useText(programmesText);
  const a = useText(applicationsText);
  const ui = useText(uiText);
  const query = useRanking(programme.id);
  const [shown, setShown] = useState(SHOWN_AT_ONCE);
  return (
    <>
      <p>
        <a className="button-link secondary" href={rankingCsvHref(programme.id)} download={`ranking-${programme.id}.csv`}>
          {t('DOWNLOAD_CSV')}
        </a>
      </p>
      <QueryView query={query}>
        {(ranking) => {
          const normalised = ranking.normalisation === 'z_score';
          const columns: Column<RankingEntry>[] = [
            { header: t('COLUMN_RANK'), cell: (e) => e.rank, numeric: true },
            {
              header: t('COLUMN_STARTUP'),
              cell: (e) => (
                <Link to={`/applications/${e.applicationId}`}>
                  <NativeName name={e.startupName} latin={e.startupNameLatin} />
                </Link>
              ),
            },
            { header: t('COLUMN_COUNTRY'), cell: (e) => e.country },
            { header: t('COLUMN_STATE'), cell: (e) => a(`STATE_${e.state}`) },
            normalised
              ? { header: t('COLUMN_SCORE_NORMALISED'), cell: (e) => <Score value={e.score} />, numeric: true }
              : { header: t('COLUMN_SCORE_RAW'), cell: (e) => <Score value={e.score} />, numeric: true },
            ...(normalised ? [{ header: t('COLUMN_SCORE_RAW'), cell: (e: RankingEntry) => <Score value={e.rawScore} />, numeric: true }] : []),
            { header: t('COLUMN_REVIEWS'), cell: (e) => t('OF_REQUIRED', { count: e.reviewsCompleted, required: e.reviewsRequired }), numeric: true },
            { header: t('COLUMN_FAST_TRACK'), cell: (e) => (e.fastTrack ? t('YES') : t('NO')) },
          ];
          return (
            <>
              <p className="subtle">{t(normalised ? 'RANKING_EXPLAIN_Z' : 'RANKING_EXPLAIN_NONE')}</p>
              <DataTable caption={t('RANKING_CAPTION')} rows={ranking.items.slice(0, shown)} rowKey={(e) => e.applicationId} columns={columns} />
              <div className="list-footer">
                <span>{ui('SHOWN_COUNT', { count: Math.min(shown, ranking.items.length) })}</span>
                {ranking.items.length > shown && (
                  <button type="button" onClick={() => setShown(shown + SHOWN_AT_ONCE)}>
                    {ui('LOAD_MORE')}
                  </button>
                )}
              </div>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
