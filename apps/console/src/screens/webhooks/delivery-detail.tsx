import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { DataTable } from '../../ui/lists';
import { DetailView } from '../reviews/detail-view';
import { DeliveryAction } from './delivery-actions';
import { webhooksText } from './messages';
import { DeliveryStateBadge } from './state-badges';
import { eventLabel, type DeliveryDetail as Detail } from './webhook-types';

type Attempt = Detail['attempts'][number];

/** One delivery with every attempt: status code, latency, the start of the answer, the error. */
export function DeliveryDetail() {
  const { endpointId = '', deliveryId = '' } = useParams();
  const query = useQuery({
    queryKey: ['webhook-delivery', deliveryId],
    queryFn: () => unwrap(api.notifications.GET('/v1/webhook-deliveries/{id}', { params: { path: { id: deliveryId } } })),
  });
  const t = useText(webhooksText);
  return (
    <DetailView title={t('DELIVERY_GENERIC')} query={query}>
      {(delivery) => <DeliveryScreen delivery={delivery} endpointId={endpointId} />}
    </DetailView>
  );
}

function DeliveryScreen({ delivery, endpointId }: { delivery: Detail; endpointId: string }) {
  const t = useText(webhooksText);
  const { language } = useLanguage();
  return (
    <>
      <p>
        <Link to={`/webhooks/${endpointId}`}>{t('BACK_TO_ENDPOINT')}</Link>
      </p>
      <section className="panel">
        <h1>{t('DELIVERY_TITLE', { event: eventLabel(delivery) })}</h1>
        <dl className="facts">
          <dt>{t('EVENT_ID')}</dt>
          <dd className="code">{delivery.eventId}</dd>
          <dt>{t('COLUMN_EVENT_TIME')}</dt>
          <dd>{formatDateTime(delivery.eventTime, language)}</dd>
          <dt>{t('COLUMN_STATE')}</dt>
          <dd>
            <DeliveryStateBadge state={delivery.state} />
          </dd>
          {delivery.nextAttemptAt && delivery.state === 'pending' && (
            <>
              <dt>{t('NEXT_ATTEMPT')}</dt>
              <dd>{formatDateTime(delivery.nextAttemptAt, language)}</dd>
            </>
          )}
          {delivery.succeededAt && (
            <>
              <dt>{t('SUCCEEDED_AT')}</dt>
              <dd>{formatDateTime(delivery.succeededAt, language)}</dd>
            </>
          )}
          {delivery.failedAt && (
            <>
              <dt>{t('FAILED_AT')}</dt>
              <dd>{formatDateTime(delivery.failedAt, language)}</dd>
            </>
          )}
          {delivery.lastError && (
            <>
              <dt>{t('LAST_ERROR')}</dt>
              <dd>{delivery.lastError}</dd>
            </>
          )}
        </dl>
        <div className="toolbar">
          <DeliveryAction delivery={delivery} long />
        </div>
        <h2>{t('ATTEMPTS')}</h2>
        {delivery.attempts.length === 0 ? (
          <p className="empty">{t('NO_ATTEMPTS')}</p>
        ) : (
          <DataTable<Attempt>
            caption={t('ATTEMPTS_CAPTION')}
            rows={delivery.attempts}
            rowKey={(a) => String(a.attemptNumber)}
            columns={[
              { header: t('COLUMN_ATTEMPT'), cell: (a) => a.attemptNumber, numeric: true },
              { header: t('COLUMN_STARTED'), cell: (a) => formatDateTime(a.startedAt, language) },
              { header: t('COLUMN_STATUS_CODE'), cell: (a) => a.statusCode ?? t('NO_ANSWER'), numeric: true },
              { header: t('COLUMN_LATENCY'), cell: (a) => t('LATENCY_MS', { ms: formatNumber(a.latencyMs, language) }), numeric: true },
              {
                header: t('COLUMN_RESPONSE'),
                cell: (a) => (a.responseExcerpt ? <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{a.responseExcerpt}</pre> : '—'),
              },
              { header: t('COLUMN_ERROR'), cell: (a) => a.error ?? '—' },
            ]}
          />
        )}
      </section>
    </>
  );
}
