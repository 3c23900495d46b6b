#!/usr/bin/env bash
# load-files.sh: static files under load (cmd/files): http.FileServer,
# velocy/static, and velocy/static behind velocy/middleware's RequestID and
# Recover (static-mw), for a 1 KiB, a 64 KiB and a 10 MiB file, with
# load.sh (wrk on loopback, server pinned to one core, rounds interleaved).
# fileserver2 is http.FileServer again, an A/A control: its ratio to
# fileserver is the noise of the machine. The bar: static >= 0.95x
# fileserver.
#
# First it shows that each handler sends the files with sendfile(2): the
# server runs once under `strace -f -e trace=sendfile` (when strace is
# installed) and answers one GET of each file.
#
#   ./load-files.sh                     # 3 rounds of 10 s per size
#   ./load-files.sh -rounds 5 -d 5s     # any option of load.sh
#   SIZES="64k" ./load-files.sh
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/data"
declare -A bytes=([1k]=1024 [64k]=65536 [10m]=10485760)
sizes=${SIZES:-1k 64k 10m}
for s in $sizes; do head -c "${bytes[$s]}" /dev/urandom >"$work/data/f$s.bin"; done

port=18091
if command -v strace >/dev/null && command -v curl >/dev/null; then
	go build -o "$work/files" ./cmd/files
	for h in fileserver static static-mw; do
		strace -f -qq -e trace=sendfile -o "$work/strace.$h" \
			"$work/files" -addr "127.0.0.1:$port" -dir "$work/data" -handler "$h" 2>/dev/null &
		tracer=$!
		for _ in $(seq 50); do
			if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
			sleep 0.1
		done
		for s in $sizes; do curl -s -o /dev/null "http://127.0.0.1:$port/static/f$s.bin"; done
		server_pid=$(pgrep -P "$tracer" || true) # the server, strace's child
		if [ -n "$server_pid" ]; then kill "$server_pid"; fi
		wait "$tracer" 2>/dev/null || true
		server_pid=""
		calls=$(grep -c 'sendfile(' "$work/strace.$h" || true)
		sent=$(grep 'sendfile(' "$work/strace.$h" | awk -F'= ' '$NF+0 > 0 { n += $NF } END { print n+0 }')
		echo "sendfile: $h made $calls sendfile calls for $(echo $sizes | wc -w) GETs, $sent bytes"
	done
else
	echo "sendfile: strace or curl not installed, not checked"
fi

for s in $sizes; do
	echo
	echo "== f$s.bin (${bytes[$s]} bytes)"
	./load.sh -cmd files -serverargs "-dir $work/data" -handlers "fileserver static static-mw fileserver2" \
		-path "/static/f$s.bin" -warmup 2s -bar 0.95 "$@"
done
