import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { SERVICE_SCHEMAS, serviceRoleName } from '@exchange/data';
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

/** The variables of .env.example, each given a value as an operator would (long and random). */
const envFileVariables = read('.env.example')
  .split('\n')
  .filter((line) => /^[A-Z_]+=/.test(line))
  .map((line) => line.split('=')[0]);
const OPERATOR_VALUES: Record<string, string> = {
  WEBHOOK_SECRET_KEYS: `2026-12:${Buffer.alloc(32, 7).toString('base64')}`,
  SMTP_URL: 'smtps://mailer:smtp-password-0123456789@smtp.example.org:465',
  MAIL_PUBLIC_URL: 'https://notifications.exchange.example.org',
};
const operatorValue = (name: string) => OPERATOR_VALUES[name] ?? `${name.toLowerCase()}-0123456789abcdef-0123456789abcdef`;
const operatorValues = Object.fromEntries(envFileVariables.map((name) => [name, operatorValue(name)]));

/** Compose's own interpolation of `${NAME:?message}` and `${NAME}`; `$$` is a literal dollar. */
function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Z_]+)(?::\?[^}]*)?\}/g, (match, name?: string) => {
    if (!name) return '$';
    if (values[name] === undefined) throw new Error(`docker-compose.yml reads \${${name}}, which .env.example does not list`);
    return values[name];
  });
}

const rawCompose = read('docker-compose.yml');
const compose = parse(interpolate(rawCompose, operatorValues), { merge: true }) as { services: Record<string, ComposeService> };

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

  it('publishes the same ports as the native infrastructure, on the host\'s loopback only', () => {
    expect(compose.services.postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(read('infra/postgres.sh')).toContain('5432');
    expect(compose.services.redis.ports).toEqual(['127.0.0.1:6379:6379']);
    expect(read('infra/redis.sh')).toContain('--port 6379');
    expect(compose.services.kafka.ports).toEqual([`127.0.0.1:${nativeKafkaPort}:${nativeKafkaPort}`]);
  });

  describe('credentials and roles', () => {
    it('takes every credential from .env, which compose requires and git ignores', () => {
      const referenced = [...rawCompose.matchAll(/\$\{([A-Z_]+)(:\?[^}]*)?\}/g)];
      expect(referenced.length).toBeGreaterThan(0);
      for (const [whole, name, required] of referenced) {
        expect([whole, envFileVariables.includes(name)]).toEqual([whole, true]);
        expect([whole, Boolean(required)]).toEqual([whole, true]); // `:?`: compose stops when it is unset
      }
      expect(read('.gitignore').split('\n')).toContain('.env');
      // The example holds names only: no value an operator could forget to change.
      expect(read('.env.example').split('\n').filter((l) => /^[A-Z_]+=./.test(l))).toEqual([]);
    });

    it('makes PostgreSQL ask for a password and Redis require one', () => {
      const pg = compose.services.postgres.environment!;
      expect(pg.POSTGRES_HOST_AUTH_METHOD).not.toBe('trust');
      expect(String(pg.POSTGRES_PASSWORD)).toBe(operatorValues.POSTGRES_PASSWORD);
      expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--requirepass', operatorValues.REDIS_PASSWORD]));
    });

    it('runs migrations and creates the services\' roles as the owner, in the setup step only', () => {
      const setup = compose.services.setup;
      expect(setup.command!.join(' ')).toMatch(/db:migrate && npm run db:roles/);
      expect(new URL(String(setup.environment!.DATABASE_URL)).username).toBe('postgres');
      for (const service of Object.keys(SERVICE_SCHEMAS)) {
        expect(setup.environment![`${service.toUpperCase()}_DB_PASSWORD`]).toBe(operatorValues[`${service.toUpperCase()}_DB_PASSWORD`]);
      }
      const scripts = JSON.parse(read('package.json')).scripts;
      expect(scripts['db:roles']).toBeDefined();
    });
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

    it('sets only variables the service reads, and they pass its config validation, production rules included', () => {
      const known = Object.keys(schema.shape);
      expect(Object.keys(env).filter((variable) => !known.includes(variable))).toEqual([]);
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadConfig(schema, env, name)).not.toThrow();
    });

    it('connects to PostgreSQL as its own role with its own password, and to Redis with the password', () => {
      const url = new URL(env.DATABASE_URL);
      expect(url.username).toBe(serviceRoleName(name as keyof typeof SERVICE_SCHEMAS));
      expect(decodeURIComponent(url.password)).toBe(operatorValues[`${name.toUpperCase()}_DB_PASSWORD`]);
      expect(decodeURIComponent(new URL(env.REDIS_URL).password)).toBe(operatorValues.REDIS_PASSWORD);
    });

    it('listens on its documented port, published as is on the host\'s loopback', () => {
      const config = loadConfig(schema, env, name) as { PORT: number };
      const defaultPort = (loadConfig(schema, {}, name) as { PORT: number }).PORT;
      expect(config.PORT).toBe(defaultPort);
      expect(service.ports).toEqual([`127.0.0.1:${defaultPort}:${defaultPort}`]);
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
    for (const step of ['db:migrate', 'db:roles', 'db:seed', 'infra/bootstrap-topics.ts']) expect(setup).toContain(step);
    const scripts = JSON.parse(read('package.json')).scripts;
    expect(scripts['db:migrate']).toBeDefined();
    expect(scripts['db:seed']).toBeDefined();
  });
});
