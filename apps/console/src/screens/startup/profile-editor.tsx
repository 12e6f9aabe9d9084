import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ProblemError, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { FormProblem, SelectField, SubmitButton, TextArea, TextField, useAction } from '../../ui/forms';
import { startupText } from './messages';
import { startupKey, type Startup } from './startup-profile';

interface ProfileForm {
  name: string;
  nameLatin: string;
  technologyFields: string;
  trl: string;
  languages: string;
  description: string;
}

/** The editable fields, each with the label the person reads (also used to name what changed meanwhile). */
const FIELD_LABELS = {
  name: 'NAME',
  nameLatin: 'NAME_LATIN',
  technologyFields: 'FIELDS',
  trl: 'TRL',
  languages: 'LANGUAGES',
  description: 'DESCRIPTION',
} as const satisfies Record<keyof ProfileForm, keyof typeof startupText>;

function formOf(s: Startup): ProfileForm {
  return {
    name: s.name,
    nameLatin: s.nameLatin,
    technologyFields: s.technologyFields.join(', '),
    trl: String(s.trl),
    languages: s.languages.join(', '),
    description: s.description ?? '',
  };
}

const listOf = (text: string) => text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);

/** The fields whose stored value differs between two reads of the profile. */
function changedFields(before: Startup, after: Startup): (keyof ProfileForm)[] {
  const a = formOf(before);
  const b = formOf(after);
  return (Object.keys(FIELD_LABELS) as (keyof ProfileForm)[]).filter((k) => a[k] !== b[k]);
}

/** The fresh form with the person's edited fields laid over it. */
function keepEdits(fresh: ProfileForm, mine: ProfileForm, edited: ReadonlySet<keyof ProfileForm>): ProfileForm {
  const merged = { ...fresh };
  for (const field of edited) merged[field] = mine[field];
  return merged;
}

/**
 * Edits the profile on the version it was read at. If someone saved meanwhile (409), the fresh profile
 * is shown above, the fields that changed are named, the form takes the fresh values except where the
 * person edited, and saving again sends only those edits on the fresh version.
 */
export function ProfileEditor({ startup }: { startup: Startup }) {
  const t = useText(startupText);
  const queries = useQueryClient();
  const [base, setBase] = useState(startup);
  const [form, setForm] = useState(() => formOf(startup));
  const [changedMeanwhile, setChangedMeanwhile] = useState<(keyof ProfileForm)[] | null>(null);
  const [saved, setSaved] = useState(false);
  /** The fields the person edited: only these are sent, so a save never writes back what someone else changed. */
  const [edited, setEdited] = useState<ReadonlySet<keyof ProfileForm>>(new Set());
  const set = (field: keyof ProfileForm) => (value: string) => {
    setSaved(false);
    setEdited((e) => new Set(e).add(field));
    setForm((f) => ({ ...f, [field]: value }));
  };

  const save = useAction(async () => {
    setSaved(false);
    try {
      const values = {
        name: form.name,
        nameLatin: form.nameLatin,
        technologyFields: listOf(form.technologyFields),
        trl: Number(form.trl),
        languages: listOf(form.languages),
        description: form.description,
      };
      const body = { ...Object.fromEntries([...edited].map((field) => [field, values[field]])), version: base.version };
      const updated = await unwrap(api.applications.PATCH('/v1/startups/{id}', { params: { path: { id: startup.id } }, body }));
      queries.setQueryData(startupKey(startup.id), updated);
      setBase(updated);
      setForm(formOf(updated));
      setEdited(new Set());
      setChangedMeanwhile(null);
      setSaved(true);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409) {
        const fresh = await unwrap(api.applications.GET('/v1/startups/{id}', { params: { path: { id: startup.id } } }));
        queries.setQueryData(startupKey(startup.id), fresh);
        setChangedMeanwhile(changedFields(base, fresh));
        setBase(fresh);
        // What the person did not touch shows the fresh value; their edits stay.
        setForm((f) => keepEdits(formOf(fresh), f, edited));
      }
      throw error;
    }
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const changedNames = changedMeanwhile?.map((k) => t(FIELD_LABELS[k])).join(', ');
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormProblem problem={save.problem} />
      {changedMeanwhile && (
        <p className="notice notice-warning" role="alert">
          {t('CHANGED_MEANWHILE', { fields: changedNames || t('CHANGED_NOTHING_VISIBLE') })}
        </p>
      )}
      {saved && <SuccessNotice>{t('PROFILE_SAVED')}</SuccessNotice>}
      <TextField label={t('NAME')} value={form.name} onChange={set('name')} error={save.fieldError('name')} />
      <TextField label={t('NAME_LATIN')} value={form.nameLatin} onChange={set('nameLatin')} error={save.fieldError('nameLatin')} />
      <TextField label={t('FIELDS')} hint={t('FIELDS_HINT')} value={form.technologyFields} onChange={set('technologyFields')} error={save.fieldError('technologyFields')} />
      <SelectField
        label={t('TRL')}
        value={form.trl}
        onChange={set('trl')}
        options={['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((v) => ({ value: v, label: v }))}
        error={save.fieldError('trl')}
      />
      <TextField label={t('LANGUAGES')} hint={t('LANGUAGES_HINT')} value={form.languages} onChange={set('languages')} error={save.fieldError('languages')} />
      <TextArea label={t('DESCRIPTION')} value={form.description} onChange={set('description')} error={save.fieldError('description')} />
      <SubmitButton pending={save.pending}>{t('SAVE_PROFILE')}</SubmitButton>
    </form>
  );
}
