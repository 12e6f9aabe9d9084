/**
 * The decisions of bench/decision-to-webhook.bench.ts, sent with node:http over kept-alive
 * connections. The load generator shares the machine's two cores with the system it measures, so its
 * own cost per request must be the least possible: through the SDK (fetch, web streams, retries) the
 * bench's process took 2.3 ms of CPU per decision, half of it in fetch. No retries either: in an
 * open-loop run a refused or reset connection is a failed decision, reported as such.
 */
import { Agent, request } from 'node:http';

export class DecisionClient {
  private readonly agent = new Agent({ keepAlive: true });
  private next = 0;

  /** `urls`: every instance of the applications service; decisions go to them in turn. */
  constructor(private readonly urls: string[]) {
    if (urls.length === 0) throw new Error('DecisionClient: no applications instance to send decisions to');
  }

  /** POST /v1/applications/:id/decision; resolves with the status once the whole answer is read. */
  decide(applicationId: string, apiKey: string, body: { outcome: 'accept'; reason: string; version: number }): Promise<number> {
    const url = new URL(`/v1/applications/${encodeURIComponent(applicationId)}/decision`, this.urls[this.next++ % this.urls.length]);
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.on('error', reject);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
