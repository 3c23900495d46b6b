#!/usr/bin/env bash
# load.sh: requests per second of velocy's hello-world against a bare net/http
# handler, on loopback, in one sitting, with the runs interleaved.
#
#   ./load.sh                      # wrk if installed, else our Go client
#   ./load.sh -tool go -d 5s       # force the Go client
#   ./load.sh -path /json -rounds 5
#
# Each run starts a fresh server (cmd/hello) pinned to CPU 0 with
# GOMAXPROCS=1 and the load generator pinned to CPU 1, when taskset exists.
# Traffic goes to 127.0.0.1 only, and every run stops by itself after -d.
set -euo pipefail
cd "$(dirname "$0")"

duration=10s conns=64 rounds=3 path=/ port=18080 tool=""
while [ $# -gt 0 ]; do
	case "$1" in
	-d) duration=$2; shift 2 ;;
	-c) conns=$2; shift 2 ;;
	-rounds) rounds=$2; shift 2 ;;
	-path) path=$2; shift 2 ;;
	-port) port=$2; shift 2 ;;
	-tool) tool=$2; shift 2 ;;
	*) echo "usage: $0 [-d 10s] [-c 64] [-rounds 3] [-path /] [-port 18080] [-tool wrk|go]" >&2; exit 2 ;;
	esac
done
if [ -z "$tool" ]; then
	if command -v wrk >/dev/null; then tool=wrk; else tool=go; fi
fi

bin=$(mktemp -d)
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$bin"
}
trap cleanup EXIT
go build -o "$bin/hello" ./cmd/hello
go build -o "$bin/load" ./cmd/load

# Pin the server to CPU 0 and the load generator to CPU 1 when we can.
pin0=() pin1=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	pin0=(taskset -c 0) pin1=(taskset -c 1)
fi

addr=127.0.0.1:$port
one_run() { # one_run HANDLER ROUND: one server, one load run; appends the req/s to $bin/HANDLER
	GOMAXPROCS=1 "${pin0[@]}" "$bin/hello" -addr "$addr" -handler "$1" >/dev/null 2>&1 &
	server_pid=$!
	for _ in $(seq 50); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
		sleep 0.1
	done
	if [ "$tool" = wrk ]; then
		"${pin1[@]}" wrk -t1 -c"$conns" -d"$duration" "http://$addr$path" >"$bin/out"
	else
		"${pin1[@]}" "$bin/load" -addr "$addr" -path "$path" -c "$conns" -d "$duration" >"$bin/out"
	fi
	kill "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
	local rps
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$bin/out")
	echo "round $2  $1  $rps req/s"
	echo "$rps" >>"$bin/$1"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "tool=$tool path=$path connections=$conns duration=$duration rounds=$rounds"
: >"$bin/bare" && : >"$bin/velocy"
for round in $(seq "$rounds"); do
	for handler in bare velocy; do
		one_run "$handler" "$round"
	done
done
bare=$(median <"$bin/bare")
velocy=$(median <"$bin/velocy")
# On a shared machine the speed drifts between rounds, so the ratio within
# each round (two runs back to back) is steadier than the ratio of medians.
ratio=$(paste "$bin/velocy" "$bin/bare" | awk '{ print $1 / $2 }' | median)
awk -v b="$bare" -v v="$velocy" -v r="$ratio" 'BEGIN {
	printf "median: bare %.0f req/s, velocy %.0f req/s, velocy/bare = %.3f\n", b, v, v / b
	printf "median of per-round ratios velocy/bare = %.3f (bar: >= 0.9)\n", r
}'
