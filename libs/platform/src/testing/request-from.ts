import { randomInt } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';

/**
 * A loopback address of its own (127.x.y.z, never 127.0.0.1): every test that counts per client
 * address sends from one, so suites sharing this machine and its Redis do not count each other.
 */
export function uniqueLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export interface ResponseFrom {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** An HTTP request sent from `localAddress` (fetch cannot choose its source address). */
export function requestFrom(
  localAddress: string,
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<ResponseFrom> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers = { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
