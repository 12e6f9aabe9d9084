import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

/** Everything a service needs to reach the broker. Kept here so kafkajs stays behind libs/messaging. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

export function createKafka(settings: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 100, retries: 8 },
    ...overrides,
  });
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
