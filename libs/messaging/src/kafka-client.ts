import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type ProducerConfig } from 'kafkajs';
import { fixIdlePendingCheck } from './kafkajs-pending-check';
import { jsonLogger } from './logger';

// Before any client exists: no broker connection re-arms an idle 1 ms timer (see the module).
fixIdlePendingCheck();

/** Everything a service needs to reach the broker. Kept here so kafkajs stays behind libs/messaging. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

// Known, deliberate choices kafkajs warns about at every producer creation:
// - finite retries on the idempotent producer: the relay recreates its producer after a failed batch
//   and the consumers de-duplicate, so a retry cap costs no correctness and lets shutdown finish;
// - the partitioner: we set the Java-compatible default explicitly (below).
const EXPECTED_WARNINGS = [/Limiting retries for the idempotent producer/, /switched default partitioner/];

const kafkaLogger = jsonLogger('kafkajs');

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...rest } = log;
    if (EXPECTED_WARNINGS.some((pattern) => pattern.test(message))) return;
    if (level === logLevel.ERROR) kafkaLogger.error(message, rest);
    else if (level === logLevel.WARN) kafkaLogger.warn(message, rest);
    else kafkaLogger.log(message, rest);
  };
}

export function createKafka(settings: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 100, retries: 8 },
    ...overrides,
  });
}

/**
 * The producer every publisher uses: idempotent, one request in flight (so retries cannot reorder a
 * partition), murmur2 partitioning like the Java clients (a key lands on the same partition from any
 * client).
 */
export function idempotentProducerConfig(): ProducerConfig {
  return {
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  };
}

/** A readiness probe: resolves when the broker answers a metadata request, rejects otherwise. */
export async function checkKafka(settings: KafkaSettings, timeoutMs = 3_000): Promise<void> {
  const admin = createKafka(settings, {
    retry: { retries: 0 },
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
