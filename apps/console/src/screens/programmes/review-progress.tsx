import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { QueryView } from '../../ui/feedback';
import { DataTable } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { programmesText } from './messages';
import { programmeKeys, reviewerName, useOrganisationReviewers, useRanking, type Programme, type RankingEntry } from './programme-api';

/** A count of overdue reviews, flagged in words as well as colour. */
function Overdue({ count }: { count: number }) {
  const t = useText(programmesText);
  if (count === 0) return <>0</>;
  return <span className="badge overdue">{t('OVERDUE_COUNT', { count })}</span>;
}

/** The startup of an application, as the ranking names it (the progress route gives only ids). */
export function ApplicationLink({ applicationId, entries }: { applicationId: string; entries: readonly RankingEntry[] | undefined }) {
  const entry = entries?.find((e) => e.applicationId === applicationId);
  return <Link to={`/applications/${applicationId}`}>{entry ? <NativeName name={entry.startupName} latin={entry.startupNameLatin} /> : `${applicationId.slice(0, 8)}…`}</Link>;
}

/** Who has reviewed what, and what is overdue, per reviewer and per application. */
export function ReviewProgress({ programme }: { programme: Programme }) {
  const t = useText(programmesText);
  const query = useQuery({
    queryKey: programmeKeys.progress(programme.id),
    queryFn: () => unwrap(api.applications.GET('/v1/programmes/{id}/review-progress', { params: { path: { id: programme.id } } })),
  });
  const reviewers = useOrganisationReviewers().data;
  const ranking = useRanking(programme.id).data?.items;
  return (
    <QueryView query={query}>
      {(progress) => {
        const overdue = progress.reviewers.reduce((sum, r) => sum + r.overdue, 0);
        if (progress.reviewers.length === 0 && progress.applications.length === 0) return <p className="empty">{t('PROGRESS_NONE')}</p>;
        return (
          <>
            {overdue > 0 && (
              <p className="notice notice-warning" role="status">
                {t('OVERDUE_SUMMARY', { count: overdue })}
              </p>
            )}
            <DataTable
              caption={t('PROGRESS_REVIEWERS_CAPTION')}
              rows={progress.reviewers}
              rowKey={(r) => r.reviewerPrincipalId}
              columns={[
                { header: t('COLUMN_REVIEWER'), cell: (r) => reviewerName(reviewers, r.reviewerPrincipalId) },
                { header: t('COLUMN_DONE'), cell: (r) => r.done, numeric: true },
                { header: t('COLUMN_DUE'), cell: (r) => r.due, numeric: true },
                { header: t('COLUMN_OVERDUE'), cell: (r) => <Overdue count={r.overdue} />, numeric: true },
              ]}
            />
            <DataTable
              caption={t('PROGRESS_APPLICATIONS_CAPTION')}
              rows={progress.applications}
              rowKey={(a) => a.applicationId}
              columns={[
                { header: t('COLUMN_STARTUP'), cell: (a) => <ApplicationLink applicationId={a.applicationId} entries={ranking} /> },
                { header: t('COLUMN_SCORED'), cell: (a) => t('OF_REQUIRED', { count: a.scored, required: a.required }), numeric: true },
                { header: t('COLUMN_DONE'), cell: (a) => a.done, numeric: true },
                { header: t('COLUMN_DUE'), cell: (a) => a.due, numeric: true },
                { header: t('COLUMN_OVERDUE'), cell: (a) => <Overdue count={a.overdue} />, numeric: true },
              ]}
            />
          </>
        );
      }}
    </QueryView>
  );
}
