import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { QueryView, SuccessNotice } from '../../ui/feedback';
import { Field, FormProblem, SelectField, SubmitButton, useAction } from '../../ui/forms';
import { DataTable } from '../../ui/lists';
import { dayInDays, endOfDay } from '../programmes/due-date';
import { programmeKeys, reviewerName, useOrganisationReviewers, useProgramme } from '../programmes/programme-api';
import { applicationKeys, rawMean, useApplicationReviews, type Application, type Review } from './application-api';
import { applicationsText } from './messages';

function round(value: number | null, language: Parameters<typeof formatNumber>[1]): string {
  return value === null ? '—' : formatNumber(Math.round(value * 100) / 100, language);
}

/** Every review given: the weighted score, each criterion's score and the comments, or the abstention. */
function ReviewTable({ application, reviews }: { application: Application; reviews: Review[] }) {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const reviewers = useOrganisationReviewers().data;
  const rubric = useProgramme(application.programmeId).data?.rubric.criteria;
  const labelOf = (key: string) => rubric?.find((c) => c.key === key)?.label ?? key;
  return (
    <>
      <p>{t('REVIEWS_SUMMARY', { count: reviews.filter((r) => !r.abstained).length, mean: round(rawMean(reviews), language) })}</p>
      <DataTable
        caption={t('REVIEWS_CAPTION')}
        rows={reviews}
        rowKey={(r) => r.id}
        columns={[
          { header: t('COLUMN_REVIEWER'), cell: (r) => reviewerName(reviewers, r.reviewerPrincipalId) },
          { header: t('COLUMN_WEIGHTED_SCORE'), cell: (r) => (r.abstained ? t('ABSTAINED') : round(r.weightedScore, language)), numeric: true },
          {
            header: t('COLUMN_CRITERIA'),
            cell: (r) =>
              r.abstained ? (
                (r.abstainReason ?? '—')
              ) : (
                <ul className="changes">
                  {r.scores.map((s) => (
                    <li key={s.criterion}>
                      {labelOf(s.criterion)}: {s.score}
                      {s.comment && <> — {s.comment}</>}
                    </li>
                  ))}
                </ul>
              ),
          },
          { header: t('COLUMN_COMMENT'), cell: (r) => r.comment ?? '—' },
          { header: t('COLUMN_SUBMITTED'), cell: (r) => formatDateTime(r.submittedAt, language) },
        ]}
      />
    </>
  );
}

/** Assign one reviewer of the organisation to this application by hand, with a due date. */
function AssignReviewer({ application }: { application: Application }) {
  const t = useText(applicationsText);
  const queries = useQueryClient();
  const reviewers = useOrganisationReviewers();
  const active = (reviewers.data ?? []).filter((r) => r.state === 'active');
  const [reviewerId, setReviewerId] = useState('');
  const [dueOn, setDueOn] = useState(() => dayInDays(14));
  const [assigned, setAssigned] = useState<string | null>(null);
  const action = useAction(async () => {
    setAssigned(null);
    const assignment = await unwrap(
      api.applications.POST('/v1/programmes/{id}/review-assignments', {
        params: { path: { id: application.programmeId } },
        body: { applicationId: application.id, reviewerPrincipalId: reviewerId, dueAt: endOfDay(dueOn) },
      }),
    );
    setAssigned(reviewerName(reviewers.data, assignment.reviewerPrincipalId));
    await Promise.all([
      queries.invalidateQueries({ queryKey: applicationKeys.one(application.id) }),
      queries.invalidateQueries({ queryKey: applicationKeys.history(application.id) }),
      queries.invalidateQueries({ queryKey: programmeKeys.progress(application.programmeId) }),
    ]);
    return assignment;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="assign-reviewer-title">
      <h3 id="assign-reviewer-title">{t('ASSIGN_TITLE')}</h3>
      {assigned && <SuccessNotice>{t('ASSIGNED_NOTICE', { name: assigned })}</SuccessNotice>}
      <FormProblem problem={action.problem} />
      <div className="field-row">
        <SelectField
          label={t('FIELD_REVIEWER')}
          value={reviewerId}
          onChange={setReviewerId}
          options={[{ value: '', label: t('CHOOSE_REVIEWER') }, ...active.map((r) => ({ value: r.id, label: r.displayName }))]}
          error={action.fieldError('reviewerPrincipalId')}
        />
        <Field label={t('FIELD_DUE_ON')} error={action.fieldError('dueAt')}>
          {(control) => <input {...control} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
        </Field>
      </div>
      <SubmitButton pending={action.pending}>{t('ASSIGN_SUBMIT')}</SubmitButton>
    </form>
  );
}

export function ApplicationReviews({ application }: { application: Application }) {
  const reviews = useApplicationReviews(application.id);
  return (
    <>
      <QueryView query={reviews}>{(list) => <ReviewTable application={application} reviews={list} />}</QueryView>
      {(application.state === 'submitted' || application.state === 'under_review') && <AssignReviewer application={application} />}
    </>
  );
}
