import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApplicationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { QueryView, SuccessNotice } from '../../ui/feedback';
import { Field, FormProblem, SubmitButton, TextField, useAction } from '../../ui/forms';
import { DataTable } from '../../ui/lists';
import { programmesText } from './messages';
import { programmeKeys, reviewerName, useOrganisationReviewers, useRanking, type Person, type Programme } from './programme-api';
import { ApplicationLink } from './review-progress';
import { dayInDays, endOfDay } from './due-date';

type AutoAssigned = ApplicationsApi.components['schemas']['AutoAssignResponse'];
/** `unfilled` as the service fills it (its OpenAPI schema does not spell the item out). */
type Unfilled = { applicationId: string; missing: number };

function ReviewerChoice({ reviewers, chosen, onChange, error }: { reviewers: Person[]; chosen: Set<string>; onChange: (next: Set<string>) => void; error?: string }) {
  const t = useText(programmesText);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="form-section">
      <legend>{t('ASSIGN_REVIEWERS')}</legend>
      {reviewers.length === 0 && <p className="empty">{t('NO_REVIEWERS')}</p>}
      <ul className="choice-list">
        {reviewers.map((r) => (
          <li key={r.id}>
            <label>
              <input type="checkbox" checked={chosen.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
              {r.displayName}
              {/* Names repeat across organisations' people; the address tells two of them apart. */}
              {r.email && <span className="subtle">{r.email}</span>}
            </label>
          </li>
        ))}
      </ul>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function Result({ result, reviewers, programmeId }: { result: AutoAssigned; reviewers: Person[]; programmeId: string }) {
  const t = useText(programmesText);
  const { language } = useLanguage();
  const ranking = useRanking(programmeId).data?.items;
  const unfilled = result.unfilled as unknown as Unfilled[];
  return (
    <>
      <SuccessNotice>{t('ASSIGNED_COUNT', { count: result.assigned.length })}</SuccessNotice>
      {result.assigned.length > 0 && (
        <DataTable
          caption={t('ASSIGNED_CAPTION')}
          rows={result.assigned}
          rowKey={(a) => a.id}
          columns={[
            { header: t('COLUMN_STARTUP'), cell: (a) => <ApplicationLink applicationId={a.applicationId} entries={ranking} /> },
            { header: t('COLUMN_REVIEWER'), cell: (a) => reviewerName(reviewers, a.reviewerPrincipalId) },
            { header: t('COLUMN_DUE_AT'), cell: (a) => formatDateTime(a.dueAt, language) },
          ]}
        />
      )}
      {unfilled.length > 0 && (
        <DataTable
          caption={t('UNFILLED_CAPTION')}
          rows={unfilled}
          rowKey={(u) => u.applicationId}
          columns={[
            { header: t('COLUMN_STARTUP'), cell: (u) => <ApplicationLink applicationId={u.applicationId} entries={ranking} /> },
            { header: t('COLUMN_MISSING'), cell: (u) => u.missing, numeric: true },
          ]}
        />
      )}
    </>
  );
}

function AssignmentForm({ programme, reviewers }: { programme: Programme; reviewers: Person[] }) {
  const t = useText(programmesText);
  const queries = useQueryClient();
  const active = reviewers.filter((r) => r.state === 'active');
  const [chosen, setChosen] = useState(() => new Set(active.map((r) => r.id)));
  const [quota, setQuota] = useState('10');
  const [dueOn, setDueOn] = useState(() => dayInDays(14));
  const [result, setResult] = useState<AutoAssigned | null>(null);
  const action = useAction(async () => {
    setResult(null);
    const assigned = await unwrap(
      api.applications.POST('/v1/programmes/{id}/review-assignments/auto', {
        params: { path: { id: programme.id } },
        body: { reviewerPrincipalIds: [...chosen], quotaPerReviewer: Number(quota), dueAt: endOfDay(dueOn) },
      }),
    );
    setResult(assigned);
    await Promise.all([
      queries.invalidateQueries({ queryKey: programmeKeys.progress(programme.id) }),
      queries.invalidateQueries({ queryKey: programmeKeys.ranking(programme.id) }),
      queries.invalidateQueries({ queryKey: ['applications'] }),
    ]);
    return assigned;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <>
      <p className="subtle">{t('ASSIGN_INTRO', { required: programme.reviewsRequired })}</p>
      <form onSubmit={submit} noValidate>
        <FormProblem problem={action.problem} />
        <ReviewerChoice reviewers={active} chosen={chosen} onChange={setChosen} error={action.fieldError('reviewerPrincipalIds')} />
        <div className="field-row">
          <TextField type="number" min={1} label={t('FIELD_QUOTA')} hint={t('FIELD_QUOTA_HINT')} value={quota} onChange={setQuota} error={action.fieldError('quotaPerReviewer')} />
          <Field label={t('FIELD_DUE_ON')} hint={t('FIELD_DUE_ON_HINT')} error={action.fieldError('dueAt')}>
            {(control) => <input {...control} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
          </Field>
        </div>
        <SubmitButton pending={action.pending}>{t('ASSIGN_SUBMIT')}</SubmitButton>
      </form>
      {result && <Result result={result} reviewers={reviewers} programmeId={programme.id} />}
    </>
  );
}

/** Let the service spread the programme's applications over chosen reviewers, and show what it did. */
export function AutoAssignment({ programme }: { programme: Programme }) {
  const reviewers = useOrganisationReviewers();
  return <QueryView query={reviewers}>{(people) => <AssignmentForm programme={programme} reviewers={people} />}</QueryView>;
}
