import { useText } from '../../i18n/language';
import { TextField } from '../../ui/forms';
import { pilotsText } from './messages';

export interface CriterionDraft {
  key: string;
  name: string;
  unit: string;
  target: string;
  description: string;
}

export const blankCriterion = (): CriterionDraft => ({ key: crypto.randomUUID(), name: '', unit: '', target: '', description: '' });

/** The success criteria of an approval, one fieldset each, with the API's errors beside each field. */
export function CriteriaFields({
  criteria,
  onChange,
  fieldError,
}: {
  criteria: CriterionDraft[];
  onChange: (next: CriterionDraft[]) => void;
  fieldError: (field: string) => string | undefined;
}) {
  const t = useText(pilotsText);
  const update = (key: string, patch: Partial<CriterionDraft>) => onChange(criteria.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  return (
    <>
      {criteria.map((c, i) => {
        const n = i + 1;
        const at = `successCriteria.${i}`;
        return (
          <fieldset key={c.key} className="pilots-criterion">
            <legend>{t('CRITERION_LEGEND', { n })}</legend>
            <TextField label={t('CRITERION_NAME', { n })} hint={t('CRITERION_NAME_HINT')} value={c.name} onChange={(name) => update(c.key, { name })} error={fieldError(`${at}.name`)} />
            <TextField label={t('CRITERION_UNIT', { n })} value={c.unit} onChange={(unit) => update(c.key, { unit })} error={fieldError(`${at}.unit`)} />
            <TextField
              label={t('CRITERION_TARGET', { n })}
              type="number"
              step="any"
              value={c.target}
              onChange={(target) => update(c.key, { target })}
              error={fieldError(`${at}.target`)}
            />
            <TextField
              label={t('CRITERION_DESCRIPTION', { n })}
              value={c.description}
              onChange={(description) => update(c.key, { description })}
              error={fieldError(`${at}.description`)}
            />
            {criteria.length > 1 && (
              <button type="button" className="danger" onClick={() => onChange(criteria.filter((other) => other.key !== c.key))}>
                {t('REMOVE_CRITERION', { n })}
              </button>
            )}
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...criteria, blankCriterion()])}>
        {t('ADD_CRITERION')}
      </button>
    </>
  );
}
