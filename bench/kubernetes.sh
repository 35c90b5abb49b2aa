#!/usr/bin/env bash
# A kubernetes builder, side by side on the harness's cluster (__tests__/harness/kubernetes.sh, started
# here unless it answers): the action's main and post steps with `driver: kubernetes`, each a fresh
# `node dist/index.js` as the runner launches it, against `docker buildx create --driver kubernetes
# --bootstrap` and `docker buildx rm`. Rounds alternate; medians of $ROUNDS rounds after one warm-up.
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
bash "$(dirname "$0")/../__tests__/harness/kubernetes.sh" start
export KUBECONFIG=/run/setup-buildkit/kubeconfig

runner_files

create_ours() { : >"$STEPS/state"; runner_step INPUT_NAME=bench-k8s-ours INPUT_DRIVER=kubernetes INPUT_USE=false; }
remove_ours() { runner_step "STATE_setup-buildkit=$(saved_state)"; }
create_buildx() { docker buildx create --name bench-k8s-buildx --driver kubernetes --bootstrap; }
remove_buildx() { docker buildx rm bench-k8s-buildx; }

lifecycle_table "kubernetes builder" "create and wait until BuildKit answers" "remove (Deployment, store entry)"
