#!/usr/bin/env bash
# A builder on another engine, side by side: the action's main and post (its command line) against
# `docker buildx create --driver docker-container --bootstrap` and `docker buildx rm`, on the same
# endpoint: the mutual-TLS engine through a docker context, and the engine behind sshd through the
# system ssh client (__tests__/harness/engines.sh starts both). Medians of $ROUNDS rounds after one
# warm-up; prints a table.
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
test_engine_contexts

for endpoint in bench-tls bench-ssh; do
  create_ours() { $ACTION up --name bench-ours --pull-policy missing --endpoint "$endpoint"; }
  remove_ours() { $ACTION down --name bench-ours; }
  create_buildx() { docker buildx create --name bench-buildx --driver docker-container --bootstrap "$endpoint"; }
  remove_buildx() { docker buildx rm bench-buildx; }
  lifecycle_table "builder on $endpoint" "create and wait until BuildKit answers" "remove (container, volume, store entry)"
done
