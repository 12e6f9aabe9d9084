/**
 * The floor under bench:latency: Kafka's own end-to-end latency tool (org.apache.kafka.tools.
 * EndToEndLatency, from the kafka-tools jar infra/kafka fetches with the broker) run against the same
 * broker with the same acks. It produces one message, waits until its consumer has it, then the next:
 * what a single event costs through this broker with nothing of ours around it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTopics, type KafkaSettings } from '@exchange/messaging';

export interface KafkaFloor {
  p50: number;
  p99: number;
  avg: number;
  messages: number;
}

const LIBS = join(__dirname, '..', 'infra', '.cache', 'kafka', 'libs');

/** Runs the tool (`messages` of `bytes` each, acks=all); the reason instead when it cannot run. */
export async function measureKafkaFloor(kafka: KafkaSettings, messages = 2_000, bytes = 1_000): Promise<KafkaFloor | string> {
  if (!existsSync(join(LIBS, `kafka-tools-${kafkaVersion()}.jar`))) return 'kafka-tools jar not fetched (bash infra/kafka/kafka.sh start fetches it)';
  const topic = 'bench.kafka-end-to-end-latency';
  await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
  const args = [
    '-Xmx256m',
    `-Dlog4j2.configurationFile=${join(__dirname, '..', 'infra', 'kafka', 'log4j2.properties')}`,
    '-Dkafka.logs.dir=' + join(__dirname, '..', '.cache', 'kafka-floor'),
    '-cp',
    `${LIBS}/*`,
    'org.apache.kafka.tools.EndToEndLatency',
    kafka.brokers.join(','),
    topic,
    String(messages),
    'all',
    String(bytes),
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`EndToEndLatency exited with ${code}: ${text.slice(-500)}`))));
  });
  const percentiles = /Percentiles: 50th = ([\d.]+), 99th = ([\d.]+)/.exec(output);
  const average = /Avg latency: ([\d.]+) ms/.exec(output);
  if (!percentiles || !average) return `unexpected EndToEndLatency output: ${output.slice(-300)}`;
  return { p50: Number(percentiles[1]), p99: Number(percentiles[2]), avg: Number(average[1]), messages };
}

/** The Kafka version infra/kafka/pom.xml pins (the jars are named by it). */
function kafkaVersion(): string {
  const pom = readFileSync(join(__dirname, '..', 'infra', 'kafka', 'pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1] ?? 'unknown';
}
