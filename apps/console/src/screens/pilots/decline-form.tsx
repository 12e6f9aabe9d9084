import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { FormProblem, SubmitButton, TextArea, useAction } from '../../ui/forms';
import type { Guard } from './changes';
import { pilotsText } from './messages';
import type { Proposal } from './types';


/** Decline a proposal with the reason the startup and host will read. */
export function DeclineForm({ proposal, guard, onDeclined }: { proposal: Proposal; guard: Guard; onDeclined: (proposal: Proposal) => void }) {
  const t = useText(pilotsText);
  const [reason, setReason] = useState('');
  const action = useAction(() =>
    guard(() => unwrap(api.pilots.POST('/v1/match-proposals/{id}/decline', { params: { path: { id: proposal.id } }, body: { reason, version: proposal.version } }))),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const declined = await action.run();
    if (declined) onDeclined(declined);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="decline-title">
      <h3 id="decline-title">{t('DECLINE_TITLE')}</h3>
      <FormProblem problem={action.problem} />
      <TextArea label={t('DECLINE_REASON')} value={reason} onChange={setReason} rows={3} error={action.fieldError('reason')} />
      <SubmitButton pending={action.pending}>{t('DECLINE_SUBMIT')}</SubmitButton>
    </form>
  );
}
