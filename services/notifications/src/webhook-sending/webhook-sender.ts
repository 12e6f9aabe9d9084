import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { RESPONSE_EXCERPT_MAX_CHARS } from '@exchange/data';
import { signatureHeader } from '../signing/webhook-signature';
import { assertAddressAllowed, guardedLookup, type NetworkPolicy } from '../url-safety/webhook-url';
import { parseRetryAfter } from './retry-policy';

export interface WebhookRequest {
  url: string;
  /** `webhook-id`: the event id, the same on every attempt. */
  messageId: string;
  /** The exact JSON body that is signed and sent. */
  body: string;
  /** The current secret first, then one still inside its rotation overlap. */
  secrets: readonly string[];
  requestId?: string;
}

export interface AttemptOutcome {
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  /** At most RESPONSE_EXCERPT_MAX_CHARS characters of the response body. */
  responseExcerpt: string | null;
  error: string | null;
  /** From `Retry-After` on 429 and 503. */
  retryAfterMs: number | null;
}

const USER_AGENT = 'StartupExchange-Webhooks/1.0';

/**
 * Sends Standard Webhooks requests with node:http(s): keep-alive agents, a guarded DNS lookup at
 * every connection, no redirects followed, a hard timeout, and at most the first few KB of the
 * response read (the rest is dropped with the socket).
 */
export class WebhookSender {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly lookup: ReturnType<typeof guardedLookup>;

  constructor(
    private readonly policy: NetworkPolicy,
    private readonly timeoutMs: number,
    maxSockets = 256,
  ) {
    // Every socket may stay open between requests: with more jobs in flight than free sockets kept,
    // each burst would close and reconnect (and TLS-handshake) the difference. The guarded lookup
    // still runs on every new connection.
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
    this.lookup = guardedLookup(policy);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  send(webhook: WebhookRequest, now: () => number = Date.now): Promise<AttemptOutcome> {
    const startedAt = new Date(now());
    const started = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
    const failed = (error: string, statusCode: number | null = null, excerpt: string | null = null): AttemptOutcome => ({
      startedAt,
      latencyMs: elapsed(),
      statusCode,
      responseExcerpt: excerpt,
      error,
      retryAfterMs: null,
    });

    let url: URL;
    try {
      url = new URL(webhook.url);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.policy.allowHttp)) {
        return Promise.resolve(failed(`refused: ${url.protocol}// endpoints are not allowed`));
      }
      const host = url.hostname.replace(/^\[|\]$/g, '');
      // An IP-literal host never goes through lookup: check it here.
      if (isIP(host)) assertAddressAllowed(host, this.policy, host);
    } catch (error) {
      return Promise.resolve(failed(`refused: ${(error as Error).message}`));
    }

    const timestamp = Math.floor(startedAt.getTime() / 1_000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(webhook.body)),
      'user-agent': USER_AGENT,
      'webhook-id': webhook.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(webhook.secrets, webhook.messageId, timestamp, webhook.body),
    };
    if (webhook.requestId) headers['x-request-id'] = webhook.requestId;

    return new Promise<AttemptOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const secure = url.protocol === 'https:';
      const request = (secure ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', headers, agent: secure ? this.httpsAgent : this.httpAgent, lookup: this.lookup },
        (response) => this.readResponse(response, startedAt, elapsed, finish),
      );
      const timer = setTimeout(() => {
        finish(failed(`timeout: no complete answer within ${this.timeoutMs} ms`));
        request.destroy();
      }, this.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => {
        finish(failed(error.code === 'EWEBHOOKADDRESS' ? `refused: ${error.message}` : connectionError(error)));
      });
      request.end(webhook.body);
    });
  }

  private readResponse(response: IncomingMessage, startedAt: Date, elapsed: () => number, finish: (o: AttemptOutcome) => void): void {
    const status = response.statusCode ?? 0;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      const excerpt = size === 0 ? null : cleanExcerpt(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_MAX_CHARS));
      let error: string | null = null;
      if (status >= 300 && status < 400) {
        const location = response.headers.location;
        error = `redirect not followed (${status}${location ? ` to ${location.slice(0, 500)}` : ''})`;
      } else if (status < 200 || status >= 300) error = `HTTP ${status}`;
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers['retry-after'], startedAt.getTime() + elapsed()) : null;
      finish({ startedAt, latencyMs: elapsed(), statusCode: status >= 100 && status <= 599 ? status : null, responseExcerpt: excerpt, error, retryAfterMs });
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= RESPONSE_EXCERPT_MAX_CHARS) {
        // Enough: never read (or buffer) the rest of a large body; the socket is dropped.
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  }
}

/**
 * A failed connection in words the endpoint's owner may read (the attempt log is theirs): the error
 * code, never the address connected to, which would tell them what their host name resolved to.
 */
function connectionError(error: NodeJS.ErrnoException): string {
  if (error.code) return `connection error: ${error.code}`;
  return `connection error: ${error.message.replace(/\[?[0-9a-f:]*:[0-9a-f:.]+\]?(:\d+)?|\d{1,3}(\.\d{1,3}){3}(:\d+)?/gi, '<address>')}`;
}

/** Text the database can hold: valid UTF-8 (a cut character is replaced), no NUL, at most the cap. */
function cleanExcerpt(bytes: Buffer): string {
  return bytes.toString('utf8').split('\u0000').join('').slice(0, RESPONSE_EXCERPT_MAX_CHARS);
}
