#!/usr/bin/env bash
# assert-manifest-list.sh REF DIR...: fails unless REF (what examples/native-matrix.yml's merge job
# tagged) is a manifest list of exactly the images its build legs pushed by digest, one linux/amd64 and
# one linux/arm64. Each DIR is a leg's uploaded artifact: one empty file per digest, named by its hex. A leg's digest may itself be an index (the image and BuildKit's provenance
# attestation): then its manifests are the ones expected in the list.
set -euo pipefail
ref=$1
shift
digests=()
for dir in "$@"; do digests+=("$dir"/*); done
repo=${ref%:*}
raw() { docker buildx imagetools inspect --raw "$1"; }

merged=$(raw "$ref")
want=$(for d in "${digests[@]}"; do
  r=$(raw "$repo@sha256:$(basename "$d")")
  if jq -e '.manifests' <<<"$r" >/dev/null; then jq -r '.manifests[].digest' <<<"$r"; else echo "sha256:$(basename "$d")"; fi
done | sort)
have=$(jq -r '.manifests[].digest' <<<"$merged" | sort)
if [ "$want" != "$have" ]; then
  printf 'the manifest list of %s is not what the legs pushed\nlegs:\n%s\nlist:\n%s\n' "$ref" "$want" "$have" >&2
  exit 1
fi
platforms=$(jq -r '.manifests[] | select(.annotations["vnd.docker.reference.type"] != "attestation-manifest") | .platform | "\(.os)/\(.architecture)"' <<<"$merged" | sort | paste -sd' ')
if [ "$platforms" != "linux/amd64 linux/arm64" ]; then
  echo "the manifest list of $ref has the images [$platforms], not [linux/amd64 linux/arm64]" >&2
  exit 1
fi
echo "$ref: a manifest list of the ${#digests[@]} legs' images, platforms $platforms"
