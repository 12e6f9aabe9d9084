#!/usr/bin/env bash
# The real Apache Kafka broker (KRaft, one combined node) without Docker.
#   kafka.sh start   fetch the jars once, format storage once, start in the background, wait until it answers
#   kafka.sh stop    stop the broker this script started (by its pid file)
#   kafka.sh status  exit 0 when the broker port answers
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/../.cache/kafka"
# A second broker (tests that stop one) gets its own state dir and ports; the jars are shared.
STATE="${KAFKA_STATE_DIR:-$CACHE}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:-512m}"
# C1 only by default: a fresh broker's C2 compiler otherwise burns most of its CPU for minutes (measured
# with JFR during bench:latency: 10 s of compiling in 30 s), which on a 2-core machine running the whole
# exchange shows as latency everywhere. KAFKA_JIT_OPTS="" gives the JVM's default tiered compilation.
JIT_OPTS="${KAFKA_JIT_OPTS--XX:TieredStopAtLevel=1}"
LIBS="$CACHE/libs"
DATA="$STATE/data"
LOGS="$STATE/logs"
PIDFILE="$STATE/kafka.pid"
CONFIG="$STATE/server.properties"

log() { echo "[kafka] $*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_jars() {
  # The stamp holds the pom's checksum, so changing the Kafka version in the pom re-fetches.
  local sum; sum="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$LIBS/.stamp" && "$(cat "$LIBS/.stamp")" == "$sum" ]]; then return; fi
  log "fetching the broker's jars with Maven (first run only)…"
  rm -rf "$LIBS"; mkdir -p "$LIBS"
  mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIBS" -DincludeScope=runtime
  echo "$sum" > "$LIBS/.stamp"
  log "jars ready: $(ls "$LIBS" | wc -l) files"
}

java_args() {
  # shellcheck disable=SC2086 # JIT_OPTS may hold several flags
  echo "-Xms$HEAP" "-Xmx$HEAP" $JIT_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$HERE/log4j2.properties" "-Dkafka.logs.dir=$LOGS"
}

java_cmd() {
  # shellcheck disable=SC2046 # the JVM flags hold no spaces
  java $(java_args) -cp "$LIBS/*" "$@"
}

write_config() {
  mkdir -p "$DATA" "$LOGS"
  sed -e "s#@PORT@#$PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" -e "s#@DATA_DIR@#$DATA#g" \
    "$HERE/server.properties.template" > "$CONFIG"
}

format_storage() {
  if [[ -f "$DATA/meta.properties" ]]; then return; fi
  log "formatting storage (first run only)…"
  local cluster_id; cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid | tail -1)"
  java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" --standalone >/dev/null
}

wait_until_ready() {
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT_S:-120}))
  until grep -q "Kafka Server started" "$LOGS/server.log" 2>/dev/null && port_open "$PORT"; do
    if ! running_pid >/dev/null; then
      log "the broker exited while starting; last log lines:"; tail -30 "$LOGS/server.log" 2>/dev/null || true
      tail -30 "$LOGS/stdout.log" 2>/dev/null || true
      exit 1
    fi
    if (( SECONDS > deadline )); then log "the broker did not answer in time; see $LOGS/server.log"; exit 1; fi
    sleep 0.5
  done
}

start() {
  if pid="$(running_pid)"; then log "already running (pid $pid) on 127.0.0.1:$PORT"; return; fi
  if port_open "$PORT"; then log "something else already listens on 127.0.0.1:$PORT; using it"; return; fi
  fetch_jars
  write_config
  format_storage
  : > "$LOGS/server.log"
  log "starting the broker on 127.0.0.1:$PORT (heap $HEAP)…"
  # shellcheck disable=SC2046
  nohup java $(java_args) -cp "$LIBS/*" kafka.Kafka "$CONFIG" > "$LOGS/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  wait_until_ready
  log "ready on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not started by this project; nothing to stop"; rm -f "$PIDFILE"; return; fi
  log "stopping pid $pid…"
  kill "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still running after 60 s; killing"; kill -9 "$pid"; fi
  rm -f "$PIDFILE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) port_open "$PORT" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
