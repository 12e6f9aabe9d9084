#!/usr/bin/env bash
# PostgreSQL on 127.0.0.1:5432: use the one already listening, else start (installing if needed)
# Debian's package with trust auth on loopback for local development.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start() {
  if port_open 5432; then echo "[postgres] already listening on 127.0.0.1:5432; using it"; return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql
    local hba; hba="$(ls -d /etc/postgresql/*/main | head -1)/pg_hba.conf"
    # Local development only: trust loopback connections, like the machines this project is tested on.
    sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(host\s+all\s+all\s+::1\/128\s+)\S+/\1trust/' "$hba"
  fi
  local version; version="$(ls /etc/postgresql | sort -V | tail -1)"
  echo "[postgres] starting cluster $version/main…"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  mark_started postgres
  wait_for_port postgres 5432 60
  echo "[postgres] ready on 127.0.0.1:5432"
}

stop() {
  if ! was_started postgres; then echo "[postgres] not started by this project; leaving it running"; return; fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop
  unmark_started postgres
  echo "[postgres] stopped"
}

case "${1:-}" in start) start ;; stop) stop ;; *) echo "usage: $0 start|stop" >&2; exit 2 ;; esac
