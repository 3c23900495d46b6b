#!/usr/bin/env bash
# Runs velocy/metrics' interop module: installs promtool (Debian package
# prometheus) if it is missing, then
#   go vet ./... && go test -count=1 ./... && go test -run X -bench . -benchtime 1x ./...
# with LEARN_REQUIRE_PROMTOOL=1, so that the promtool test fails instead of
# skipping when promtool is still missing. Extra arguments go to the go
# test of the tests, for example: ./run-tests.sh -race -run Same
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v promtool >/dev/null 2>&1; then
	echo "run-tests.sh: installing promtool (Debian package prometheus)" >&2
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! sudo -n true 2>/dev/null; then
			echo "run-tests.sh: promtool is missing and installing it needs root or password-less sudo" >&2
			exit 1
		fi
		sudo="sudo"
	fi
	# The package may start a Prometheus server on install (where no
	# policy-rc.d forbids it): note the servers running before, so that
	# only the one the install started is stopped.
	before=" $(pgrep -x prometheus | tr '\n' ' ' || true) "
	export DEBIAN_FRONTEND=noninteractive
	install() { $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
	if ! install 2>/dev/null; then
		$sudo apt-get update -qq >/dev/null # a stale package list
		install
	fi
	if [ -d /run/systemd/system ] && systemctl is-active --quiet prometheus 2>/dev/null \
		&& [ "$before" = "  " ]; then
		$sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
	fi
	for pid in $(pgrep -x prometheus || true); do
		case "$before" in
		*" $pid "*) ;; # running before the install: not ours to stop
		*) echo "run-tests.sh: stopping the prometheus server the install started (pid $pid)" >&2
			$sudo kill "$pid" 2>/dev/null || true ;;
		esac
	done
	command -v promtool >/dev/null 2>&1 || { echo "run-tests.sh: no promtool after the install" >&2; exit 1; }
fi
echo "run-tests.sh: $(promtool --version 2>&1 | head -1)" >&2

export LEARN_REQUIRE_PROMTOOL=1
go vet ./...
go test -count=1 "$@" ./...
go test -run X -bench . -benchtime 1x ./...
