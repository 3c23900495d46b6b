#!/usr/bin/env bash
# load-mw.sh: the middleware stack under load (cmd/stack): a bare net/http
# handler, a velocy Router, and the Router behind RequestID, AccessLog (to a
# file through logtar's async slog handler) and Recover, each in a fresh
# server with the same handler body, the same wrk connections and threads,
# and a warm-up run before the measured one. Two variants of the stack tell
# the middleware's cost from the log's: stack-nolog (a logger never
# enabled) and stack-slogjson (log/slog's JSONHandler to a file instead of
# logtar). The bar: stack >= 0.85x bare.
#
#   ./load-mw.sh                   # 3 rounds of 10s, 64 connections, 2s warm-up
#   ./load-mw.sh -rounds 5 -d 5s   # any option of load.sh
exec "$(dirname "$0")/load.sh" -cmd stack -handlers "bare velocy stack stack-nolog stack-slogjson" -warmup 2s -bar 0.85 "$@"
