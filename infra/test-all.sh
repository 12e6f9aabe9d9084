#!/usr/bin/env bash
# The one command that runs every test on a fresh machine (README: `npm test`).
# Installs dependencies, brings up PostgreSQL/Redis/Kafka, type-checks, lints, runs every Jest suite
# against the real infrastructure, and stops whatever infrastructure it started itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s\n' "$*"; }

step "installing dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error

kafka_was_running=false
bash infra/kafka/kafka.sh status && kafka_was_running=true
cleanup() {
  if [[ "$kafka_was_running" == false ]]; then
    step "stopping the Kafka broker this run started"
    bash infra/kafka/kafka.sh stop || true
  fi
}
trap cleanup EXIT

step "infrastructure (PostgreSQL, Redis, Kafka, topics)"
bash infra/up.sh

step "the browser for the console's tests (Debian's chromium, CJK fonts)"
bash infra/browser.sh

step "type check (services, libs, tests; the console application)"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/console/tsconfig.json --noEmit

step "build the console application"
npm run --silent console:build

step "lint (includes the Nx module-boundary rule)"
NX_DAEMON=false NX_NO_CLOUD=true npx eslint .

mkdir -p .cache
rm -f .cache/jest-*.json
status=0
if (( $# > 0 )); then
  step "tests matching: $*"
  npx jest --ci --json --outputFile=.cache/jest-selected.json "$@" || status=$?
else
  # The end-to-end suites run the whole exchange (a broker and eight service processes each): they go
  # after the others, one at a time, so neither they nor the timing of the others suffer on 2 cores.
  step "tests: unit and integration, against the real infrastructure"
  npx jest --ci --json --outputFile=.cache/jest-integration.json --testPathIgnorePatterns '/e2e/' || status=$?
  step "tests: end to end (the four services as processes, a partner's webhook receiver)"
  npx jest --ci --json --outputFile=.cache/jest-e2e.json --runInBand e2e/test/ || status=$?
fi

node -e '
  const fs = require("fs");
  const files = fs.readdirSync(".cache").filter((f) => /^jest-.*\.json$/.test(f));
  const sum = { passed: 0, failed: 0, pending: 0, total: 0 };
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(".cache/" + f, "utf8"));
    sum.passed += r.numPassedTests; sum.failed += r.numFailedTests; sum.pending += r.numPendingTests; sum.total += r.numTotalTests;
  }
  console.log(`\n${sum.passed} passed, ${sum.failed} failed` + (sum.pending ? `, ${sum.pending} skipped` : ""));
  if (sum.total === 0) { console.error("no test ran"); process.exit(1); }
' || status=1
exit "$status"
