#!/usr/bin/env bash
# Runs the web edition's browser tests: headless Chromium, driven by chromedp,
# reads the book as learn serve shows it and as learn export html writes it
# (see doc.go). It installs chromium and chromium-driver (Debian packages)
# when there is no chromium, then runs go vet and go test -race in this
# module with WEB_REQUIRE_BROWSER=1, so that a missing browser fails instead
# of skipping. The server listens on 127.0.0.1 only and the tests stop it
# and the browser. If WEB_SCREENSHOTS names a folder, the pages are saved
# there at 1280x800 and 390x844 (CI artefacts). Extra arguments go to go
# test, for example: ./run-tests.sh -run Served -v
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ! command -v chromium >/dev/null 2>&1; then
	echo "run-tests.sh: installing chromium chromium-driver" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >/dev/null
	$sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
echo "run-tests.sh: $(chromium --version 2>/dev/null | head -1)" >&2

export WEB_REQUIRE_BROWSER=1
status=0
go vet ./... && go test -race -count=1 -timeout=5m "$@" ./... || status=$?
echo "run-tests.sh: done in $((SECONDS - start)) s, status $status" >&2
exit "$status"
