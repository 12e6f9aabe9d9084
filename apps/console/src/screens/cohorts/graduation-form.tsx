import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { allItems } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { QueryView } from '../../ui/feedback';
import { FormProblem, SubmitButton, TextField, useAction } from '../../ui/forms';
import type { Guard } from '../pilots/changes';
import { cohortsText } from './messages';
import { cohortKeys } from './queries';
import { useStartup } from '../../api/queries';
import type { Cohort, Member } from './types';

interface OutcomeDraft {
  member: Member;
  graduated: boolean;
  note: string;
}

/** One accepted startup's outcome: graduated or not, and a note. */
function OutcomeFields({ draft, index, onChange, fieldError }: { draft: OutcomeDraft; index: number; onChange: (patch: Partial<OutcomeDraft>) => void; fieldError: (field: string) => string | undefined }) {
  const t = useText(cohortsText);
  const name = useStartup(draft.member.startupId).data?.name ?? draft.member.startupId;
  const memberError = fieldError(`outcomes.${index}.memberId`) ?? fieldError(`outcomes.${index}.graduated`);
  return (
    <fieldset className="cohorts-outcome">
      <legend>{name}</legend>
      <label className="cohorts-check">
        <input type="checkbox" checked={draft.graduated} onChange={(e) => onChange({ graduated: e.target.checked })} />
        {t('GRADUATED_LABEL', { name })}
      </label>
      {memberError && <p className="field-error">{memberError}</p>}
      <TextField label={t('GRADUATION_NOTE', { name })} value={draft.note} onChange={(note) => onChange({ note })} error={fieldError(`outcomes.${index}.note`)} />
    </fieldset>
  );
}

function OutcomesForm({ cohort, accepted, guard, onGraduated }: { cohort: Cohort; accepted: Member[]; guard: Guard; onGraduated: (cohort: Cohort) => void }) {
  const t = useText(cohortsText);
  const [drafts, setDrafts] = useState<OutcomeDraft[]>(() => accepted.map((member) => ({ member, graduated: true, note: '' })));
  const action = useAction(() =>
    guard(() =>
      unwrap(
        api.cohorts.POST('/v1/cohorts/{id}/graduate', {
          params: { path: { id: cohort.id } },
          body: { version: cohort.version, outcomes: drafts.map((d) => ({ memberId: d.member.id, graduated: d.graduated, note: d.note.trim() === '' ? null : d.note })) },
        }),
      ),
    ),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const graduated = await action.run();
    if (graduated) onGraduated(graduated);
  };
  const update = (index: number, patch: Partial<OutcomeDraft>) => setDrafts((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('GRADUATION_HINT')}</p>
      <FormProblem problem={action.problem} />
      {drafts.length === 0 && <p>{t('NO_ACCEPTED')}</p>}
      {drafts.map((draft, i) => (
        <OutcomeFields key={draft.member.id} draft={draft} index={i} onChange={(patch) => update(i, patch)} fieldError={action.fieldError} />
      ))}
      <SubmitButton pending={action.pending}>{t('GRADUATE_SUBMIT')}</SubmitButton>
    </form>
  );
}

/** Graduation of a running cohort: an outcome for every startup holding an accepted place. */
export function GraduationForm({ cohort, guard, onGraduated }: { cohort: Cohort; guard: Guard; onGraduated: (cohort: Cohort) => void }) {
  const accepted = useQuery({
    queryKey: [...cohortKeys.within(cohort.id), 'accepted', 'all'],
    queryFn: () => allItems((cursor) => unwrap(api.cohorts.GET('/v1/cohorts/{id}/members', { params: { path: { id: cohort.id }, query: { cursor, state: 'accepted' } } }))),
  });
  return <QueryView query={accepted}>{(members) => <OutcomesForm cohort={cohort} accepted={members} guard={guard} onGraduated={onGraduated} />}</QueryView>;
}
