#!/usr/bin/env bash
# Runs velocy/ws against real clients: Node's ws package and headless
# Chromium (through chromedp), both talking to the chapter 11 chat app on a
# loopback port. It installs what is missing:
#   - chromium and chromium-driver (Debian packages), and nodejs and npm if
#     there is no node;
#   - the node client's packages, with npm ci from node/package-lock.json;
# then runs go vet and go test -race in this module with WS_REQUIRE_CLIENTS=1, so
# that a client that cannot run fails instead of skipping. Everything the
# tests start (the chat app, node, chromium) listens on or connects to
# 127.0.0.1 only, and is stopped by the tests. If WS_SCREENSHOT names a
# file, the browser test saves the chat page there (a CI artefact). Extra
# arguments go to go test, for example: ./run-tests.sh -run Browser -v
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
if ! command -v chromium >/dev/null 2>&1; then missing+=(chromium chromium-driver); fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "run-tests.sh: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >/dev/null
	$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci installs exactly the lock file's versions; skip it when they are
# already there (node_modules/.package-lock.json is npm's record of them).
if ! cmp -s <(sed -n '/"node_modules\//,$p' node/package-lock.json) \
	<(sed -n '/"node_modules\//,$p' node/node_modules/.package-lock.json 2>/dev/null); then
	echo "run-tests.sh: npm ci in node/" >&2
	(cd node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

echo "run-tests.sh: $(chromium --version 2>/dev/null | head -1), node $(node --version)," \
	"ws $(node -p 'require("./node/node_modules/ws/package.json").version')" >&2

export WS_REQUIRE_CLIENTS=1
status=0
go vet ./... && go test -race -count=1 -timeout=5m "$@" ./... || status=$?
echo "run-tests.sh: done in $((SECONDS - start)) s, status $status" >&2
exit "$status"
