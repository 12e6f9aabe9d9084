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

step "type check"
npx tsc -p tsconfig.json --noEmit

step "lint (includes the Nx module-boundary rule)"
NX_DAEMON=false NX_NO_CLOUD=true npx eslint .

step "tests (unit, integration and end-to-end, against the real infrastructure)"
mkdir -p .cache
status=0
npx jest --ci --json --outputFile=.cache/jest-results.json "$@" || status=$?

node -e '
  const r = require("./.cache/jest-results.json");
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' || status=1
exit "$status"
