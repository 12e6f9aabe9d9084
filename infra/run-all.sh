#!/usr/bin/env bash
# The one command that runs the whole system on a fresh machine (README: `npm start`):
# dependencies, PostgreSQL/Redis/Kafka, migrations, demo seed, the four services.
# Ctrl-C stops the services gracefully, then the infrastructure this command started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SERVICES=(applications:3001 pilots:3002 cohorts:3003 notifications:3004)
LOG_DIR=.cache/logs
mkdir -p "$LOG_DIR"
step() { printf '\n== %s\n' "$*" || true; }

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

step "infrastructure (PostgreSQL, Redis, Kafka, topics)"
bash infra/up.sh

step "migrations"
npm run --silent db:migrate
step "demo seed"
npm run --silent db:seed

pids=()
stop_all() {
  trap - INT TERM
  # Ctrl-C also ends a pipe reader (`npm start | tee log`): keep stopping even if output is gone.
  trap '' PIPE
  step "stopping the services (SIGTERM, in-flight work finishes)"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  step "stopping the infrastructure this command started"
  # down.sh is idempotent: if its output has nowhere to go and it stops early, run it again quietly.
  bash infra/down.sh || bash infra/down.sh >/dev/null 2>&1 || true
  exit 0
}
trap stop_all INT TERM

step "starting the services (logs in $LOG_DIR/<service>.log)"
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  PORT="$port" node -r @swc-node/register "services/$name/src/main.ts" > "$LOG_DIR/$name.log" 2>&1 &
  pids+=("$!")
done

for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  deadline=$((SECONDS + 90))
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if (( SECONDS > deadline )); then echo "$name did not become ready; see $LOG_DIR/$name.log" >&2; stop_all; fi
    sleep 0.5
  done
done

step "Startup Exchange is running"
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  printf '  %-14s http://127.0.0.1:%s/v1   docs http://127.0.0.1:%s/docs   health /health/ready   metrics /metrics\n' \
    "$name" "$port" "$port"
done
echo "  Kafka 127.0.0.1:9092, PostgreSQL 127.0.0.1:5432 (database exchange), Redis 127.0.0.1:6379"
echo "  Press Ctrl-C to stop."
wait
