/*
 * Preloaded into each service process by bench/decision-to-webhook.bench.ts when BENCH_PROFILE is set
 * (NODE_OPTIONS=--require; plain CommonJS because it loads before the TypeScript hook). The first
 * SIGUSR2 starts the V8 CPU profiler, the second stops it and writes
 * $BENCH_PROFILE_DIR/<service>-<pid>.cpuprofile (Chrome DevTools, speedscope): a profile of exactly
 * the measured run, without the boot.
 */
'use strict';
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
const service = (/services\/([^/]+)\/src\/main\.ts$/.exec(process.argv.join(' ')) || [])[1] || 'process';
let session = null;

process.on('SIGUSR2', () => {
  if (!session) {
    session = new Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.start');
    return;
  }
  const running = session;
  session = null;
  running.post('Profiler.stop', (err, result) => {
    running.disconnect();
    if (err || !dir) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${service}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
