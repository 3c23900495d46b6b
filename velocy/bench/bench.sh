#!/usr/bin/env bash
# bench.sh: the router benchmarks, interleaved. go test -count N runs one
# router N times in a row, then the next: on a shared machine the load drifts
# in between, and the ratios with it. This builds the test binary once and
# runs every benchmark once per round, N rounds, starting each round with the
# next router (the first benchmark of a process runs cold), so that every
# router sees the same conditions; benchstat then takes the medians.
#
#   ./bench.sh                 # 10 rounds of the default set, into bench.txt
#   ./bench.sh -rounds 6 -bench 'GithubAll|StaticAll'
set -euo pipefail
cd "$(dirname "$0")"

rounds=10 out=bench.txt
bench='GithubAll|StaticAll|Param20|Reused|FreshRequest|SetPathValueFloor'
while [ $# -gt 0 ]; do
	case "$1" in
	-rounds) rounds=$2; shift 2 ;;
	-bench) bench=$2; shift 2 ;;
	-o) out=$2; shift 2 ;;
	*) echo "usage: $0 [-rounds 10] [-bench REGEXP] [-o bench.txt]" >&2; exit 2 ;;
	esac
done

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go test -c -o "$bin/bench.test" .
: >"$out"
for round in $(seq "$rounds"); do
	echo "round $round of $rounds" >&2
	VELOCY_BENCH_ROTATE=$round "$bin/bench.test" -test.run '^$' -test.bench "$bench" -test.cpu 1 -test.count 1 >>"$out"
done
go run golang.org/x/perf/cmd/benchstat@latest "$out"
