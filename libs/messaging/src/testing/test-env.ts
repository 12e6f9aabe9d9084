import { DEFAULT_TEST_DATABASE_URL } from '@exchange/data';
import type { KafkaSettings } from '../kafka-client';

export const TEST_DATABASE_URL = () => process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

export function testKafkaSettings(clientId = 'exchange-test', brokers?: string[]): KafkaSettings {
  return { clientId, brokers: brokers ?? (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',') };
}
