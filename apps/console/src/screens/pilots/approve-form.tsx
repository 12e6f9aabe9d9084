import { useState, type FormEvent } from 'react';
import type { PilotsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { FormProblem, SubmitButton, TextArea, TextField, useAction } from '../../ui/forms';
import { blankCriterion, CriteriaFields, type CriterionDraft } from './criteria-fields';
import { optionalText, ownFieldError, typedNumber } from './form-values';
import type { Guard } from './changes';
import { pilotsText } from './messages';
import type { Pilot, Proposal } from './types';

type ApproveBody = PilotsApi.components['schemas']['ApproveProposalDto'];

const DEFAULT_DURATION_DAYS = '60';

/** Approve a proposal: the success criteria (what, unit, target), the duration and the host's decision owner. */
export function ApproveForm({ proposal, guard, onApproved }: { proposal: Proposal; guard: Guard; onApproved: (pilot: Pilot) => void }) {
  const t = useText(pilotsText);
  const [criteria, setCriteria] = useState<CriterionDraft[]>(() => [blankCriterion()]);
  const [durationDays, setDurationDays] = useState(DEFAULT_DURATION_DAYS);
  const [ownerName, setOwnerName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [reason, setReason] = useState('');

  const action = useAction(() => {
    // Sent as typed: the service validates (a blank target is its "must be a number", shown beside the field).
    const body = {
      successCriteria: criteria.map((c) => ({ name: c.name, unit: c.unit, target: typedNumber(c.target), description: optionalText(c.description) })),
      durationDays: typedNumber(durationDays),
      hostOwner: { name: ownerName, email: optionalText(ownerEmail) },
      reason: optionalText(reason),
      version: proposal.version,
    } as ApproveBody;
    return guard(() => unwrap(api.pilots.POST('/v1/match-proposals/{id}/approve', { params: { path: { id: proposal.id } }, body })));
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pilot = await action.run();
    if (pilot) onApproved(pilot);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="approve-title">
      <h3 id="approve-title">{t('APPROVE_TITLE')}</h3>
      <FormProblem problem={action.problem} />
      {ownFieldError(action.problem, 'successCriteria') && <p className="field-error">{ownFieldError(action.problem, 'successCriteria')}</p>}
      <CriteriaFields criteria={criteria} onChange={setCriteria} fieldError={action.fieldError} />
      <TextField label={t('DURATION_DAYS')} type="number" min={1} max={730} value={durationDays} onChange={setDurationDays} error={action.fieldError('durationDays')} />
      <TextField
        label={t('OWNER_NAME')}
        hint={t('OWNER_NAME_HINT')}
        value={ownerName}
        onChange={setOwnerName}
        autoComplete="off"
        error={[ownFieldError(action.problem, 'hostOwner'), action.fieldError('hostOwner.name'), action.fieldError('hostOwner.principalId')].filter(Boolean).join(' ') || undefined}
      />
      <TextField label={t('OWNER_EMAIL')} type="email" value={ownerEmail} onChange={setOwnerEmail} autoComplete="off" error={action.fieldError('hostOwner.email')} />
      <TextArea label={t('APPROVE_REASON')} value={reason} onChange={setReason} rows={3} error={action.fieldError('reason')} />
      <SubmitButton pending={action.pending}>{t('APPROVE_SUBMIT')}</SubmitButton>
    </form>
  );
}
