import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { viewerTimeZone } from '../../i18n/format';
import { useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { FormProblem, SubmitButton, TextField, useAction } from '../../ui/forms';
import { webhooksText } from './messages';
import { instantOf, localInputValue, replayRange } from './replay';
import { deliveriesKey } from './webhook-types';

const HOUR_MS = 3_600_000;

/** A time range (in the viewer's zone) whose events the endpoint receives again. */
export function ReplayForm({ endpointId }: { endpointId: string }) {
  const t = useText(webhooksText);
  const queries = useQueryClient();
  const checkboxId = useId();
  const [from, setFrom] = useState(() => localInputValue(new Date(Date.now() - HOUR_MS)));
  const [to, setTo] = useState(() => localInputValue(new Date(Date.now() + 60_000)));
  const [includeSucceeded, setIncludeSucceeded] = useState(false);
  const [result, setResult] = useState<{ created: number; requeued: number } | null>(null);
  const replay = useAction(async () => {
    setResult(null);
    setResult(await replayRange(endpointId, instantOf(from), instantOf(to), includeSucceeded));
    await queries.invalidateQueries({ queryKey: deliveriesKey(endpointId) });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void replay.run();
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="hint">{t('REPLAY_HINT', { zone: viewerTimeZone })}</p>
      <FormProblem problem={replay.problem} />
      {result && <SuccessNotice>{t('REPLAYED', result)}</SuccessNotice>}
      <div className="toolbar">
        <TextField label={t('REPLAY_FROM')} type="datetime-local" value={from} onChange={setFrom} error={replay.fieldError('from')} />
        <TextField label={t('REPLAY_TO')} type="datetime-local" value={to} onChange={setTo} error={replay.fieldError('to')} />
      </div>
      <p>
        <input id={checkboxId} type="checkbox" checked={includeSucceeded} onChange={(e) => setIncludeSucceeded(e.target.checked)} style={{ minWidth: 0 }} />{' '}
        <label htmlFor={checkboxId}>{t('INCLUDE_SUCCEEDED')}</label>
      </p>
      <SubmitButton pending={replay.pending}>{t('REPLAY')}</SubmitButton>
    </form>
  );
}
