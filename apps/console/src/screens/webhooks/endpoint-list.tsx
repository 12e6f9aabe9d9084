import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { NotificationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { EndpointCreateForm } from './endpoint-create-form';
import { webhooksText } from './messages';
import { SecretOnce } from './secret-once';
import { EndpointStateBadge } from './state-badges';
import type { Endpoint } from './webhook-types';

type CreatedEndpoint = NotificationsApi.components['schemas']['CreatedEndpointDto'];

const ENDPOINTS_KEY = ['webhook-endpoints'];

/** The organisation's endpoints, and a new one (its secret shown once, here, until the person puts it away). */
export function EndpointList() {
  const t = useText(webhooksText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  const list = usePagedList(ENDPOINTS_KEY, (cursor) => unwrap(api.notifications.GET('/v1/webhook-endpoints', { params: { query: { cursor } } })));
  const columns: Column<Endpoint>[] = [
    {
      header: t('COLUMN_URL'),
      cell: (e) => (
        <>
          <Link to={`/webhooks/${e.id}`}>{e.url}</Link>
          {e.description && <div>{e.description}</div>}
        </>
      ),
    },
    { header: t('COLUMN_EVENT_TYPES'), cell: (e) => e.eventTypes.join(', ') },
    { header: t('COLUMN_STATE'), cell: (e) => <EndpointStateBadge endpoint={e} /> },
    { header: t('COLUMN_LAST_SUCCESS'), cell: (e) => formatDateTime(e.lastSuccessAt, language) },
  ];
  return (
    <>
      <section className="panel">
        <h1>{t('WEBHOOKS')}</h1>
        <p>{t('INTRO')}</p>
        <h2>{t('ENDPOINTS')}</h2>
        <PagedTable list={list} caption={t('ENDPOINTS_CAPTION')} columns={columns} rowKey={(e) => e.id} />
      </section>
      {created && (
        <SecretOnce title={t('SIGNING_SECRET')} secret={created.secret} onDismiss={() => setCreated(null)}>
          <SuccessNotice>{t('ENDPOINT_CREATED')}</SuccessNotice>
          <p>
            <Link to={`/webhooks/${created.id}`}>{t('OPEN_ENDPOINT')}</Link>
          </p>
        </SecretOnce>
      )}
      <section className="panel">
        <h2>{t('ADD_ENDPOINT')}</h2>
        <EndpointCreateForm
          onCreated={async (endpoint) => {
            setCreated(endpoint);
            await queries.invalidateQueries({ queryKey: ENDPOINTS_KEY });
          }}
        />
      </section>
    </>
  );
}
