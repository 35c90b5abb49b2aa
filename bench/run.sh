#!/usr/bin/env bash
# Every benchmark, one after the other, on this engine: the tables docs/benchmarks.md
# shows. Run on a quiet machine (nothing else building): `bash bench/run.sh`.
set -euo pipefail
here=$(dirname "$0")
bash "$here/lifecycle.sh"
echo
bash "$here/endpoints.sh"
echo
bash "$here/nodes.sh"
echo
bash "$here/qemu.sh"
echo
bash "$here/state.sh"
echo
bash "$here/state-vs-gha.sh"
echo
bash "$here/buildx.sh"
