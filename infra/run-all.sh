#!/usr/bin/env bash
# The one command that runs the whole system on a fresh machine (README: `npm start`):
# dependencies, PostgreSQL/Redis/Kafka, migrations, demo seed, the four services.
# Several instances of each service: EXCHANGE_INSTANCES=2 npm start, or npm start -- --instances 2.
# Ctrl-C stops the services gracefully, then the infrastructure this command started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source infra/lib.sh # port_open

SERVICES=(applications:3001 pilots:3002 cohorts:3003 notifications:3004)
# Instance k of a service listens on its base port + PORT_STEP * (k - 1): 3001, 3101, 3201…
PORT_STEP=100
MAX_INSTANCES=9
LOG_DIR=.cache/logs
USAGE="usage: npm start [-- --instances N]   (or EXCHANGE_INSTANCES=N npm start; N from 1 to $MAX_INSTANCES, default 1)"
step() { printf '\n== %s\n' "$*" || true; }
fail_early() { echo "npm start: $*" >&2; exit 2; }

# How many instances: checked before anything starts, naming where a bad value came from.
valid_count() { [[ "$1" =~ ^[1-9][0-9]?$ ]] && (( $1 <= MAX_INSTANCES )); }
instances="${EXCHANGE_INSTANCES:-1}"
valid_count "$instances" || fail_early "EXCHANGE_INSTANCES must be a whole number from 1 to $MAX_INSTANCES, got '$instances'"
while (( $# > 0 )); do
  case "$1" in
    --instances | --instances=*)
      if [[ "$1" == *=* ]]; then value="${1#*=}"; shift; else
        (( $# >= 2 )) || fail_early "--instances needs a number from 1 to $MAX_INSTANCES"
        value="$2"; shift 2
      fi
      valid_count "$value" || fail_early "--instances must be a whole number from 1 to $MAX_INSTANCES, got '$value'"
      instances="$value" ;;
    -h | --help) echo "$USAGE"; exit 0 ;;
    *) fail_early "unknown argument '$1'. $USAGE" ;;
  esac
done

# One entry per process: <service>:<instance number>:<port>.
PROCESSES=()
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"; base="${entry##*:}"
  for ((k = 1; k <= instances; k++)); do PROCESSES+=("$name:$k:$((base + PORT_STEP * (k - 1)))"); done
done
log_of() { echo "$LOG_DIR/$1-$2.log"; }

# A port already taken (an earlier run still up?) would answer the readiness check for a process
# that failed to bind: refuse before starting anything.
busy=()
for process in "${PROCESSES[@]}"; do
  IFS=: read -r name k port <<<"$process"
  if port_open "$port"; then busy+=("$port ($name #$k)"); fi
done
CONSOLE_PORT=3000
if port_open "$CONSOLE_PORT"; then busy+=("$CONSOLE_PORT (console)"); fi
if (( ${#busy[@]} > 0 )); then
  echo "npm start: already in use: ${busy[*]}. Stop what listens there (an earlier npm start?) first." >&2
  exit 1
fi
mkdir -p "$LOG_DIR"

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

step "infrastructure (PostgreSQL, Redis, Kafka, topics)"
bash infra/up.sh
use_local_postgres_socket exchange

step "migrations"
npm run --silent db:migrate
step "demo seed"
npm run --silent db:seed

pids=()
maildev_pid=""
stop_all() { # exit status
  trap - INT TERM
  # Ctrl-C also ends a pipe reader (`npm start | tee log`): keep stopping even if output is gone.
  trap '' PIPE
  step "stopping the services (SIGTERM, in-flight work finishes)"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$maildev_pid" ]]; then kill -TERM "$maildev_pid" 2>/dev/null || true; wait "$maildev_pid" 2>/dev/null || true; fi
  step "stopping the infrastructure this command started"
  # down.sh is idempotent: if its output has nowhere to go and it stops early, run it again quietly.
  bash infra/down.sh || bash infra/down.sh >/dev/null 2>&1 || true
  exit "$1"
}
trap 'stop_all 0' INT TERM

# This is a local run: partners' receivers in the demo listen on this machine over plain HTTP.
# Production leaves both at their default (false); set them to false here to try the address guard.
export WEBHOOK_ALLOW_HTTP="${WEBHOOK_ALLOW_HTTP:-true}"
export WEBHOOK_ALLOW_PRIVATE_NETWORKS="${WEBHOOK_ALLOW_PRIVATE_NETWORKS:-true}"
# Every local client (the demo, the curl walkthrough, test runs sharing this Redis) registers from
# 127.0.0.1: a higher registration limit than production's 10 per 10 minutes keeps reruns working.
export RATE_LIMIT_REGISTRATIONS_PER_IP="${RATE_LIMIT_REGISTRATIONS_PER_IP:-200}"
# The console server forwards every person's calls from this machine's address, with theirs in
# X-Forwarded-For: the services believe it from loopback only, so the failed-key limit counts each
# person and not the console as one client. Production names the console server's address instead.
export TRUSTED_PROXIES="${TRUSTED_PROXIES:-loopback}"

# Mail to people goes to MailDev here (production points SMTP_URL at a real relay); its inbox shows
# every message the demo causes. An SMTP server already on 1025 is used as it is.
MAILDEV_SMTP_PORT=1025
MAILDEV_WEB_PORT=1080
if [[ -z "${SMTP_URL:-}" ]]; then
  export SMTP_URL="smtp://127.0.0.1:$MAILDEV_SMTP_PORT"
  if port_open "$MAILDEV_SMTP_PORT"; then
    step "mail: an SMTP server already listens on $MAILDEV_SMTP_PORT; the services send their mail there"
  else
    step "mail: MailDev catches every e-mail (SMTP 127.0.0.1:$MAILDEV_SMTP_PORT, inbox http://127.0.0.1:$MAILDEV_WEB_PORT)"
    node_modules/.bin/maildev --smtp "$MAILDEV_SMTP_PORT" --ip 127.0.0.1 --web "$MAILDEV_WEB_PORT" --web-ip 127.0.0.1 > "$LOG_DIR/maildev.log" 2>&1 &
    maildev_pid=$!
    deadline=$((SECONDS + 30))
    until port_open "$MAILDEV_WEB_PORT"; do
      if ! kill -0 "$maildev_pid" 2>/dev/null || (( SECONDS > deadline )); then
        echo "MailDev did not start; see $LOG_DIR/maildev.log (or set SMTP_URL to an SMTP server of yours)" >&2; stop_all 1
      fi
      sleep 0.3
    done
  fi
fi

step "starting $instances instance(s) of each service (logs in $LOG_DIR/<service>-<instance>.log)"
for process in "${PROCESSES[@]}"; do
  IFS=: read -r name k port <<<"$process"
  PORT="$port" node -r @swc-node/register "services/$name/src/main.ts" > "$(log_of "$name" "$k")" 2>&1 &
  pids+=("$!")
done

for i in "${!PROCESSES[@]}"; do
  IFS=: read -r name k port <<<"${PROCESSES[$i]}"
  deadline=$((SECONDS + 90))
  until curl -fs --max-time 5 "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "$name #$k (port $port) exited while starting; see $(log_of "$name" "$k")" >&2; stop_all 1
    fi
    if (( SECONDS > deadline )); then
      echo "$name #$k (port $port) did not become ready in 90 s; see $(log_of "$name" "$k")" >&2; stop_all 1
    fi
    sleep 0.5
  done
done

# The console: its application built by Vite (when the project has one), and its server, which
# serves that build and forwards /api/<service>/… to every instance of each service.
console_log="$LOG_DIR/console-server.log"
if [[ -f apps/console/vite.config.ts ]]; then
  step "building the console application (log in $LOG_DIR/console-build.log)"
  if ! npx vite build --config apps/console/vite.config.ts > "$LOG_DIR/console-build.log" 2>&1; then
    echo "the console application did not build; see $LOG_DIR/console-build.log (its server answers 503 until it does)" >&2
  fi
fi
step "starting the console server (log in $console_log)"
instance_urls() { # service name → its instances' origins, comma-separated
  local list=() process name k port
  for process in "${PROCESSES[@]}"; do
    IFS=: read -r name k port <<<"$process"
    if [[ "$name" == "$1" ]]; then list+=("http://127.0.0.1:$port"); fi
  done
  (IFS=,; echo "${list[*]}")
}
CONSOLE_PORT="$CONSOLE_PORT" \
  APPLICATIONS_URLS="$(instance_urls applications)" PILOTS_URLS="$(instance_urls pilots)" \
  COHORTS_URLS="$(instance_urls cohorts)" NOTIFICATIONS_URLS="$(instance_urls notifications)" \
  node -r @swc-node/register apps/console-server/src/main.ts > "$console_log" 2>&1 &
console_pid=$!
pids+=("$console_pid")
deadline=$((SECONDS + 60))
until curl -fs --max-time 5 "http://127.0.0.1:$CONSOLE_PORT/health/live" >/dev/null 2>&1; do
  if ! kill -0 "$console_pid" 2>/dev/null; then echo "the console server exited while starting; see $console_log" >&2; stop_all 1; fi
  if (( SECONDS > deadline )); then echo "the console server did not answer in 60 s; see $console_log" >&2; stop_all 1; fi
  sleep 0.5
done

step "Startup Exchange is running ($instances instance(s) of each service)"
for process in "${PROCESSES[@]}"; do
  IFS=: read -r name k port <<<"$process"
  printf '  %-14s #%s  http://127.0.0.1:%s/v1   docs http://127.0.0.1:%s/docs   log %s\n' \
    "$name" "$k" "$port" "$port" "$(log_of "$name" "$k")"
done
echo "  Every instance also answers /health/live, /health/ready and /metrics."
echo "  console: http://127.0.0.1:$CONSOLE_PORT   (sign in with an API key: npm run demo prints one per role; log $console_log)"
echo "  Events partners receive, with examples and signature checks: http://127.0.0.1:3004/docs/events"
if [[ -n "$maildev_pid" ]]; then echo "  Mail people receive (MailDev inbox): http://127.0.0.1:$MAILDEV_WEB_PORT"; else echo "  Mail people receive goes to $SMTP_URL"; fi
echo "  Kafka 127.0.0.1:9092, PostgreSQL 127.0.0.1:5432 (database exchange; the services connect ${DATABASE_URL:+with }${DATABASE_URL:-over TCP}), Redis 127.0.0.1:6379"
echo "  Press Ctrl-C to stop."
wait
# Every service process ended on its own (none was asked to): still stop the infrastructure.
echo "every service process has exited; see the logs in $LOG_DIR" >&2
stop_all 1
