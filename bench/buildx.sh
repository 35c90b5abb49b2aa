#!/usr/bin/env bash
# buildx-version: one step that installs a pinned buildx and boots the builder, against the peers'
# sequence (the plugin copied into place, then `docker buildx create --bootstrap`, as
# setup-buildx-action does once its cache gave it the binary). Both start from a warm cache: the
# action's tool cache holds the release, and the reference copies the same file. A third line is the
# action without buildx-version: what the install costs on top of the builder. Medians of $ROUNDS
# rounds after a warm-up, each with a fresh DOCKER_CONFIG (no buildx in it).
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
binary=${HARNESS_CACHE:-/var/cache/setup-buildkit}/bin/docker-buildx
tag=$("$binary" docker-cli-plugin-metadata | jq -r .Version)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RUNNER_TOOL_CACHE=$work/tools
# The tool cache as @actions/tool-cache lays it out: <tool>/<semver>/<arch>/ and a .complete marker.
mkdir -p "$RUNNER_TOOL_CACHE/docker-buildx/${tag#v}/x64"
cp "$binary" "$RUNNER_TOOL_CACHE/docker-buildx/${tag#v}/x64/docker-buildx"
touch "$RUNNER_TOOL_CACHE/docker-buildx/${tag#v}/x64.complete"
name=bench-buildx-$$

fresh_config() { rm -rf "$work/config"; mkdir -p "$work/config"; export DOCKER_CONFIG=$work/config; }
ours_install() { fresh_config; $ACTION up --name "$name" --pull-policy missing --use false --buildx-version "$tag"; }
ours_plain() { fresh_config; $ACTION up --name "$name" --pull-policy missing --use false; }
ours_down() { $ACTION down --name "$name"; }
peers() {
  fresh_config
  install -D -m 755 "$binary" "$DOCKER_CONFIG/cli-plugins/docker-buildx"
  docker buildx create --name "$name" --driver docker-container --bootstrap
}
peers_down() { docker buildx rm "$name"; }

ours_install >/dev/null 2>&1; ours_down >/dev/null 2>&1
peers >/dev/null 2>&1; peers_down >/dev/null 2>&1
a=(); b=(); c=()
for _ in $(seq "$ROUNDS"); do
  a+=("$(seconds ours_install)"); ours_down >/dev/null 2>&1
  b+=("$(seconds peers)"); peers_down >/dev/null 2>&1
  c+=("$(seconds ours_plain)"); ours_down >/dev/null 2>&1
done
header "buildx $tag installed + builder (median s, $ROUNDS rounds)" "copy+create"
row "install buildx and wait until BuildKit answers" "$(printf '%s\n' "${a[@]}" | median)" "$(printf '%s\n' "${b[@]}" | median)"
row "the same step without buildx-version" "$(printf '%s\n' "${c[@]}" | median)" "$(printf '%s\n' "${b[@]}" | median)"
