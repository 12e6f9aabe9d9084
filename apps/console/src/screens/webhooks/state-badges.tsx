import { useText } from '../../i18n/language';
import { webhooksText } from './messages';
import { DELIVERY_STATE_TEXT, DISABLED_REASON_TEXT, ENDPOINT_STATE_TEXT, type DeliveryState, type Endpoint } from './webhook-types';

/** The endpoint's state in words; a disabled one says why. */
export function EndpointStateBadge({ endpoint }: { endpoint: Pick<Endpoint, 'state' | 'disabledReason'> }) {
  const t = useText(webhooksText);
  const reason = endpoint.disabledReason ? DISABLED_REASON_TEXT[endpoint.disabledReason as keyof typeof DISABLED_REASON_TEXT] : undefined;
  const className = endpoint.state === 'active' ? 'badge ok' : endpoint.state === 'disabled' ? 'badge danger' : 'badge';
  return <span className={className}>{reason ? t(reason) : t(ENDPOINT_STATE_TEXT[endpoint.state])}</span>;
}

export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  const t = useText(webhooksText);
  const className = state === 'succeeded' ? 'badge ok' : state === 'failed' ? 'badge danger' : 'badge';
  return <span className={className}>{t(DELIVERY_STATE_TEXT[state])}</span>;
}
