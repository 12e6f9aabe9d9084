import { useText } from '../../i18n/language';
import { TextField } from '../../ui/forms';
import { programmesText } from './messages';
import type { DraftChange, ErrorOf } from './programme-form';
import type { CriterionDraft, ProgrammeDraft } from './programme-draft';

/**
 * A machine key from a criterion's label (`Clinical fit` → `clinical_fit`); a label without Latin
 * letters (혁신성, Команда) gets `criterion_<n>`. The person may still type their own key.
 */
export function keyFromLabel(label: string, position: number): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 64);
  return slug || `criterion_${position}`;
}

/** The rubric reviewers score against: criteria with weights, and the scale. */
export function RubricFields({ draft, onChange, errorOf }: { draft: ProgrammeDraft; onChange: DraftChange; errorOf: ErrorOf }) {
  const t = useText(programmesText);
  const setCriterion = (index: number, change: Partial<CriterionDraft>) =>
    onChange({ criteria: draft.criteria.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  const setLabel = (index: number, label: string) => {
    const current = draft.criteria[index];
    // The key follows the label until the person types a key of their own.
    const derived = current.key === '' || current.key === keyFromLabel(current.label, index + 1);
    setCriterion(index, derived ? { label, key: keyFromLabel(label, index + 1) } : { label });
  };
  const add = () => onChange({ criteria: [...draft.criteria, { key: '', label: '', weight: '1', description: '' }] });
  const remove = (index: number) => onChange({ criteria: draft.criteria.filter((_, i) => i !== index) });
  const wholeRubric = errorOf('rubric.criteria');
  return (
    <fieldset className="form-section">
      <legend>{t('SECTION_RUBRIC')}</legend>
      {wholeRubric && draft.criteria.every((_, i) => !errorOf(`rubric.criteria.${i}`)) && <p className="field-error">{wholeRubric}</p>}
      {draft.criteria.map((criterion, index) => {
        const n = index + 1;
        const at = (name: string) => errorOf(`rubric.criteria.${index}.${name}`);
        return (
          <div className="rubric-criterion" key={index}>
            <TextField label={t('CRITERION_LABEL', { n })} value={criterion.label} onChange={(label) => setLabel(index, label)} error={at('label')} />
            <TextField label={t('CRITERION_KEY', { n })} value={criterion.key} onChange={(key) => setCriterion(index, { key })} error={at('key')} spellCheck={false} />
            <TextField type="number" min={0} step="any" label={t('CRITERION_WEIGHT', { n })} value={criterion.weight} onChange={(weight) => setCriterion(index, { weight })} error={at('weight')} />
            <button type="button" className="danger" onClick={() => remove(index)} disabled={draft.criteria.length === 1}>
              {t('CRITERION_REMOVE', { n })}
            </button>
          </div>
        );
      })}
      <p>
        <button type="button" onClick={add}>
          {t('CRITERION_ADD')}
        </button>
      </p>
      <div className="field-row">
        <TextField type="number" min={0} max={100} label={t('FIELD_SCALE_MIN')} value={draft.scaleMin} onChange={(scaleMin) => onChange({ scaleMin })} error={errorOf('rubric.scaleMin')} />
        <TextField type="number" min={1} max={100} label={t('FIELD_SCALE_MAX')} value={draft.scaleMax} onChange={(scaleMax) => onChange({ scaleMax })} error={errorOf('rubric.scaleMax')} />
      </div>
    </fieldset>
  );
}
