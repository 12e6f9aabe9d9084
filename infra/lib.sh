# Shared helpers for the infra scripts.
INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INFRA_CACHE="$INFRA_DIR/.cache"
STARTED_FILE="$INFRA_CACHE/started-by-project"
mkdir -p "$INFRA_CACHE"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Where Debian's PostgreSQL listens on this machine besides 127.0.0.1:5432.
PG_SOCKET_DIR=/var/run/postgresql
# A PostgreSQL on this machine is reached over its Unix socket: the same server, without the TCP
# stack on every statement (README "Benchmarks"). A DATABASE_URL already set is left as it is.
use_local_postgres_socket() { # database
  if [[ -z "${DATABASE_URL:-}" && -S "$PG_SOCKET_DIR/.s.PGSQL.5432" ]]; then
    export DATABASE_URL="postgres://postgres@localhost/$1?host=$PG_SOCKET_DIR"
  fi
}

# Remembers what this project started, so down.sh stops only that.
mark_started() { grep -qx "$1" "$STARTED_FILE" 2>/dev/null || echo "$1" >> "$STARTED_FILE"; }
was_started() { grep -qx "$1" "$STARTED_FILE" 2>/dev/null; }
unmark_started() { [[ -f "$STARTED_FILE" ]] && sed -i "/^$1\$/d" "$STARTED_FILE" || true; }

apt_install() {
  if [[ "$(id -u)" != 0 ]]; then echo "[infra] need root to install $* (or install it yourself)" >&2; exit 1; fi
  echo "[infra] installing $* from Debian's packages…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for_port() { # name port seconds
  local deadline=$((SECONDS + $3))
  until port_open "$2"; do
    if (( SECONDS > deadline )); then echo "[infra] $1 did not open port $2 in $3 s" >&2; exit 1; fi
    sleep 0.3
  done
}
