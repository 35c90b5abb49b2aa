#!/usr/bin/env bash
# The remote driver side by side: the action's main and post (its command line) against `docker buildx
# create --driver remote --bootstrap` and `docker buildx rm`, on the same BuildKit daemon with mutual
# TLS (__tests__/harness/remote-buildkitd.sh: loopback tcp, openssl certificates). Both write a store
# entry and wait until BuildKit answers over TLS; neither creates anything on the daemon. Medians of
# $ROUNDS rounds, alternating, after one warm-up; prints a table. Target: ready ≤ 0.8× buildx.
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
bash "$(dirname "$0")/../__tests__/harness/remote-buildkitd.sh" start 2>/dev/null
certs=${HARNESS_CACHE:-/var/cache/setup-buildkit}/remote-buildkitd
endpoint=tcp://127.0.0.1:23770
DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'rm -rf "$DOCKER_CONFIG"' EXIT
ln -s "$HOME/.docker/cli-plugins" "$DOCKER_CONFIG/cli-plugins"

tls=(cacert="$certs/ca.pem" cert="$certs/client.pem" key="$certs/client-key.pem")
create_ours() { $ACTION up --name bench-ours --driver remote --endpoint "$endpoint" $(printf -- '--driver-opts %s ' "${tls[@]}"); }
remove_ours() { $ACTION down --name bench-ours; }
create_buildx() { docker buildx create --name bench-buildx --driver remote $(printf -- '--driver-opt %s ' "${tls[@]}") --bootstrap "$endpoint"; }
remove_buildx() { docker buildx rm bench-buildx; }
lifecycle_table "remote builder on $endpoint (mutual TLS)" "create and wait until BuildKit answers" "remove (store entry)"
