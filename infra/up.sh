#!/usr/bin/env bash
# Brings up PostgreSQL, Redis and Apache Kafka without Docker, then creates the Kafka topics.
# Idempotent: what already runs is used as it is.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INFRA_DIR/.."

bash infra/postgres.sh start
bash infra/redis.sh start
# A broker that already runs (started by hand, by another command or not by us at all) is used as it
# is and never marked, so infra/down.sh leaves it running.
if ! bash infra/kafka/kafka.sh status >/dev/null 2>&1; then
  bash infra/kafka/kafka.sh start
  # kafka.sh writes a pid file only for a broker it started itself.
  [[ -f "$INFRA_CACHE/kafka/kafka.pid" ]] && mark_started kafka
else
  bash infra/kafka/kafka.sh start # says which broker it found
fi
node -r @swc-node/register infra/bootstrap-topics.ts
