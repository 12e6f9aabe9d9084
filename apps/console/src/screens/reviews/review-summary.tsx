import type { ApplicationsApi } from '@exchange/sdk/browser';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { DataTable } from '../../ui/lists';
import { reviewsText } from './messages';
import type { Rubric } from './rubric';

type Review = ApplicationsApi.components['schemas']['ReviewResponse'];
type CriterionScore = Review['scores'][number];

/** A submitted review: each criterion's score and comment, the weighted score; or the abstention's reason. */
export function ReviewSummary({ review, rubric, who }: { review: Review; rubric: Rubric; who: string }) {
  const t = useText(reviewsText);
  const { language } = useLanguage();
  const labelOf = (key: string) => rubric.criteria.find((c) => c.key === key)?.label ?? key;
  return (
    <>
      <dl className="facts">
        <dt>{t('SUBMITTED_AT')}</dt>
        <dd>{formatDateTime(review.submittedAt, language)}</dd>
        {review.abstained ? (
          <>
            <dt>{t('ABSTAINED_BECAUSE')}</dt>
            <dd>{review.abstainReason ?? '—'}</dd>
          </>
        ) : (
          <>
            <dt>{t('WEIGHTED_SCORE')}</dt>
            <dd className="numeric">{review.weightedScore === null ? '—' : formatNumber(Math.round(review.weightedScore * 100) / 100, language)}</dd>
          </>
        )}
        {review.comment && (
          <>
            <dt>{t('COMMENT')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{review.comment}</dd>
          </>
        )}
      </dl>
      {!review.abstained && (
        <DataTable<CriterionScore>
          caption={t('SCORES_OF', { who })}
          rows={review.scores}
          rowKey={(s) => s.criterion}
          columns={[
            { header: t('COLUMN_CRITERION'), cell: (s) => labelOf(s.criterion) },
            { header: t('COLUMN_SCORE'), cell: (s) => formatNumber(s.score, language), numeric: true },
            { header: t('COLUMN_COMMENT'), cell: (s) => s.comment ?? '' },
          ]}
        />
      )}
    </>
  );
}
