#!/usr/bin/env bash
# nektos/act (runs the workflows locally, in self-hosted mode) and rhysd/actionlint (lints them and
# action.yml), built from the Go module proxy into $HARNESS_CACHE/bin, once per pinned version.
source "$(dirname "$0")/lib.sh"
apt_install shellcheck
go_tool act "github.com/nektos/act@$ACT_VERSION" . "-X main.version=${ACT_VERSION#v}"
go_tool actionlint "github.com/rhysd/actionlint@$ACTIONLINT_VERSION" ./cmd/actionlint "-X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION#v}"
