import { useState, type FormEvent } from 'react';
import type { PilotsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { FormProblem, SelectField, SubmitButton, TextArea, TextField, useAction } from '../../ui/forms';
import type { Guard } from './changes';
import { optionalText, ownFieldError, typedNumber } from './form-values';
import { pilotsText } from './messages';
import { ADOPTIONS, OUTCOMES, type Adoption, type Outcome, type Pilot } from './types';

type ReportBody = PilotsApi.components['schemas']['FinalReportInputDto'];
interface ResultDraft {
  criterion: Pilot['successCriteria'][number];
  value: string;
  note: string;
}

/** An adoption that comes with a contract: its value and currency are asked for. */
const withContract = (adoption: Adoption | '') => adoption !== '' && adoption !== 'none';

/**
 * The host completes a running pilot with its final report: a measured result for each success
 * criterion (its target beside it), the outcome, the adoption decision and, if adopted, the contract.
 */
export function ReportForm({ pilot, guard, onChanged }: { pilot: Pilot; guard: Guard; onChanged: (pilot: Pilot) => void }) {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const [results, setResults] = useState<ResultDraft[]>(() => pilot.successCriteria.map((criterion) => ({ criterion, value: '', note: '' })));
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [adoption, setAdoption] = useState<Adoption | ''>('');
  const [contractValue, setContractValue] = useState('');
  const [contractCurrency, setContractCurrency] = useState('');
  const [feedback, setFeedback] = useState('');

  const action = useAction(() => {
    const contract = withContract(adoption);
    // Sent as entered: the service checks every field and the form shows each message beside its field.
    const body = {
      outcome: outcome || undefined,
      adoption: adoption || undefined,
      results: results.map((r) => ({ criterion: r.criterion.name, value: typedNumber(r.value), note: optionalText(r.note) })),
      feedback: optionalText(feedback),
      contractValue: contract ? typedNumber(contractValue) : undefined,
      contractCurrency: contract ? optionalText(contractCurrency.trim().toUpperCase()) : undefined,
      version: pilot.version,
    } as ReportBody;
    return guard(() => unwrap(api.pilots.POST('/v1/pilots/{id}/complete', { params: { path: { id: pilot.id } }, body })));
  });

  const setResult = (index: number, patch: Partial<ResultDraft>) => setResults((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const completed = await action.run();
    if (completed) onChanged(completed);
  };
  const choose = t('CHOOSE');

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="report-title">
      <h3 id="report-title">{t('REPORT_FORM_TITLE')}</h3>
      <FormProblem problem={action.problem} />
      {ownFieldError(action.problem, 'results') && <p className="field-error">{ownFieldError(action.problem, 'results')}</p>}
      {results.map(({ criterion, value, note }, i) => (
        <fieldset key={criterion.name} className="pilots-criterion">
          <legend>{t('RESULT_LEGEND', { criterion: criterion.name, target: `${formatNumber(criterion.target, language)} ${criterion.unit}` })}</legend>
          <TextField
            label={t('RESULT_VALUE', { criterion: criterion.name })}
            hint={criterion.description && criterion.description !== criterion.name ? criterion.description : undefined}
            type="number"
            step="any"
            value={value}
            onChange={(value) => setResult(i, { value })}
            error={[action.fieldError(`results.${i}.value`), action.fieldError(`results.${i}.criterion`)].filter(Boolean).join(' ') || undefined}
          />
          <TextField
            label={t('RESULT_NOTE', { criterion: criterion.name })}
            value={note}
            onChange={(note) => setResult(i, { note })}
            error={action.fieldError(`results.${i}.note`)}
          />
        </fieldset>
      ))}
      <SelectField<Outcome | ''>
        label={t('OUTCOME')}
        value={outcome}
        onChange={setOutcome}
        error={action.fieldError('outcome')}
        options={[{ value: '', label: choose }, ...OUTCOMES.map((o) => ({ value: o, label: t(`OUTCOME_${o}`) }))]}
      />
      <SelectField<Adoption | ''>
        label={t('ADOPTION')}
        value={adoption}
        onChange={setAdoption}
        error={action.fieldError('adoption')}
        options={[{ value: '', label: choose }, ...ADOPTIONS.map((a) => ({ value: a, label: t(`ADOPTION_${a}`) }))]}
      />
      {withContract(adoption) && (
        <>
          <TextField
            label={t('CONTRACT_VALUE')}
            hint={t('CONTRACT_VALUE_HINT')}
            type="number"
            min={0}
            step="0.01"
            value={contractValue}
            onChange={setContractValue}
            error={action.fieldError('contractValue')}
          />
          <TextField
            label={t('CONTRACT_CURRENCY')}
            value={contractCurrency}
            onChange={setContractCurrency}
            maxLength={3}
            autoComplete="off"
            error={action.fieldError('contractCurrency')}
          />
        </>
      )}
      <TextArea label={t('FEEDBACK')} value={feedback} onChange={setFeedback} rows={4} error={action.fieldError('feedback')} />
      <SubmitButton pending={action.pending}>{t('COMPLETE_SUBMIT')}</SubmitButton>
    </form>
  );
}
