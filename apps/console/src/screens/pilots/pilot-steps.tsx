import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { ActionButton, FormProblem, SubmitButton, TextArea, TextField, useAction } from '../../ui/forms';
import type { Guard } from './changes';
import { pilotsText } from './messages';
import type { Pilot } from './types';

/** Today in the viewer's calendar, as a date input holds it. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The host confirms the first day: approved → scheduled (it ends after its duration). */
export function ScheduleForm({ pilot, guard, onChanged }: { pilot: Pilot; guard: Guard; onChanged: (pilot: Pilot) => void }) {
  const t = useText(pilotsText);
  const [startsOn, setStartsOn] = useState(localToday);
  const action = useAction(() =>
    guard(() => unwrap(api.pilots.POST('/v1/pilots/{id}/schedule', { params: { path: { id: pilot.id } }, body: { startsOn, version: pilot.version } }))),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const scheduled = await action.run();
    if (scheduled) onChanged(scheduled);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormProblem problem={action.problem} />
      <TextField
        label={t('SCHEDULE_STARTS_ON')}
        hint={t('SCHEDULE_HINT', { days: pilot.durationDays })}
        type="date"
        value={startsOn}
        onChange={setStartsOn}
        error={action.fieldError('startsOn')}
      />
      <SubmitButton pending={action.pending}>{t('SCHEDULE_SUBMIT')}</SubmitButton>
    </form>
  );
}

/** The host marks the pilot begun: scheduled → in_progress. */
export function StartStep({ pilot, guard, onChanged }: { pilot: Pilot; guard: Guard; onChanged: (pilot: Pilot) => void }) {
  const t = useText(pilotsText);
  const start = async () => {
    const started = await guard(() => unwrap(api.pilots.POST('/v1/pilots/{id}/start', { params: { path: { id: pilot.id } }, body: { version: pilot.version } })));
    onChanged(started);
  };
  return (
    <>
      <p>{t('START_HINT')}</p>
      <ActionButton action={start} className="primary">
        {t('START_SUBMIT')}
      </ActionButton>
    </>
  );
}

/** Cancel a pilot that has not completed, with the reason everyone involved reads. */
export function CancelForm({ pilot, guard, onChanged }: { pilot: Pilot; guard: Guard; onChanged: (pilot: Pilot) => void }) {
  const t = useText(pilotsText);
  const [reason, setReason] = useState('');
  const action = useAction(() =>
    guard(() => unwrap(api.pilots.POST('/v1/pilots/{id}/cancel', { params: { path: { id: pilot.id } }, body: { reason, version: pilot.version } }))),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cancelled = await action.run();
    if (cancelled) onChanged(cancelled);
  };
  return (
    <details className="pilots-cancel">
      <summary>{t('CANCEL_TITLE')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormProblem problem={action.problem} />
        <TextArea label={t('CANCEL_REASON')} value={reason} onChange={setReason} rows={3} error={action.fieldError('reason')} />
        <SubmitButton pending={action.pending}>{t('CANCEL_SUBMIT')}</SubmitButton>
      </form>
    </details>
  );
}
