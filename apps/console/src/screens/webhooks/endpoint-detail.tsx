import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { ActionButton } from '../../ui/forms';
import { DetailView } from '../reviews/detail-view';
import { DeliveryLog } from './delivery-log';
import { webhooksText } from './messages';
import { ReplayForm } from './replay-form';
import { RotateForm } from './rotate-form';
import { EndpointStateBadge } from './state-badges';
import { deliveriesKey, endpointKey, type Endpoint } from './webhook-types';

/** One endpoint: its facts, pause/resume and a test event, secret rotation, replay, and its delivery log. */
export function EndpointDetail() {
  const { endpointId = '' } = useParams();
  const query = useQuery({
    queryKey: endpointKey(endpointId),
    queryFn: () => unwrap(api.notifications.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId } } })),
  });
  const t = useText(webhooksText);
  return (
    <DetailView title={t('ENDPOINT_GENERIC')} query={query}>
      {(endpoint) => <EndpointScreen endpoint={endpoint} />}
    </DetailView>
  );
}

function EndpointScreen({ endpoint }: { endpoint: Endpoint }) {
  const t = useText(webhooksText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [testSent, setTestSent] = useState<string | null>(null);
  const path = { params: { path: { id: endpoint.id } } };
  const adopt = async (updated: Endpoint) => {
    queries.setQueryData(endpointKey(endpoint.id), updated);
    await queries.invalidateQueries({ queryKey: ['webhook-endpoints'] });
  };
  const pause = async () => adopt(await unwrap(api.notifications.POST('/v1/webhook-endpoints/{id}/pause', path)));
  const resume = async () => adopt(await unwrap(api.notifications.POST('/v1/webhook-endpoints/{id}/resume', path)));
  const sendTest = async () => {
    setTestSent(null);
    const result = await unwrap(api.notifications.POST('/v1/webhook-endpoints/{id}/test', path));
    setTestSent(result.eventId.slice(0, 8));
    await queries.invalidateQueries({ queryKey: deliveriesKey(endpoint.id) });
  };

  return (
    <>
      <p>
        <Link to="/webhooks">{t('BACK_TO_WEBHOOKS')}</Link>
      </p>
      <section className="panel">
        <h1 style={{ overflowWrap: 'anywhere' }}>{t('ENDPOINT_TITLE', { url: endpoint.url })}</h1>
        <dl className="facts">
          <dt>{t('COLUMN_STATE')}</dt>
          <dd>
            <EndpointStateBadge endpoint={endpoint} />
          </dd>
          <dt>{t('COLUMN_EVENT_TYPES')}</dt>
          <dd>{endpoint.eventTypes.join(', ')}</dd>
          {endpoint.description && (
            <>
              <dt>{t('DESCRIPTION_LABEL')}</dt>
              <dd>{endpoint.description}</dd>
            </>
          )}
          <dt>{t('COLUMN_LAST_SUCCESS')}</dt>
          <dd>{formatDateTime(endpoint.lastSuccessAt, language)}</dd>
          {endpoint.failingSince && (
            <>
              <dt>{t('FAILING_SINCE')}</dt>
              <dd>
                <span className="badge danger">{formatDateTime(endpoint.failingSince, language)}</span>
              </dd>
            </>
          )}
          {endpoint.previousSecretExpiresAt && (
            <>
              <dt>{t('PREVIOUS_SECRET_UNTIL')}</dt>
              <dd>{formatDateTime(endpoint.previousSecretExpiresAt, language)}</dd>
            </>
          )}
          <dt>{t('CREATED_AT')}</dt>
          <dd>{formatDateTime(endpoint.createdAt, language)}</dd>
        </dl>
        <h2>{t('ACTIONS')}</h2>
        <p className="hint">{t('PAUSE_HINT')}</p>
        <div className="toolbar">
          {endpoint.state === 'active' ? (
            <ActionButton action={pause}>{t('PAUSE')}</ActionButton>
          ) : (
            <ActionButton action={resume}>{t('RESUME')}</ActionButton>
          )}
          <ActionButton action={sendTest}>{t('SEND_TEST')}</ActionButton>
        </div>
        {testSent && <SuccessNotice>{t('TEST_SENT', { ref: testSent })}</SuccessNotice>}
      </section>
      <section className="panel">
        <h2>{t('ROTATE_TITLE')}</h2>
        <RotateForm endpoint={endpoint} />
      </section>
      <section className="panel">
        <h2>{t('REPLAY_TITLE')}</h2>
        <ReplayForm endpointId={endpoint.id} />
      </section>
      <section className="panel">
        <h2>{t('DELIVERY_LOG')}</h2>
        <DeliveryLog endpointId={endpoint.id} />
      </section>
    </>
  );
}
