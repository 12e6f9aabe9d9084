#!/usr/bin/env bash
# Stops what infra/up.sh started, and nothing else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INFRA_DIR/.."

if was_started kafka; then
  bash infra/kafka/kafka.sh stop
  unmark_started kafka
else
  echo "[kafka] not started by this project; leaving it running"
fi
bash infra/redis.sh stop
bash infra/postgres.sh stop
