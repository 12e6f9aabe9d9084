import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SelectField, TextField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { DeliveryAction } from './delivery-actions';
import { webhooksText } from './messages';
import { DeliveryStateBadge } from './state-badges';
import { DELIVERY_STATES, DELIVERY_STATE_TEXT, deliveriesKey, eventLabel, type Delivery, type DeliveryState } from './webhook-types';

/** The endpoint's deliveries in the order the service keeps them (oldest first), page by page, filtered by state and event type. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const t = useText(webhooksText);
  const { language } = useLanguage();
  const [state, setState] = useState<DeliveryState | ''>('');
  const [typeInput, setTypeInput] = useState('');
  const [eventType, setEventType] = useState('');
  const list = usePagedList([...deliveriesKey(endpointId), state, eventType], (cursor) =>
    unwrap(api.notifications.GET('/v1/webhook-deliveries', { params: { query: { endpointId, cursor, state: state || undefined, eventType: eventType || undefined } } })),
  );
  const columns: Column<Delivery>[] = [
    { header: t('COLUMN_EVENT'), cell: (d) => <Link to={`/webhooks/${endpointId}/deliveries/${d.id}`}>{eventLabel(d)}</Link> },
    { header: t('COLUMN_EVENT_TIME'), cell: (d) => formatDateTime(d.eventTime, language) },
    { header: t('COLUMN_STATE'), cell: (d) => <DeliveryStateBadge state={d.state} /> },
    { header: t('COLUMN_ATTEMPTS'), cell: (d) => d.attemptCount, numeric: true },
    { header: t('COLUMN_LAST_STATUS'), cell: (d) => (d.lastStatusCode ?? (d.lastError ? t('NO_ANSWER') : '—')) },
    { header: t('COLUMN_ACTION'), cell: (d) => <DeliveryAction delivery={d} /> },
  ];
  const filter = (e: FormEvent) => {
    e.preventDefault();
    setEventType(typeInput.trim());
  };
  return (
    <>
      <form className="toolbar" onSubmit={filter}>
        <SelectField
          label={t('FILTER_STATE')}
          value={state}
          onChange={setState}
          options={[{ value: '' as const, label: t('FILTER_ALL') }, ...DELIVERY_STATES.map((s) => ({ value: s, label: t(DELIVERY_STATE_TEXT[s]) }))]}
        />
        <TextField label={t('FILTER_EVENT_TYPE')} value={typeInput} onChange={setTypeInput} placeholder="application.accepted" />
        <div className="field">
          <button type="submit">{t('APPLY_FILTER')}</button>
        </div>
        <div className="field">
          <button type="button" onClick={() => void list.refetch()} disabled={list.isRefetching} aria-busy={list.isRefetching}>
            {t('REFRESH')}
          </button>
        </div>
      </form>
      <PagedTable list={list} caption={t('DELIVERIES_CAPTION')} columns={columns} rowKey={(d) => d.id} />
    </>
  );
}
