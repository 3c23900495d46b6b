#!/usr/bin/env bash
# Runs velocy/redisstore's vet and tests against a real Redis server:
# installs redis-server (Debian package) if it is missing, starts one of
# its own on a free loopback port, without persistence, runs
#   go vet ./... && go test -race ./...
# in the module with REDIS_ADDR pointing at it and REDISSTORE_REQUIRE=1
# (so a missing server fails instead of skipping), and stops the server on
# exit. The exit status is the tests'. Extra arguments go to go test, for
# example: ./run-tests.sh -count=1 -run Limiter
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1; then
	echo "run-tests.sh: installing redis-server" >&2
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >/dev/null
	$sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

workdir=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ping answers whether a Redis server answers PING on port $1.
ping() {
	if command -v redis-cli >/dev/null 2>&1; then
		[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
	else
		exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
		printf 'PING\r\n' >&3
		local line
		read -r -t 1 line <&3 || true
		exec 3>&-
		[ "${line%$'\r'}" = "+PONG" ]
	fi
}

# Pick a random port above 20000; if redis-server cannot have it (taken,
# or taken between our pick and its bind), it exits and we try another.
port=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
	try=$((20000 + RANDOM % 40000))
	redis-server --port "$try" --bind 127.0.0.1 --save '' --appendonly no \
		--dir "$workdir" --loglevel warning >"$workdir/redis.log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do
		if ping "$try"; then port=$try; break; fi
		if ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.05
	done
	if [ -n "$port" ]; then break; fi
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=""
done
if [ -z "$port" ]; then
	echo "run-tests.sh: could not start redis-server on a loopback port; its log:" >&2
	cat "$workdir/redis.log" >&2
	exit 1
fi
echo "run-tests.sh: redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$port" >&2

export REDIS_ADDR="127.0.0.1:$port" REDISSTORE_REQUIRE=1
status=0
go vet ./... && go test -race "$@" ./... || status=$?
exit "$status"
