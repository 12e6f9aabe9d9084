import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  DEFAULT_TEST_DATABASE_URL,
  dropServiceRoles,
  dropTestDatabase,
  grantServiceRoles,
  migrateDatabase,
  serviceRoleName,
  SERVICE_NAMES,
  withDatabase,
} from '@exchange/data';
import { ensureTopics, systemTopics } from '@exchange/messaging';
import { SecondBroker } from '@exchange/messaging/testing';
import { getFreePort, SmtpInbox, waitFor } from '@exchange/platform/testing';

export const SERVICES = ['applications', 'pilots', 'cohorts', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** One of the Redis server's logical databases 1–15 (0 is the other tests' and a local stack's), picked at random per run. */
function redisDatabaseOfRun(redisUrl: string): string {
  const url = new URL(redisUrl);
  url.pathname = `/${1 + Math.floor(Math.random() * 15)}`;
  return url.toString();
}

export interface SystemOptions {
  /** Instances of every service (each one a separate process on its own port). */
  instances?: number;
  /** Extra environment for every service process. */
  env?: Record<string, string>;
  /** Where each process writes its log (`<service>-<k>.log`). */
  logDir?: string;
  /** Progress lines while the system comes up. */
  log?: (line: string) => void;
}

export interface ServiceInstance {
  service: ServiceName;
  index: number;
  port: number;
  url: string;
  logFile: string;
  child: ChildProcess | null;
  exited: Promise<number | string> | null;
}

/**
 * The whole exchange as an agency would run it, for end-to-end tests and benchmarks: a Kafka broker
 * of its own, a fresh database (migrated), and every service as real processes (`main.ts`, the way
 * production starts them), N instances each. Instances can be killed (SIGKILL, a crash) and started
 * again on the same port. Nothing is shared with other test runs but the PostgreSQL and Redis servers
 * (own database; a Redis logical database of its own, so its BullMQ queue, whose name is a constant,
 * shares no jobs with another notifications instance).
 */
export class ExchangeSystem {
  readonly instances: ServiceInstance[] = [];
  private constructor(
    readonly broker: SecondBroker,
    readonly databaseUrl: string,
    readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
    /** Each service's own database role (what it connects with); `databaseUrl` is the owner's, for tests to read. */
    readonly roleUrls: Record<ServiceName, string>,
    private readonly rolePrefix: string,
    /** The SMTP server the notifications service mails people through, with every message it took. */
    readonly mail: SmtpInbox,
  ) {}

  static async start(options: SystemOptions = {}): Promise<ExchangeSystem> {
    const log = options.log ?? (() => undefined);
    const runId = randomUUID().slice(0, 8);
    const logDir = options.logDir ?? join(WORKSPACE_ROOT, '.cache', 'e2e', runId);
    mkdirSync(logDir, { recursive: true });

    log(`starting a Kafka broker of its own`);
    const broker = new SecondBroker(await getFreePort(), await getFreePort());
    await broker.start();
    const kafka = { clientId: 'e2e-system', brokers: broker.brokers };
    await ensureTopics(kafka, systemTopics());

    const databaseUrl = withDatabase(process.env.DATABASE_URL || DEFAULT_TEST_DATABASE_URL, `exchange_e2e_test_${runId}`);
    log(`migrating a fresh database`);
    await migrateDatabase(databaseUrl);
    // Every service connects as its own role, as a production deployment does (DESIGN.md §9): a
    // write outside its schema fails the journey instead of passing unnoticed.
    const rolePrefix = `exchange_e2e_${runId.replace(/[^a-z0-9]/gi, '').slice(0, 12)}`;
    const roleUrls = await grantRoles(databaseUrl, rolePrefix);
    const mail = await new SmtpInbox().start();

    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: broker.brokers.join(','),
      REDIS_URL: redisDatabaseOfRun(process.env.REDIS_URL || DEFAULT_REDIS_URL),
      // The partner's receiver listens on loopback over plain HTTP (local runs only).
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      // Retries compressed from hours to seconds; a job lost with a killed worker is found within seconds.
      WEBHOOK_RETRY_SCHEDULE_MS: '0,250,500,1000,2000,4000,8000,16000',
      WEBHOOK_SWEEP_INTERVAL_MS: '1000',
      WEBHOOK_SWEEP_GRACE_MS: '3000',
      // Every test of this machine registers and fails from one address into one Redis: per-address
      // limits would count the other suites' requests too.
      RATE_LIMIT_REGISTRATIONS_PER_IP: '1000000',
      AUTH_FAILURES_PER_IP: '1000000',
      // People's mail goes to this system's own SMTP server (never to a MailDev of `npm start`).
      SMTP_URL: mail.url,
      MAIL_RETRY_BASE_MS: '250',
      MAIL_SWEEP_INTERVAL_MS: '1000',
      ...options.env,
    };
    const system = new ExchangeSystem(broker, databaseUrl, env, log, roleUrls, rolePrefix, mail);
    const instances = options.instances ?? 1;
    for (const service of SERVICES) {
      for (let index = 1; index <= instances; index++) {
        const port = await getFreePort();
        system.instances.push({
          service,
          index,
          port,
          url: `http://127.0.0.1:${port}`,
          logFile: join(logDir, `${service}-${index}.log`),
          child: null,
          exited: null,
        });
      }
    }
    try {
      log(`starting ${system.instances.length} service processes (logs in ${logDir})`);
      await Promise.all(system.instances.map((instance) => system.launch(instance)));
    } catch (err) {
      await system.stop();
      throw err;
    }
    return system;
  }

  /** Base URLs of the instances of a service that are running now. */
  urls(service: ServiceName): string[] {
    return this.instances.filter((i) => i.service === service && i.child).map((i) => i.url);
  }

  /** Every instance's URLs, running or not, by service: what a client with failover is given. */
  allUrls(): Record<ServiceName, string[]> {
    return Object.fromEntries(SERVICES.map((s) => [s, this.instances.filter((i) => i.service === s).map((i) => i.url)])) as Record<ServiceName, string[]>;
  }

  instance(service: ServiceName, index: number): ServiceInstance {
    const found = this.instances.find((i) => i.service === service && i.index === index);
    if (!found) throw new Error(`no instance ${index} of ${service}`);
    return found;
  }

  /**
   * The instance whose outbox relay is the active one (it holds the advisory lock), from each
   * instance's `outbox_relay_active` metric; null while none has taken over.
   */
  async activeRelay(service: ServiceName): Promise<number | null> {
    for (const instance of this.instances.filter((i) => i.service === service && i.child)) {
      const metrics = await fetch(`${instance.url}/metrics`).then((r) => r.text(), () => '');
      if (new RegExp(`^outbox_relay_active\\{[^}]*schema="${service}"[^}]*\\} 1$`, 'm').test(metrics)) return instance.index;
    }
    return null;
  }

  /** Kills an instance the hard way (SIGKILL: no shutdown hooks, in-flight work abandoned). */
  async kill(service: ServiceName, index: number): Promise<void> {
    const instance = this.instance(service, index);
    if (!instance.child) return;
    instance.child.kill('SIGKILL');
    await instance.exited;
    instance.child = null;
    this.log(`killed ${service} #${index}`);
  }

  /** Starts a stopped instance again, on its port, and waits until it is ready. */
  async restart(service: ServiceName, index: number): Promise<void> {
    const instance = this.instance(service, index);
    if (instance.child) throw new Error(`${service} #${index} is running`);
    await this.launch(instance);
    this.log(`restarted ${service} #${index}`);
  }

  /** SIGTERM to every service (graceful), then the broker and the database go. */
  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => this.terminate(instance)));
    await this.mail.stop();
    await this.broker.stop().then(
      () => this.broker.remove(),
      (err: Error) => this.log(`broker stop: ${err.message}`),
    );
    await dropTestDatabase(this.databaseUrl).catch((err: Error) => this.log(`database drop: ${err.message}`));
    await withClient(process.env.DATABASE_URL || DEFAULT_TEST_DATABASE_URL, (client) => dropServiceRoles(client, this.rolePrefix)).catch((err: Error) =>
      this.log(`roles drop: ${err.message}`),
    );
  }

  private async terminate(instance: ServiceInstance): Promise<void> {
    const child = instance.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await instance.exited;
    clearTimeout(timer);
    instance.child = null;
  }

  private async launch(instance: ServiceInstance): Promise<void> {
    const out = openSync(instance.logFile, 'a');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${instance.service}/src/main.ts`], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...this.env, DATABASE_URL: this.roleUrls[instance.service], PORT: String(instance.port) },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    instance.child = child;
    instance.exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal ?? -1)));
    const ready = waitFor(async () => (await fetch(`${instance.url}/health/ready`).catch(() => null))?.ok === true, {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: `${instance.service} #${instance.index} ready (log: ${instance.logFile})`,
    });
    const died = instance.exited.then((code) => {
      throw new Error(`${instance.service} #${instance.index} exited (${code}) before it was ready; see ${instance.logFile}`);
    });
    // Whichever loses must not surface later as an unhandled rejection (an exit after readiness is
    // the caller's business: kill, stop).
    ready.catch(() => undefined);
    died.catch(() => undefined);
    await Promise.race([ready, died]);
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates each service's role (random passwords) in the database; the URL each service connects with. */
async function grantRoles(databaseUrl: string, prefix: string): Promise<Record<ServiceName, string>> {
  const passwords = Object.fromEntries(SERVICE_NAMES.map((s) => [s, randomUUID()])) as Record<ServiceName, string>;
  await withClient(databaseUrl, (client) => grantServiceRoles(client, passwords, { prefix }));
  return Object.fromEntries(
    SERVICE_NAMES.map((service) => {
      const url = new URL(databaseUrl);
      url.username = serviceRoleName(service, prefix);
      url.password = passwords[service];
      return [service, url.toString()];
    }),
  ) as Record<ServiceName, string>;
}
