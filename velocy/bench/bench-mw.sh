#!/usr/bin/env bash
# bench-mw.sh: the middleware benchmarks (BenchmarkMiddleware,
# BenchmarkOurMiddleware, BenchmarkCompress64K), interleaved by bench.sh, then
# what each pass-through middleware costs over the bare router: the median
# ns/op and allocs/op of each stack, minus the bare router's, divided by 5.
#
#   ./bench-mw.sh               # 10 rounds into bench-mw.txt
#   ./bench-mw.sh -rounds 6
set -euo pipefail
cd "$(dirname "$0")"

rounds=10 out=bench-mw.txt
while [ $# -gt 0 ]; do
	case "$1" in
	-rounds) rounds=$2; shift 2 ;;
	-o) out=$2; shift 2 ;;
	*) echo "usage: $0 [-rounds 10] [-o bench-mw.txt]" >&2; exit 2 ;;
	esac
done

load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
./bench.sh -rounds "$rounds" -bench 'Middleware|Compress64K' -o "$out"
echo "load average (1, 5, 15 min): $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) at the end, on $(nproc) CPUs"

echo
echo "per pass-through middleware, over stack=bare (medians of $rounds rounds; bar: <= 30 ns, 0 allocs):"
awk '
/^Benchmark(Middleware|OurMiddleware)\// {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "ns/op") ns[name] = ns[name] " " $i
		if ($(i+1) == "allocs/op") al[name] = al[name] " " $i
	}
}
function median(s,    a, n, i, j, t) {
	n = split(s, a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
	for (name in ns) { mns[name] = median(ns[name]); mal[name] = median(al[name]) }
	n = 0
	for (name in mns) names[++n] = name
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (names[j] < names[i]) { t = names[i]; names[i] = names[j]; names[j] = t }
	for (k = 1; k <= n; k++) {
		name = names[k]
		if (name !~ /^BenchmarkMiddleware\//) continue
		route = name; sub(/.*\/route=/, "", route)
		bare = "BenchmarkMiddleware/stack=bare/route=" route
		if (!(bare in mns) || name == bare) continue
		stack = name; sub(/.*stack=/, "", stack); sub(/\/.*/, "", stack)
		printf "  %-12s route=%-7s %8.1f ns/op vs bare %8.1f: %6.3fx, %+6.1f ns and %+.1f allocs per middleware\n",
			stack, route, mns[name], mns[bare], mns[name] / mns[bare], (mns[name] - mns[bare]) / 5, (mal[name] - mal[bare]) / 5
	}
	bare = "BenchmarkMiddleware/stack=bare/route=static"
	for (k = 1; k <= n; k++) {
		name = names[k]
		if (name !~ /^BenchmarkOurMiddleware\//) continue
		mw = name; sub(/.*mw=/, "", mw)
		printf "  alone: %-16s %8.1f ns/op: %+6.1f ns, %+.1f allocs over bare (static)\n", mw, mns[name], mns[name] - mns[bare], mal[name] - mal[bare]
	}
}' "$out"
