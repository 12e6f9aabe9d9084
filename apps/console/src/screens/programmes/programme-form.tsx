import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useText } from '../../i18n/language';
import { FormProblem, SelectField, SubmitButton, TextArea, TextField } from '../../ui/forms';
import { Checkbox } from './checkbox';
import { EligibilityFields } from './eligibility-fields';
import { programmesText } from './messages';
import { problemBeside } from './problem-fields';
import { NORMALISATIONS, PROGRAMME_KINDS } from './programme-api';
import type { ProgrammeDraft } from './programme-draft';
import { RubricFields } from './rubric-fields';

/** What the form needs of the action that saves it (`useAction` of ui/forms.tsx). */
export interface SaveAction {
  pending: boolean;
  problem: unknown;
  fieldError: (field: string) => string | undefined;
}

export type DraftChange = (change: Partial<ProgrammeDraft>) => void;

/** The API's message for a field, including the whole-programme rules that belong beside it. */
export type ErrorOf = (field: string) => string | undefined;

function useTimeZones(): string[] {
  return useMemo(() => Intl.supportedValuesOf('timeZone'), []);
}

/**
 * The programme, as a form: about, host and window, eligibility, rubric, reviewing. Creating and
 * editing a draft share it; `kindFixed` hides the kind, which cannot change once created.
 */
export function ProgrammeForm({
  draft,
  onChange,
  action,
  onSubmit,
  submitLabel,
  kindFixed,
  notice,
}: {
  /** Shown above the fields (e.g. what changed meanwhile), brought into view like the API's problem. */
  notice?: ReactNode;
  draft: ProgrammeDraft;
  onChange: DraftChange;
  action: SaveAction;
  onSubmit: () => void;
  submitLabel: string;
  kindFixed?: boolean;
}) {
  const t = useText(programmesText);
  const zones = useTimeZones();
  // The form is long and its submit button is at the bottom: bring a refusal at the top into view.
  const top = useRef<HTMLDivElement>(null);
  const noticed = Boolean(notice);
  useEffect(() => {
    if (action.problem || noticed) top.current?.scrollIntoView({ block: 'start' });
  }, [action.problem, noticed]);
  const errorOf: ErrorOf = (field) => problemBeside(action.problem, action.fieldError, field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <div ref={top}>
        {notice ?? <FormProblem problem={action.problem} />}
      </div>
      <fieldset className="form-section">
        <legend>{t('SECTION_ABOUT')}</legend>
        <TextField label={t('FIELD_NAME')} hint={t('FIELD_NAME_HINT')} value={draft.name} onChange={(name) => onChange({ name })} error={errorOf('name')} />
        <TextField label={t('FIELD_NAME_LATIN')} value={draft.nameLatin} onChange={(nameLatin) => onChange({ nameLatin })} error={errorOf('nameLatin')} />
        <TextArea label={t('FIELD_DESCRIPTION')} value={draft.description} onChange={(description) => onChange({ description })} error={errorOf('description')} rows={3} />
        {!kindFixed && (
          <SelectField
            label={t('FIELD_KIND')}
            value={draft.kind}
            onChange={(kind) => onChange({ kind })}
            options={PROGRAMME_KINDS.map((kind) => ({ value: kind, label: t(`KIND_${kind}`) }))}
            error={errorOf('kind')}
          />
        )}
        <TextField
          label={t('FIELD_PARTNERS')}
          hint={t('FIELD_PARTNERS_HINT')}
          value={draft.partnerOrganisationIds}
          onChange={(partnerOrganisationIds) => onChange({ partnerOrganisationIds })}
          error={errorOf('partnerOrganisationIds')}
          spellCheck={false}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('SECTION_HOST_WINDOW')}</legend>
        <div className="field-row">
          <TextField
            label={t('FIELD_HOST_COUNTRY')}
            hint={t('COUNTRY_CODE_HINT')}
            value={draft.hostCountry}
            onChange={(hostCountry) => onChange({ hostCountry })}
            error={errorOf('hostCountry')}
            maxLength={2}
            autoCapitalize="characters"
          />
          <TextField label={t('FIELD_HOST_CITY')} value={draft.hostCity} onChange={(hostCity) => onChange({ hostCity })} error={errorOf('hostCity')} />
        </div>
        <TextField
          label={t('FIELD_TIME_ZONE')}
          hint={t('FIELD_TIME_ZONE_HINT')}
          value={draft.timeZone}
          onChange={(timeZone) => onChange({ timeZone })}
          error={errorOf('timeZone')}
          list="programme-time-zones"
          spellCheck={false}
        />
        <datalist id="programme-time-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <div className="field-row">
          <TextField type="datetime-local" label={t('FIELD_OPENS_AT')} value={draft.opensAt} onChange={(opensAt) => onChange({ opensAt })} error={errorOf('opensAt')} />
          <TextField type="datetime-local" label={t('FIELD_CLOSES_AT')} value={draft.closesAt} onChange={(closesAt) => onChange({ closesAt })} error={errorOf('closesAt')} />
          <TextField type="number" min={1} label={t('FIELD_CAPACITY')} hint={t('FIELD_CAPACITY_HINT')} value={draft.capacity} onChange={(capacity) => onChange({ capacity })} error={errorOf('capacity')} />
        </div>
      </fieldset>

      <EligibilityFields draft={draft} onChange={onChange} errorOf={errorOf} />
      <RubricFields draft={draft} onChange={onChange} errorOf={errorOf} />

      <fieldset className="form-section">
        <legend>{t('SECTION_REVIEWING')}</legend>
        <div className="field-row">
          <TextField
            type="number"
            min={1}
            max={20}
            label={t('FIELD_REVIEWS_REQUIRED')}
            value={draft.reviewsRequired}
            onChange={(reviewsRequired) => onChange({ reviewsRequired })}
            error={errorOf('reviewsRequired')}
          />
          <SelectField
            label={t('FIELD_NORMALISATION')}
            hint={t('FIELD_NORMALISATION_HINT')}
            value={draft.normalisation}
            onChange={(normalisation) => onChange({ normalisation })}
            options={NORMALISATIONS.map((n) => ({ value: n, label: t(`NORMALISATION_${n}`) }))}
            error={errorOf('normalisation')}
          />
        </div>
        <Checkbox label={t('FIELD_BLIND_REVIEW')} hint={t('FIELD_BLIND_REVIEW_HINT')} checked={draft.blindReview} onChange={(blindReview) => onChange({ blindReview })} error={errorOf('blindReview')} />
      </fieldset>

      <SubmitButton pending={action.pending}>{submitLabel}</SubmitButton>
    </form>
  );
}

/** The draft a form edits, with a setter that merges a change. */
export function useDraft(initial: () => ProgrammeDraft) {
  const [draft, setDraft] = useState(initial);
  const change: DraftChange = (patch) => setDraft((current) => ({ ...current, ...patch }));
  return { draft, change, replace: setDraft };
}
