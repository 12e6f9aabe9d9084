import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { loadConfig } from '@exchange/platform';
import { applicationsConfigSchema } from '../../services/applications/src/config';
import { cohortsConfigSchema } from '../../services/cohorts/src/config';
import { notificationsConfigSchema } from '../../services/notifications/src/config';
import { pilotsConfigSchema } from '../../services/pilots/src/config';

// No Docker engine runs here, so this keeps docker-compose.yml in step with the native infra and
// with what the services read from their environment.
const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };

const SERVICES: Record<string, z.ZodObject> = {
  applications: applicationsConfigSchema,
  pilots: pilotsConfigSchema,
  cohorts: cohortsConfigSchema,
  notifications: notificationsConfigSchema,
};

/** The defaults the native scripts use. */
const nativeKafkaPort = Number(/KAFKA_PORT:-(\d+)/.exec(read('infra/kafka/kafka.sh'))![1]);
const nativeKafkaVersion = /<kafka\.version>([^<]+)</.exec(read('infra/kafka/pom.xml'))![1];

describe('docker-compose.yml', () => {
  it('has the infrastructure and the four services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['applications', 'cohorts', 'kafka', 'notifications', 'pilots', 'postgres', 'redis', 'setup'].sort(),
    );
  });

  it('publishes the same ports as the native infrastructure', () => {
    expect(compose.services.postgres.ports).toEqual(['5432:5432']);
    expect(read('infra/postgres.sh')).toContain('5432');
    expect(compose.services.redis.ports).toEqual(['6379:6379']);
    expect(read('infra/redis.sh')).toContain('--port 6379');
    expect(compose.services.kafka.ports).toEqual([`${nativeKafkaPort}:${nativeKafkaPort}`]);
  });

  it('runs the official Kafka image of the version the native broker uses, in KRaft mode', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toBe(`apache/kafka:${nativeKafkaVersion}`);
    expect(kafka.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(String(kafka.environment!.KAFKA_ADVERTISED_LISTENERS)).toContain(`EXTERNAL://127.0.0.1:${nativeKafkaPort}`);
    expect(String(kafka.environment!.KAFKA_AUTO_CREATE_TOPICS_ENABLE)).toBe('false');
  });

  describe.each(Object.entries(SERVICES))('service %s', (name, schema) => {
    const service = compose.services[name];
    const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]));

    it('sets only variables the service reads, and they pass its config validation', () => {
      const known = Object.keys(schema.shape);
      expect(Object.keys(env).filter((variable) => !known.includes(variable))).toEqual([]);
      expect(() => loadConfig(schema, env, name)).not.toThrow();
    });

    it('listens on its documented port, published as is', () => {
      const config = loadConfig(schema, env, name) as { PORT: number };
      const defaultPort = (loadConfig(schema, {}, name) as { PORT: number }).PORT;
      expect(config.PORT).toBe(defaultPort);
      expect(service.ports).toEqual([`${defaultPort}:${defaultPort}`]);
    });

    it('reaches the infrastructure containers by their service names and internal ports', () => {
      expect(new URL(env.DATABASE_URL).host).toBe('postgres:5432');
      expect(new URL(env.REDIS_URL).host).toBe('redis:6379');
      const internal = /INTERNAL:\/\/kafka:(\d+)/.exec(String(compose.services.kafka.environment!.KAFKA_ADVERTISED_LISTENERS))!;
      expect(env.KAFKA_BROKERS).toBe(`kafka:${internal[1]}`);
    });

    it('starts its own main.ts after the setup step', () => {
      const entry = service.command!.find((part) => part.endsWith('main.ts'))!;
      expect(entry).toBe(`services/${name}/src/main.ts`);
      expect(existsSync(resolve(ROOT, entry))).toBe(true);
      expect(service.depends_on).toEqual({ setup: { condition: 'service_completed_successfully' } });
    });
  });

  it('builds from a Dockerfile that exists, and the setup step migrates, seeds and creates topics', () => {
    expect(existsSync(resolve(ROOT, compose.services.setup.build!.dockerfile))).toBe(true);
    const setup = compose.services.setup.command!.join(' ');
    for (const step of ['db:migrate', 'db:seed', 'infra/bootstrap-topics.ts']) expect(setup).toContain(step);
    const scripts = JSON.parse(read('package.json')).scripts;
    expect(scripts['db:migrate']).toBeDefined();
    expect(scripts['db:seed']).toBeDefined();
  });
});
