import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { ApplicationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { AnswerList } from './answer-list';
import { AssignmentStateBadge } from './assignment-state';
import { DetailView } from './detail-view';
import { reviewsText } from './messages';
import { ProgrammeName, shortRef } from '../../ui/entity-names';
import { ReasonForm } from './reason-form';
import { ReviewSummary } from './review-summary';
import type { Rubric } from './rubric';
import { ScoringForm } from './scoring-form';
import { StartupFacts } from './startup-facts';

type ReviewerView = ApplicationsApi.components['schemas']['ReviewerApplicationView'];

/** The assigned application as the reviewer may see it, and what the reviewer may do with it. */
export function AssignmentReview() {
  const { assignmentId = '' } = useParams();
  const query = useQuery({
    queryKey: ['review-assignment', assignmentId],
    queryFn: () => unwrap(api.applications.GET('/v1/review-assignments/{id}', { params: { path: { id: assignmentId } } })),
  });
  const t = useText(reviewsText);
  return (
    <DetailView title={t('REVIEW_GENERIC')} query={query}>
      {(view) => <ReviewScreen view={view} />}
    </DetailView>
  );
}

function ReviewScreen({ view }: { view: ReviewerView }) {
  const t = useText(reviewsText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const { assignment } = view;
  const rubric = view.rubric as unknown as Rubric;
  const open = assignment.state === 'assigned' && !view.ownReview;
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ['review-assignments'] });
    await queries.invalidateQueries({ queryKey: ['review-assignment', assignment.id] });
  };
  const abstain = async (reason: string) => {
    await unwrap(api.applications.POST('/v1/review-assignments/{id}/abstain', { params: { path: { id: assignment.id } }, body: { reason } }));
    await refresh();
  };
  const recuse = async (reason: string) => {
    await unwrap(api.applications.POST('/v1/review-assignments/{id}/recuse', { params: { path: { id: assignment.id } }, body: { reason } }));
    await refresh();
  };

  return (
    <>
      <p>
        <Link to="/reviews">{t('BACK_TO_LIST')}</Link>
      </p>
      <section className="panel">
        <h1>{t('REVIEW_TITLE', { ref: shortRef(view.applicationId) })}</h1>
        <h2>{t('ASSIGNMENT')}</h2>
        <dl className="facts">
          <dt>{t('COLUMN_PROGRAMME')}</dt>
          <dd>
            <ProgrammeName programmeId={assignment.programmeId} />
          </dd>
          <dt>{t('DUE_AT')}</dt>
          <dd>{formatDateTime(assignment.dueAt, language)}</dd>
          <dt>{t('COLUMN_STATE')}</dt>
          <dd>
            <AssignmentStateBadge assignment={assignment} />
          </dd>
          {assignment.recusalReason && (
            <>
              <dt>{t('RECUSAL_REASON')}</dt>
              <dd>{assignment.recusalReason}</dd>
            </>
          )}
        </dl>
        <h2>{t('THE_STARTUP')}</h2>
        <StartupFacts startup={view.startup} blind={view.blind} />
        <h2>{t('ANSWERS')}</h2>
        <AnswerList answers={view.answers as Record<string, unknown>} />
      </section>

      {open && (
        <>
          <section className="panel">
            <h2>{t('SCORE_TITLE')}</h2>
            <ScoringForm assignmentId={assignment.id} rubric={rubric} />
          </section>
          <section className="panel">
            <h2>{t('ABSTAIN_TITLE')}</h2>
            <ReasonForm label={t('ABSTAIN_REASON')} hint={t('ABSTAIN_HINT')} submitLabel={t('ABSTAIN')} onSubmit={abstain} />
          </section>
        </>
      )}
      {!open && !view.ownReview && (
        <p className="notice notice-warning">{assignment.state === 'recused' ? t('RECUSED_DONE') : t('NOT_OPEN')}</p>
      )}

      {view.ownReview && (
        <section className="panel">
          <h2>{t('YOUR_REVIEW')}</h2>
          <p className="notice notice-success" role="status">
            {view.ownReview.abstained ? t('ABSTAINED_DONE') : t('REVIEW_SUBMITTED')}
          </p>
          <ReviewSummary review={view.ownReview} rubric={rubric} who={t('YOUR_REVIEW')} />
          <h2>{t('OTHER_REVIEWS')}</h2>
          {view.otherReviews.length === 0 && <p className="empty">{t('NO_OTHER_REVIEWS')}</p>}
          {view.otherReviews.map((review, i) => (
            <section key={review.id} aria-label={t('OTHER_REVIEW', { n: i + 1 })}>
              <h3>{t('OTHER_REVIEW', { n: i + 1 })}</h3>
              <ReviewSummary review={review} rubric={rubric} who={t('OTHER_REVIEW', { n: i + 1 })} />
            </section>
          ))}
        </section>
      )}

      {assignment.state !== 'recused' && (
        <section className="panel">
          <h2>{t('RECUSE_TITLE')}</h2>
          <ReasonForm label={t('RECUSE_REASON')} hint={t('RECUSE_HINT')} submitLabel={t('RECUSE')} onSubmit={recuse} />
        </section>
      )}
    </>
  );
}
