#!/usr/bin/env bash
# Brings up PostgreSQL, Redis and Apache Kafka without Docker, then creates the Kafka topics.
# Idempotent: what already runs is used as it is.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INFRA_DIR/.."

bash infra/postgres.sh start
bash infra/redis.sh start
if bash infra/kafka/kafka.sh start; then
  # kafka.sh writes a pid file only for a broker it started itself.
  [[ -f "$INFRA_CACHE/kafka/kafka.pid" ]] && mark_started kafka
fi
node -r @swc-node/register infra/bootstrap-topics.ts
