import { useState, type FormEvent } from 'react';
import type { NotificationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { FormProblem, SubmitButton, TextField, useAction } from '../../ui/forms';
import { webhooksText } from './messages';

type CreatedEndpoint = NotificationsApi.components['schemas']['CreatedEndpointDto'];

/** Where the service documents every event type a partner can receive (through the console server). */
const EVENT_CATALOGUE = '/api/notifications/docs/events';

const listOf = (text: string) => text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);

/** URL, event types (patterns allowed) and a description; the answer carries the secret, shown once by the caller. */
export function EndpointCreateForm({ onCreated }: { onCreated: (endpoint: CreatedEndpoint) => Promise<void> }) {
  const t = useText(webhooksText);
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState('*');
  const [description, setDescription] = useState('');
  const create = useAction(async () => {
    const created = await unwrap(
      api.notifications.POST('/v1/webhook-endpoints', { body: { url: url.trim(), eventTypes: listOf(eventTypes), description: description.trim() || null } }),
    );
    setUrl('');
    setDescription('');
    await onCreated(created);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormProblem problem={create.problem} />
      <TextField label={t('URL')} hint={t('URL_HINT')} type="url" inputMode="url" value={url} onChange={setUrl} error={create.fieldError('url')} />
      <TextField label={t('EVENT_TYPES')} hint={t('EVENT_TYPES_HINT')} value={eventTypes} onChange={setEventTypes} error={create.fieldError('eventTypes')} />
      <p>
        <a href={EVENT_CATALOGUE} target="_blank" rel="noreferrer">
          {t('EVENT_CATALOGUE')}
        </a>
      </p>
      <TextField label={t('DESCRIPTION')} value={description} onChange={setDescription} error={create.fieldError('description')} />
      <SubmitButton pending={create.pending}>{t('CREATE_ENDPOINT')}</SubmitButton>
    </form>
  );
}
