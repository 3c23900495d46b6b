#!/usr/bin/env bash
# load.sh: requests per second of servers that differ only in their handler,
# on loopback, in one sitting, with the runs interleaved. By default,
# velocy's hello-world against a bare net/http handler (cmd/hello);
# load-mw.sh runs it on cmd/stack, a router behind a middleware stack.
#
#   ./load.sh                      # wrk if installed, else our Go client
#   ./load.sh -tool go -d 5s       # force the Go client
#   ./load.sh -path /json -rounds 5
#   ./load.sh -cmd stack -handlers "bare velocy stack" -warmup 2s -bar 0.85
#   ./load.sh -cmd files -serverargs "-dir /tmp/f" -handlers "fileserver static" -path /static/f.bin
#
# Each run starts a fresh server pinned to CPU 0 with GOMAXPROCS=1 and the
# load generator pinned to CPU 1, when taskset exists; every server gets the
# same connections, threads, duration and warm-up. Traffic goes to 127.0.0.1
# only, and every run stops by itself after -d. The first handler of
# -handlers is the base the others are compared with.
set -euo pipefail
cd "$(dirname "$0")"

duration=10s conns=64 threads=1 rounds=3 path=/ port=18080 tool="" cmd=hello handlers="bare velocy" warmup=0 bar=0.9 serverargs=""
while [ $# -gt 0 ]; do
	case "$1" in
	-d) duration=$2; shift 2 ;;
	-c) conns=$2; shift 2 ;;
	-t) threads=$2; shift 2 ;;
	-rounds) rounds=$2; shift 2 ;;
	-path) path=$2; shift 2 ;;
	-port) port=$2; shift 2 ;;
	-tool) tool=$2; shift 2 ;;
	-cmd) cmd=$2; shift 2 ;;
	-handlers) handlers=$2; shift 2 ;;
	-warmup) warmup=$2; shift 2 ;;
	-bar) bar=$2; shift 2 ;;
	-serverargs) serverargs=$2; shift 2 ;;
	*) echo "usage: $0 [-d 10s] [-c 64] [-t 1] [-rounds 3] [-path /] [-port 18080] [-tool wrk|go] [-cmd hello|stack] [-handlers \"bare velocy\"] [-warmup 0|2s] [-bar 0.9] [-serverargs \"ARGS\"]" >&2; exit 2 ;;
	esac
done
if [ -z "$tool" ]; then
	if command -v wrk >/dev/null; then tool=wrk; else tool=go; fi
fi
read -r -a hs <<<"$handlers"
base=${hs[0]}

bin=$(mktemp -d)
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$bin"
}
trap cleanup EXIT
go build -o "$bin/server" "./cmd/$cmd"
go build -o "$bin/load" ./cmd/load

# Pin the server to CPU 0 and the load generator to CPU 1 when we can.
pin0=() pin1=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	pin0=(taskset -c 0) pin1=(taskset -c 1)
fi

addr=127.0.0.1:$port
generate() { # generate DURATION OUT: one load run against the server
	if [ "$tool" = wrk ]; then
		"${pin1[@]}" wrk -t"$threads" -c"$conns" -d"$1" "http://$addr$path" >"$2"
	else
		"${pin1[@]}" "$bin/load" -addr "$addr" -path "$path" -c "$conns" -d "$1" >"$2"
	fi
}
one_run() { # one_run HANDLER ROUND: one server, one load run; appends the req/s to $bin/HANDLER.rps
	local extra=()
	if [ "$cmd" = stack ]; then extra=(-logdir "$bin/logs"); rm -rf "$bin/logs"; fi
	if [ -n "$serverargs" ]; then read -r -a more <<<"$serverargs"; extra+=("${more[@]}"); fi
	GOMAXPROCS=1 "${pin0[@]}" "$bin/server" -addr "$addr" -handler "$1" "${extra[@]}" >/dev/null 2>"$bin/server.err" &
	server_pid=$!
	for _ in $(seq 50); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
		sleep 0.1
	done
	local sent=0
	if [ "$warmup" != 0 ]; then
		generate "$warmup" "$bin/warm"
		sent=$(awk '/requests in/ { print $1 }' "$bin/warm")
	fi
	generate "$duration" "$bin/out"
	# The CPU time the server used (user + system, clock ticks), warm-up
	# included: per request, a measure that other jobs on a shared
	# machine disturb less than requests per second.
	local ticks
	ticks=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat" 2>/dev/null || echo 0)
	kill "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
	local rps note=""
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$bin/out")
	sent=$((sent + $(awk '/requests in/ { print $1 }' "$bin/out")))
	if grep -q 'logged' "$bin/server.err"; then
		note="  ($(awk '/logged/ { print $3 }' "$bin/server.err") access-log lines; wrk completed $sent requests, warm-up included)"
	fi
	local cpu
	cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$sent" 'BEGIN { printf "%.1f", (n > 0 ? t / hz / n * 1e6 : 0) }')
	echo "round $2  $1  $rps req/s  server CPU $cpu us/request$note"
	echo "$rps" >>"$bin/$1.rps"
	echo "$cpu" >>"$bin/$1.cpu"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) on $(nproc) CPUs"
echo "tool=$tool cmd=$cmd handlers=\"$handlers\" path=$path connections=$conns threads=$threads duration=$duration warmup=$warmup rounds=$rounds"
for h in "${hs[@]}"; do : >"$bin/$h.rps"; : >"$bin/$h.cpu"; done
for round in $(seq "$rounds"); do
	# Rotate the order from round to round, so that no handler always runs
	# first (or right after the same one).
	k=$(( (round - 1) % ${#hs[@]} ))
	for h in "${hs[@]:k}" "${hs[@]:0:k}"; do
		one_run "$h" "$round"
	done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
b=$(median <"$bin/$base.rps")
for h in "${hs[@]:1}"; do
	v=$(median <"$bin/$h.rps")
	# On a shared machine the speed drifts between rounds, so the ratio
	# within each round (runs back to back) is steadier than the ratio of
	# medians.
	ratio=$(paste "$bin/$h.rps" "$bin/$base.rps" | awk '{ print $1 / $2 }' | median)
	awk -v base="$base" -v h="$h" -v b="$b" -v v="$v" -v r="$ratio" -v bar="$bar" 'BEGIN {
		printf "median: %s %.0f req/s, %s %.0f req/s, %s/%s = %.3f\n", base, b, h, v, h, base, v / b
		printf "median of per-round ratios %s/%s = %.3f (bar: >= %s)\n", h, base, r, bar
	}'
	cb=$(median <"$bin/$base.cpu") ch=$(median <"$bin/$h.cpu")
	awk -v base="$base" -v h="$h" -v cb="$cb" -v ch="$ch" 'BEGIN {
		if (ch > 0) printf "server CPU per request (median): %s %.1f us, %s %.1f us: %s/%s = %.3f as a speed\n", base, cb, h, ch, h, base, cb / ch
	}'
done
