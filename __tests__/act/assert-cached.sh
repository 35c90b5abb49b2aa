#!/usr/bin/env bash
# assert-cached.sh LOG: fails unless every step of a build came from the cache. LOG is the output of
# `docker buildx build --progress plain`. FROM steps are left out: BuildKit only resolves the base
# image there and never prints CACHED for it.
set -euo pipefail
awk '
  /^#[0-9]+ \[[^]]*[0-9]+\/[0-9]+\] / {
    text = $0
    sub(/^#[0-9]+ \[[^]]*\] /, "", text)
    if (text !~ /^FROM /) steps[$1] = text
  }
  $2 == "CACHED" { cached[$1] = 1 }
  END {
    for (id in steps) {
      total++
      if (!(id in cached)) { print "not cached: " steps[id]; missed++ }
    }
    if (total == 0) { print "no build steps found in the log"; exit 1 }
    if (missed) exit 1
    print "all " total " build steps CACHED"
  }' "$1"
