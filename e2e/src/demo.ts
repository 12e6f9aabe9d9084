/**
 * `npm run demo`: the journey of a Korean startup through the exchange, against the running system
 * (`npm start` in another terminal), printed step by step, with a partner agency's webhook receiver
 * on this machine that verifies every event.
 *
 * Environment (all optional):
 *   APPLICATIONS_URLS, PILOTS_URLS, COHORTS_URLS, NOTIFICATIONS_URLS  comma-separated instance URLs
 *     (default: the ports of `npm start`, first and second instance)
 *   EXCHANGE_ADMIN_KEY  an admin key to act with; without it the demo runs `npm run bootstrap -- --force`
 *   DATABASE_URL        for that bootstrap (default: the database of `npm start`)
 *   DEMO_RECEIVER_PORT  the receiver's port (default: any free one)
 *   MAILDEV_URL         the MailDev inbox whose mail the demo lists at the end (default: that of `npm start`)
 */
import { adminFromKey, bootstrapAdmin } from './journey/bootstrap-admin';
import type { ServiceName } from '@exchange/sdk';
import { exchangeSdk, type ServiceUrls } from './journey/exchange-api';
import { runJourney, type JourneyResult } from './journey/journey';
import { ConsoleNarrator } from './journey/narrator';
import { mailSettled } from './mail/maildev-inbox';
import { PartnerReceiver } from './receiver/partner-receiver';

const DEFAULT_PORTS: Record<ServiceName, number> = { applications: 3001, pilots: 3002, cohorts: 3003, notifications: 3004 };

function serviceUrls(): ServiceUrls {
  const urls = {} as ServiceUrls;
  for (const [service, port] of Object.entries(DEFAULT_PORTS) as Array<[ServiceName, number]>) {
    const configured = process.env[`${service.toUpperCase()}_URLS`];
    urls[service] = configured
      ? configured.split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean)
      : [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port + 100}`];
  }
  return urls;
}

async function ready(urls: ServiceUrls): Promise<string[]> {
  const down: string[] = [];
  for (const [service, list] of Object.entries(urls)) {
    const answers = await Promise.all(list.map((u) => fetch(`${u}/health/ready`).then((r) => r.ok, () => false)));
    if (!answers.some(Boolean)) down.push(`${service} (${list.join(', ')})`);
  }
  return down;
}

/** The mail each person received during the demo, as the inbox of `npm start` (MailDev) shows it. */
async function listMail(since: Date): Promise<void> {
  const maildev = (process.env.MAILDEV_URL ?? 'http://127.0.0.1:1080').replace(/\/+$/, '');
  const received = await mailSettled(maildev, since);
  if (!received) {
    console.log(`\nMail: no MailDev inbox answers at ${maildev} (npm start runs one); the services sent their mail to their SMTP_URL.`);
    return;
  }
  const count = [...received.values()].reduce((n, list) => n + list.length, 0);
  console.log(`\nMail people received (${count}; read them at ${maildev}):`);
  for (const [address, messages] of [...received.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${address}`);
    for (const m of messages.sort((a, b) => Date.parse(a.time) - Date.parse(b.time))) console.log(`    - ${m.subject}`);
  }
}

async function main(): Promise<number> {
  const urls = serviceUrls();
  const down = await ready(urls);
  if (down.length > 0) {
    console.error(`The exchange is not running, or not ready: no answer from ${down.join('; ')}.`);
    console.error('Start it with `npm start` in another terminal, wait for "Startup Exchange is running", then run `npm run demo` again.');
    return 1;
  }
  const api = exchangeSdk(urls);
  const receiver = await new PartnerReceiver().start(Number(process.env.DEMO_RECEIVER_PORT ?? 0));
  try {
    console.log('Startup Exchange demo: a Korean startup goes from registration to a Moscow pilot, a Seoul cohort and the alumni fast track.');
    console.log(`The partner agency's webhook receiver listens on ${receiver.url}.`);
    if (!process.env.EXCHANGE_ADMIN_KEY) console.log('The first admin key comes from `npm run bootstrap -- --force` (the city agency and its admin)…');
    const admin = process.env.EXCHANGE_ADMIN_KEY
      ? await adminFromKey(api, process.env.EXCHANGE_ADMIN_KEY)
      : await bootstrapAdmin(api, process.env.DATABASE_URL);
    const started = new Date();
    const journey = await runJourney({ api, receiver, admin, narrate: new ConsoleNarrator() });
    await listMail(started);
    printConsoleSignIns(admin.key, journey);
    if (receiver.rejected.length > 0) {
      console.error(`\n${receiver.rejected.length} webhook request(s) failed verification: ${receiver.rejected.map((r) => r.reason).join('; ')}`);
      return 1;
    }
    console.log('\nDone: every step above went over the HTTP API, and every event reached the partner signed and verified.');
    return 0;
  } finally {
    await receiver.stop();
  }
}

/** The people of the demo, to sign in to the console as each (their keys are the demo's own, on this machine). */
function printConsoleSignIns(adminKey: string, { cast, startupKey }: JourneyResult): void {
  const console_ = process.env.CONSOLE_URL ?? 'http://127.0.0.1:3000';
  console.log(`\nSign in to the console (${console_}) as any of the demo's people, with their API key:`);
  const rows: Array<[string, string, string]> = [
    ['administrator', 'Moscow innovation agency', adminKey],
    ['programme manager', cast.cityAgency.manager.name, cast.cityAgency.manager.key],
    ...cast.cityAgency.reviewers.map((r): [string, string, string] => ['reviewer', r.name, r.key]),
    ['host coordinator', cast.hospital.coordinator.name, cast.hospital.coordinator.key],
    ['partner liaison', cast.partnerAssociation.liaison.name, cast.partnerAssociation.liaison.key],
    ['accelerator manager', cast.accelerator.manager.name, cast.accelerator.manager.key],
    ['startup', 'the demo startup', startupKey],
  ];
  for (const [role, name, key] of rows) console.log(`  ${role.padEnd(20)} ${name.padEnd(28)} ${key}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\nThe demo stopped: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
