/**
 * The load client of bench/submit-application.bench.ts, run as its own process so driving the load
 * does not take CPU from the servers under test. One keep-alive fetch client for both sides: plain
 * fetch, not the SDK, because the client's own cost per request must be the least possible and the
 * same for the service and the bare Fastify + pg server it is compared with (which has no OpenAPI).
 * IPC: receives {type:'run', jobs: {url, key}[], concurrency}; answers {type:'result', seconds,
 * latenciesMs, failures, firstFailure}. Sends {type:'ready'} once started.
 */
interface Job {
  url: string;
  key: string;
}

interface RunMessage {
  type: 'run';
  jobs: Job[];
  concurrency: number;
}

async function run(jobs: Job[], concurrency: number) {
  const latenciesMs: number[] = new Array<number>(jobs.length);
  let next = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < jobs.length; i = next++) {
        const sent = process.hrtime.bigint();
        const res = await fetch(jobs[i].url, { method: 'POST', headers: { authorization: `Bearer ${jobs[i].key}` } });
        const body = await res.text();
        latenciesMs[i] = Number(process.hrtime.bigint() - sent) / 1e6;
        if (res.status !== 200) {
          failures++;
          firstFailure ??= `${res.status} ${body.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { type: 'result', seconds, latenciesMs, failures, firstFailure };
}

process.on('message', (message: RunMessage) => {
  if (message.type !== 'run') return;
  run(message.jobs, message.concurrency).then(
    (result) => process.send?.(result),
    (err: unknown) => process.send?.({ type: 'result', seconds: 0, latenciesMs: [], failures: message.jobs.length, firstFailure: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
