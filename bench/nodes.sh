#!/usr/bin/env bash
# A three-node builder (node 0 on the runner's engine, node 1 on the mutual-TLS engine through a docker
# context, node 2 behind sshd), side by side: the action's main and post (its command line) against
# `docker buildx create` + two `create --append` + `docker buildx inspect --bootstrap`, and
# `docker buildx rm`, on the same engines (__tests__/harness/engines.sh starts the two extra ones).
# Medians of $ROUNDS rounds after one warm-up; prints a table.
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
test_engine_contexts
append='- endpoint: bench-tls
  platforms: linux/arm64
- endpoint: bench-ssh
  platforms: linux/arm/v7'

create_ours() { $ACTION up --name bench-nodes-ours --pull-policy missing --platforms linux/amd64 --append "$append"; }
remove_ours() { $ACTION down --name bench-nodes-ours; }
create_buildx() {
  docker buildx create --name bench-nodes-buildx --driver docker-container --platform linux/amd64 unix:///var/run/docker.sock &&
    docker buildx create --name bench-nodes-buildx --append --platform linux/arm64 bench-tls &&
    docker buildx create --name bench-nodes-buildx --append --platform linux/arm/v7 bench-ssh &&
    docker buildx inspect --bootstrap bench-nodes-buildx
}
remove_buildx() { docker buildx rm bench-nodes-buildx; }
lifecycle_table "three-node builder" "create, wait until every BuildKit answers" "remove (containers, volumes, store entry)"
