#!/usr/bin/env bash
# Stops what infra/up.sh started, and nothing else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INFRA_DIR/.."

bash infra/kafka/kafka.sh stop
unmark_started kafka
bash infra/redis.sh stop
bash infra/postgres.sh stop
