/**
 * Broker answers about a record itself, which no retry can change: the same bytes are refused again.
 * kafkajs reports them as a KafkaJSProtocolError whose `type` names the Kafka error, usually wrapped
 * (as `cause`) in a KafkaJSNonRetriableError or, for the retriable CORRUPT_MESSAGE, in a
 * KafkaJSNumberOfRetriesExceeded once its own retries are spent.
 *
 * Errors about the topic or the cluster (authorisation, unknown topic, leader not available, broker
 * down) are not here: they would refuse every row alike, so the relay keeps retrying the batch.
 */
const RECORD_REFUSALS = new Set([
  'MESSAGE_TOO_LARGE', // the record is over the topic's max.message.bytes
  'RECORD_LIST_TOO_LARGE', // the batch is over the segment size
  'INVALID_RECORD', // failed the broker's validation (e.g. a compacted topic without a key)
  'CORRUPT_MESSAGE', // failed its CRC or is otherwise malformed, again after every retry
  'INVALID_TIMESTAMP', // outside the topic's accepted timestamp range
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
]);

/** The Kafka error type when `error` is a refusal of the record itself, else null. */
export function recordRefusalType(error: unknown): string | null {
  for (let e = error as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 10; e = e.cause as typeof e, depth += 1) {
    if (typeof e.type === 'string' && RECORD_REFUSALS.has(e.type)) return e.type;
  }
  return null;
}

/** The text kept with a parked row: the Kafka error type and the broker's words. */
export function describeRefusal(type: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${type}: ${message}`.slice(0, 2_000);
}
