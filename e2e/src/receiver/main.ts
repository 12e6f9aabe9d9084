/**
 * `npm run receiver`: a partner agency's webhook receiver on this machine, for the README walkthrough.
 * It prints every event it verified (signature and timestamp, Standard Webhooks) and acknowledges a
 * repeated delivery without applying it again.
 *   npm run receiver -- [--port 4000] --secret-file .cache/partner-secret
 * Until the secret file exists it answers 503 with Retry-After: 1, so the exchange retries shortly.
 */
import { parseArgs } from 'node:util';
import { PartnerReceiver } from './partner-receiver';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4000' }, 'secret-file': { type: 'string', default: '.cache/partner-secret' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}`);
  const receiver = await new PartnerReceiver().start(port);
  receiver.useSecretFile(String(values['secret-file']));
  receiver.onEvent((event) => {
    const about = typeof event.data.startupId === 'string' ? ` startup ${event.data.startupId}` : '';
    console.log(`${new Date(event.receivedAt).toISOString()}  ✓ verified  ${event.type}${about}  (webhook-id ${event.id})`);
  });
  receiver.onRejected((rejected) => {
    console.log(`${new Date().toISOString()}  ✗ rejected  webhook-id ${String(rejected.headers['webhook-id'] ?? '?')}: ${rejected.reason}`);
  });
  console.log(`Partner receiver listening on ${receiver.url}`);
  console.log(`It verifies with the secret in ${values['secret-file']} (answers 503 until that file exists). Ctrl-C stops it.`);
  const stop = () => void receiver.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`receiver: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
