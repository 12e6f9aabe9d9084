import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One event as the partner keeps it: verified, recorded once. */
export interface PartnerEvent {
  /** `webhook-id`: the event id, the same on every retry. */
  id: string;
  type: string;
  /** The event's own time (body `timestamp`). */
  timestamp: string;
  data: Record<string, unknown>;
  /** Order of first arrival at this receiver (1, 2, …). */
  arrival: number;
  receivedAt: number;
  /** Deliveries of this event that arrived (1 unless the sender retried or redelivered). */
  copies: number;
}

/** One verified request as it arrived (every copy of an event): its headers and its parsed body. */
export interface VerifiedDelivery {
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface RejectedRequest {
  reason: string;
  headers: IncomingHttpHeaders;
}

/**
 * What a partner agency runs to receive Startup Exchange webhooks: it verifies every request with the
 * public Standard Webhooks library (signature and timestamp), keeps each event once by its
 * `webhook-id` (a retried or redelivered event is acknowledged and not applied again), and answers
 * 2xx only for what it verified. Until it knows its secret it answers 503 with Retry-After, so
 * nothing is lost while an endpoint is being registered.
 */
export class PartnerReceiver {
  private readonly events = new Map<string, PartnerEvent>();
  readonly rejected: RejectedRequest[] = [];
  /** Every verified request, copies included, so a test can hold each to the documented contract. */
  readonly deliveries: VerifiedDelivery[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<(event: PartnerEvent) => void>();
  private readonly rejectionListeners = new Set<(rejected: RejectedRequest) => void>();
  private server: Server | null = null;
  private verifier: Webhook | null = null;
  private secretFile: string | null = null;
  private secretFromFile: string | null = null;
  private arrivals = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { status, body } = this.receive(req.headers, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(status, { 'content-type': 'text/plain', ...(status === 503 ? { 'retry-after': '1' } : {}) });
        res.end(body);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/startup-exchange/webhooks`;
  }

  /** The endpoint's signing secret (`whsec_…`), as the registration answered it. */
  useSecret(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  /**
   * Reads the secret from a file once it exists (a receiver started before its endpoint is
   * registered), and again whenever the file changes (the endpoint registered anew, the receiver
   * still running).
   */
  useSecretFile(path: string): void {
    this.secretFile = path;
  }

  /** Every verified event, once, in order of first arrival. */
  all(): PartnerEvent[] {
    return [...this.events.values()].sort((a, b) => a.arrival - b.arrival);
  }

  /** The verified events about one startup, in order of first arrival. */
  forStartup(startupId: string): PartnerEvent[] {
    return this.all().filter((e) => e.data.startupId === startupId);
  }

  /** Deliveries that repeated an event already received (acknowledged, not applied again). */
  duplicates(): number {
    return this.all().reduce((sum, e) => sum + e.copies - 1, 0);
  }

  /** Calls `listener` with every newly verified event (not with repeated deliveries). */
  onEvent(listener: (event: PartnerEvent) => void): void {
    this.listeners.add(listener);
  }

  /** Calls `listener` with every request that failed verification (answered 400). */
  onRejected(listener: (rejected: RejectedRequest) => void): void {
    this.rejectionListeners.add(listener);
  }

  /** Resolves with the first verified event (already received or to come) that matches. */
  waitFor(match: (event: PartnerEvent) => boolean, what: string, timeoutMs = 60_000): Promise<PartnerEvent> {
    const found = this.all().find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (event: PartnerEvent) => {
        if (!match(event)) return;
        cleanup();
        resolve(event);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the partner's receiver got no ${what} within ${timeoutMs} ms (it has: ${this.all().map((e) => e.type).join(', ') || 'nothing'})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private receive(headers: IncomingHttpHeaders, raw: string): { status: number; body: string } {
    this.readSecretFile();
    if (!this.verifier) return { status: 503, body: 'not ready: the signing secret is not known yet' };
    let payload: { type: string; timestamp: string; data: Record<string, unknown> };
    try {
      payload = this.verifier.verify(raw, {
        'webhook-id': String(headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(headers['webhook-signature'] ?? ''),
      }) as typeof payload;
    } catch (err) {
      const rejected = { reason: (err as Error).message, headers };
      this.rejected.push(rejected);
      for (const listener of [...this.rejectionListeners]) listener(rejected);
      return { status: 400, body: 'signature not verified' };
    }
    this.deliveries.push({ headers, body: payload });
    const id = String(headers['webhook-id']);
    const known = this.events.get(id);
    if (known) {
      known.copies += 1;
      return { status: 200, body: 'already received' };
    }
    const event: PartnerEvent = {
      id,
      type: payload.type,
      timestamp: payload.timestamp,
      data: payload.data,
      arrival: ++this.arrivals,
      receivedAt: Date.now(),
      copies: 1,
    };
    this.events.set(id, event);
    for (const listener of [...this.listeners]) listener(event);
    return { status: 200, body: 'ok' };
  }

  /** A few bytes read per request: cheap, and a new secret is used from the next delivery on. */
  private readSecretFile(): void {
    if (!this.secretFile || !existsSync(this.secretFile)) return;
    const secret = readFileSync(this.secretFile, 'utf8').trim();
    if (!secret || secret === this.secretFromFile) return;
    this.secretFromFile = secret;
    this.useSecret(secret);
  }
}
