#!/usr/bin/env bash
# Redis on 127.0.0.1:6379: use the one already listening, else start (installing if needed) Debian's package.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start() {
  if port_open 6379; then echo "[redis] already listening on 127.0.0.1:6379; using it"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  echo "[redis] starting…"
  mkdir -p "$INFRA_CACHE/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$INFRA_CACHE/redis" --logfile "$INFRA_CACHE/redis/redis.log" --pidfile "$INFRA_CACHE/redis/redis.pid"
  mark_started redis
  wait_for_port redis 6379 30
  echo "[redis] ready on 127.0.0.1:6379"
}

stop() {
  if ! was_started redis; then echo "[redis] not started by this project; leaving it running"; return; fi
  kill "$(cat "$INFRA_CACHE/redis/redis.pid")" 2>/dev/null || true
  unmark_started redis
  echo "[redis] stopped"
}

case "${1:-}" in start) start ;; stop) stop ;; *) echo "usage: $0 start|stop" >&2; exit 2 ;; esac
