import { useState, type FormEvent } from 'react';
import { FormProblem, SubmitButton, TextArea, useAction } from '../../ui/forms';

/** A one-field form whose reason the API requires (abstain, recuse); its refusal shows above and beside. */
export function ReasonForm({ label, hint, submitLabel, onSubmit }: { label: string; hint?: string; submitLabel: string; onSubmit: (reason: string) => Promise<unknown> }) {
  const [reason, setReason] = useState('');
  const action = useAction(onSubmit);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(reason.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormProblem problem={action.problem} />
      <TextArea label={label} hint={hint} rows={3} value={reason} onChange={setReason} error={action.fieldError('reason')} />
      <SubmitButton pending={action.pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
