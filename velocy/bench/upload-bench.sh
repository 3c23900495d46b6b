#!/usr/bin/env bash
# upload-bench.sh: one large upload (1 GiB by default) sent by curl -F to
# cmd/uploads, through velocy/upload's Save ("upload") and through io.Copy
# of the raw body into a file ("copy", the floor: the same bytes received
# and written, nothing parsed). For each: the throughput curl measures, and
# the server's peak resident memory (VmHWM in /proc/PID/status) after the
# upload. The bars: upload's peak RSS <= 64 MB, its throughput >= 0.9x copy.
#
#   ./upload-bench.sh                  # 1 GiB, 9 rounds, server on CPU 0, curl on CPU 1
#   ./upload-bench.sh -nopin           # the scheduler places server and curl
#   SIZE_MB=256 ./upload-bench.sh -rounds 5
#
# The generated file and everything uploaded live in a temporary directory,
# removed at exit; each server removes what it stored once it answers.
# By default (when taskset exists and there are two CPUs or more) the
# server runs on CPU 0 alone and curl on CPU 1, as load.sh pins its server
# and wrk: what is measured is the server, not how the scheduler shares
# two cores between it and its client. With -nopin the scheduler places
# both; on a two-core machine curl then takes turns with the server on its
# core, and the ratio moves by more than the difference being measured
# (0.74 to 0.94 in three runs of nine rounds, against 1.00 and 1.07
# pinned).
#
# The kernel's share of the work (receiving, writing into the page cache)
# is most of each upload's CPU time and varies from round to round, so the
# rounds alternate the two handlers and the ratio is the median of the
# per-round ratios of nine rounds.
set -euo pipefail
cd "$(dirname "$0")"

rounds=9 port=18092 pin=1
while [ $# -gt 0 ]; do
	case "$1" in
	-pin) pin=1; shift ;;
	-nopin) pin=0; shift ;;
	-rounds) rounds=$2; shift 2 ;;
	-port) port=$2; shift 2 ;;
	*) echo "usage: SIZE_MB=1024 $0 [-rounds 9] [-port 18092] [-nopin]" >&2; exit 2 ;;
	esac
done
size_mb=${SIZE_MB:-1024}

work=$(mktemp -d)
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/uploads" ./cmd/uploads
mkdir "$work/dst"
head -c "$((size_mb << 20))" /dev/urandom >"$work/src.bin"

pin0=() pin1=()
if [ "$pin" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	pin0=(taskset -c 0) pin1=(taskset -c 1)
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs; upload of $size_mb MiB, $rounds rounds, pinned: $pin"
hs=(copy upload)
for h in "${hs[@]}"; do : >"$work/$h.mbs"; : >"$work/$h.rss"; done
# Round 0 is a warm-up, not counted: the first upload after generating the
# file runs while the kernel is still writing it back.
for round in $(seq 0 "$rounds"); do
	k=$(( (round + 1) % 2 ))
	for h in "${hs[@]:k}" "${hs[@]:0:k}"; do
		sync; sleep 2 # no writeback or freeing of an earlier run in this one's time
		"${pin0[@]}" "$work/uploads" -addr "127.0.0.1:$port" -dir "$work/dst" -handler "$h" 2>/dev/null &
		server_pid=$!
		for _ in $(seq 50); do
			if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
			sleep 0.1
		done
		stats=$("${pin1[@]}" curl -s -o "$work/resp" -w '%{size_upload} %{time_total}' \
			-F "file=@$work/src.bin;type=application/octet-stream" "http://127.0.0.1:$port/upload")
		hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status") # kB
		# CPU seconds the server used (user + system), steadier than the
		# wall time on a shared machine.
		cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat")
		kill "$server_pid"
		wait "$server_pid" 2>/dev/null || true
		server_pid=""
		got=$(cat "$work/resp")
		# copy counts the whole multipart body, upload the file's bytes.
		if [ "$h" = upload ] && [ "$got" != "$((size_mb << 20))" ]; then
			echo "round $round  $h  FAILED: answered $got" >&2
			exit 1
		fi
		read -r up secs <<<"$stats"
		mbs=$(awk -v b="$up" -v s="$secs" 'BEGIN { printf "%.1f", b / s / 1e6 }')
		rss=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')
		note=""; if [ "$round" = 0 ]; then note=" (warm-up)"; fi
		echo "round $round$note  $h  $mbs MB/s  ($secs s, server CPU $cpu s)  peak RSS $rss MiB"
		if [ "$round" = 0 ]; then continue; fi
		echo "$mbs" >>"$work/$h.mbs"
		echo "$rss" >>"$work/$h.rss"
		echo "$cpu" >>"$work/$h.cpu"
		if [ -n "$(ls -A "$work/dst")" ]; then echo "  left in the destination: $(ls "$work/dst")" >&2; fi
	done
done
c=$(median <"$work/copy.mbs") u=$(median <"$work/upload.mbs")
ratio=$(paste "$work/upload.mbs" "$work/copy.mbs" | awk '{ print $1 / $2 }' | median)
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v c="$c" -v u="$u" -v r="$ratio" -v cr="$(median <"$work/copy.rss")" -v ur="$(sort -g "$work/upload.rss" | tail -1)" \
	-v ccpu="$(median <"$work/copy.cpu")" -v ucpu="$(median <"$work/upload.cpu")" 'BEGIN {
	printf "median: copy %.1f MB/s, upload %.1f MB/s, upload/copy = %.3f; median of per-round ratios = %.3f (bar: >= 0.9)\n", c, u, u / c, r
	printf "server CPU seconds per upload (median): copy %s, upload %s\n", ccpu, ucpu
	printf "peak RSS: copy %.1f MiB (median), upload %.1f MiB (highest of the rounds; bar: <= 64 MB)\n", cr, ur
}'
