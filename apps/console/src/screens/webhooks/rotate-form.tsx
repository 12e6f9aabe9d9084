import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { NotificationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { FormProblem, SelectField, SubmitButton, useAction } from '../../ui/forms';
import { webhooksText } from './messages';
import { SecretOnce } from './secret-once';
import { endpointKey, type Endpoint } from './webhook-types';

type Rotated = NotificationsApi.components['schemas']['RotatedSecretDto'];

const OVERLAPS = { none: 0, hour: 3_600, day: 86_400, week: 7 * 86_400 } as const;
type Overlap = keyof typeof OVERLAPS;

/** A new secret with the old one still signing for the overlap chosen; the new one shown once, the old one's end named. */
export function RotateForm({ endpoint }: { endpoint: Endpoint }) {
  const t = useText(webhooksText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [overlap, setOverlap] = useState<Overlap>('day');
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const rotate = useAction(async () => {
    const answer = await unwrap(
      api.notifications.POST('/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id: endpoint.id } }, body: { overlapSeconds: OVERLAPS[overlap] } }),
    );
    setRotated(answer);
    queries.setQueryData(endpointKey(endpoint.id), answer.endpoint);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void rotate.run();
  };
  return (
    <>
      {rotated && (
        <SecretOnce title={t('NEW_SIGNING_SECRET')} secret={rotated.secret} onDismiss={() => setRotated(null)} level={3}>
          <p className="notice notice-warning">
            {rotated.previousSecretExpiresAt ? t('OLD_SECRET_UNTIL', { date: formatDateTime(rotated.previousSecretExpiresAt, language) }) : t('OLD_SECRET_ENDED')}
          </p>
        </SecretOnce>
      )}
      <form onSubmit={submit} noValidate>
        <p className="hint">{t('ROTATE_HINT')}</p>
        <FormProblem problem={rotate.problem} />
        <SelectField<Overlap>
          label={t('OVERLAP')}
          value={overlap}
          onChange={setOverlap}
          error={rotate.fieldError('overlapSeconds')}
          options={[
            { value: 'none', label: t('OVERLAP_NONE') },
            { value: 'hour', label: t('OVERLAP_HOUR') },
            { value: 'day', label: t('OVERLAP_DAY') },
            { value: 'week', label: t('OVERLAP_WEEK') },
          ]}
        />
        <SubmitButton pending={rotate.pending}>{t('ROTATE')}</SubmitButton>
      </form>
    </>
  );
}
