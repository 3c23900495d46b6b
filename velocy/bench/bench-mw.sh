#!/usr/bin/env bash
# bench-mw.sh: the middleware benchmarks (BenchmarkMiddleware,
# BenchmarkOurMiddleware, BenchmarkMiddlewarePaired, BenchmarkCompress64K),
# interleaved by bench.sh, then what each middleware costs over the bare
# router: from the medians of the rounds, (stack - bare) / 5 for the stacks of
# 5, and the paired measurement, which holds up better on a busy machine.
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
echo "cost per middleware over the bare router (medians of $rounds rounds; bar for a pass-through one: <= 30 ns, 0 allocs)"
awk '
/^Benchmark(Middleware|OurMiddleware|MiddlewarePaired)\// {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "ns/op") ns[name] = ns[name] " " $i
		if ($(i+1) == "allocs/op") al[name] = al[name] " " $i
		if ($(i+1) == "ns/mw") mw[name] = mw[name] " " $i
		if ($(i+1) == "bare-ns/req") br[name] = br[name] " " $i
	}
}
/^BenchmarkCompress64K/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i++) if ($(i+1) ~ /MB\/s$|^velocy\/|allocs\/op|gz-B\/op|^B\/op/) {
		key = name " " $(i+1)
		if (!(key in gz)) gzkeys[++ngz] = key
		gz[key] = gz[key] " " $i
	}
}
function median(s,    a, n, i, j, t) {
	n = split(s, a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
	n = 0
	for (name in ns) { mns[name] = median(ns[name]); mal[name] = median(al[name]); names[++n] = name }
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (names[j] < names[i]) { t = names[i]; names[i] = names[j]; names[j] = t }
	print "BenchmarkMiddleware, separate runs: stack over bare, and (stack - bare) / 5"
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
	print "BenchmarkMiddlewarePaired, blocks of bare and stack alternated (route=static): ns per middleware; allocs from the runs above"
	bare = "BenchmarkMiddleware/stack=bare/route=static"
	for (k = 1; k <= n; k++) {
		name = names[k]
		if (name !~ /^BenchmarkMiddlewarePaired\//) continue
		what = name; sub(/^BenchmarkMiddlewarePaired\//, "", what)
		if (what ~ /^stack=/) { other = "BenchmarkMiddleware/" what "/route=static"; per = 5 } else { other = "BenchmarkOurMiddleware/" what; per = 1 }
		printf "  %-18s %+7.1f ns per middleware (bare %.1f ns/req), %+.1f allocs per middleware\n",
			what, median(mw[name]), median(br[name]), (mal[other] - mal[bare]) / per
	}
	print "compression of the 64 KiB JSON (medians of the rounds; the Paired line runs the three in each op, in turn)"
	for (k = 1; k <= ngz; k++) {
		split(gzkeys[k], parts, " ")
		printf "  %-30s %10.3f %s\n", parts[1], median(gz[gzkeys[k]]), parts[2]
	}
}' "$out"
