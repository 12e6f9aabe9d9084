import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { RowAction } from '../reviews/row-action';
import { webhooksText } from './messages';
import { replayEvent } from './replay';
import { deliveriesKey, eventLabel, type Delivery } from './webhook-types';

/**
 * What a delivery allows: one not yet delivered is retried now; one delivered is sent again by
 * replaying its event (the service refuses to retry a success). In a row of the log the button's
 * name says which event; on the delivery's own page (`long`) its visible text says it.
 */
export function DeliveryAction({ delivery, long = false }: { delivery: Delivery; long?: boolean }) {
  const t = useText(webhooksText);
  const queries = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const event = eventLabel(delivery);
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: deliveriesKey(delivery.endpointId) });
    await queries.invalidateQueries({ queryKey: ['webhook-delivery', delivery.id] });
  };
  const retry = async () => {
    setDone(null);
    await unwrap(api.notifications.POST('/v1/webhook-deliveries/{id}/retry', { params: { path: { id: delivery.id } } }));
    setDone(t('RETRIED', { event }));
    await refresh();
  };
  const replay = async () => {
    setDone(null);
    setDone(t('REPLAYED', await replayEvent(delivery.endpointId, delivery.eventTime)));
    await refresh();
  };
  return (
    <>
      {delivery.state === 'succeeded' ? (
        <RowAction label={long ? undefined : t('REPLAY_EVENT', { event })} action={replay}>
          {long ? t('REPLAY_THIS') : t('REPLAY_ONE')}
        </RowAction>
      ) : (
        <RowAction label={long ? undefined : t('RETRY_DELIVERY', { event })} action={retry}>
          {long ? t('RETRY_THIS') : t('RETRY')}
        </RowAction>
      )}
      {done && <SuccessNotice>{done}</SuccessNotice>}
    </>
  );
}
