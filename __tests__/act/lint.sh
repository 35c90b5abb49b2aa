#!/usr/bin/env bash
# actionlint (with shellcheck for the run: scripts) over GitHub's workflows and the README's examples.
# Linting a workflow that has `uses: ./` also checks action.yml and every `with:` against its inputs.
set -euo pipefail
cd "$(dirname "$0")/../.."
source __tests__/harness/lib.sh
bash __tests__/harness/act.sh
"$GOBIN_DIR/actionlint" -no-color .github/workflows/*.yml examples/*.yml
echo "actionlint: $(ls .github/workflows/*.yml examples/*.yml | wc -l) workflows and action.yml clean"
