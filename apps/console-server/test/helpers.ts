import { createDataSource } from '@exchange/data';
import { loadConfig } from '@exchange/platform';
import { getFreePort, type ServiceProcess, spawnService, waitUntilLive } from '@exchange/platform/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import type { DataSource } from 'typeorm';
import { consoleConfigSchema } from '../src/config';
import { buildConsoleServer, type ConsoleServer } from '../src/server';

/** The applications service as its own process (as `npm start` runs it), on a free port. */
export async function startApplicationsProcess(): Promise<{ url: string; process: ServiceProcess; stop(): Promise<void> }> {
  const port = await getFreePort();
  const process = spawnService('applications', {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    REVIEW_OVERDUE_SWEEP_MS: '0',
    CERTIFICATION_EXPIRY_SWEEP_MS: '0',
    // Its consumers may still be joining their group when the tests end: do not wait long for them.
    SHUTDOWN_TIMEOUT_MS: '2000',
    // Every test call comes from 127.0.0.1: the service's own per-address limits are not under test.
    RATE_LIMIT_PER_KEY: '100000',
    AUTH_FAILURES_PER_IP: '100000',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilLive(url, 60_000);
  return {
    url,
    process,
    async stop() {
      if (process.child.exitCode !== null || process.child.signalCode !== null) return;
      process.child.kill('SIGTERM');
      await process.exited;
    },
  };
}

export function openDatabase(): Promise<DataSource> {
  return createDataSource(process.env.DATABASE_URL as string, { applicationName: 'console-server-test', poolSize: 2 }).initialize();
}

/** A port nothing listens on: a service instance that is down. */
export async function deadOrigin(): Promise<string> {
  return `http://127.0.0.1:${await getFreePort()}`;
}

/** The console server in this process on a free port, configured as its environment would. */
export async function startConsole(env: Record<string, string>): Promise<{ server: ConsoleServer; url: string }> {
  const config = loadConfig(consoleConfigSchema, {
    CONSOLE_PORT: '0',
    CONSOLE_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // No built application unless a test brings its own.
    CONSOLE_STATIC_DIR: join(tmpdir(), `no-console-build-${randomUUID()}`),
    ...env,
  });
  const server = await buildConsoleServer(config);
  return { server, url: await server.listen() };
}

/**
 * A client address of its own for each browser (the console believes X-Forwarded-For from loopback in
 * these tests), so per-address counters of one test, or of an earlier run, never meet another's.
 */
export function clientAddress(): string {
  const group = () => randomInt(0, 0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::${group()}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** The attributes of a Set-Cookie header, by lower-cased name (`httponly: ''`), and its name and value. */
export function parseSetCookie(header: string): { name: string; value: string; attributes: Record<string, string> } {
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
  return {
    name,
    value,
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const at = attribute.indexOf('=');
        return at === -1 ? [attribute.toLowerCase(), ''] : [attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1)];
      }),
    ),
  };
}

/**
 * A browser of one person: keeps the console's cookie as a browser would (set, replaced, cleared by
 * an expiry in the past) and sends it back; comes from an address of its own.
 */
export class Browser {
  cookie: string | undefined;
  readonly address = clientAddress();

  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, opts: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address, ...opts.headers };
    if (this.cookie) headers.cookie = `exchange_console=${this.cookie}`;
    let body: string | Buffer | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    this.keepCookie(res.headers.getSetCookie());
    return answerOf(res);
  }

  signIn(apiKey: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.call('POST', '/session', { body: { apiKey }, headers });
  }

  private keepCookie(setCookies: string[]): void {
    for (const header of setCookies) {
      const cookie = parseSetCookie(header);
      if (cookie.name !== 'exchange_console') continue;
      const expired = cookie.attributes.expires !== undefined && Date.parse(cookie.attributes.expires) <= Date.now();
      this.cookie = expired || cookie.value === '' ? undefined : cookie.value;
    }
  }
}

/**
 * A request with its target exactly as written (fetch would resolve `..` and `%2e%2e` before
 * sending): what a hostile client can put on the wire.
 */
export function rawRequest(baseUrl: string, method: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path: target, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
