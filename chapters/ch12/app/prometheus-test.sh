#!/usr/bin/env bash
# A real Prometheus server scrapes chapter 12's example app.
#
# Installs the Debian package prometheus if the prometheus command is
# missing (and fails, not skips, if that is impossible), then runs two
# tests with LEARN_PROMTOOL and LEARN_PROMETHEUS set to the binaries:
#
#   TestPromtoolChecksPage  the app's /metrics page through
#                           promtool check metrics: any complaint fails;
#   TestPrometheusScrapes   the app on 127.0.0.1 (free ports) and a
#                           Prometheus of its own on a free 127.0.0.1 port
#                           with a temporary database, scraping the app's
#                           admin /metrics every second; after some requests
#                           to the app, it queries Prometheus's HTTP API
#                           until http_requests_total is recorded by route
#                           template with the right labels and
#                           up{job="app"} is 1 (60 s at most).
#
# Everything it starts runs in a process group of its own, killed on exit,
# and its temporary files live in one directory, removed on exit. Extra
# arguments go to go test, for example: ./prometheus-test.sh -race
set -euo pipefail
cd "$(dirname "$0")"

say() { echo "prometheus-test.sh: $*" >&2; }

if ! command -v prometheus >/dev/null 2>&1; then
	say "installing prometheus (Debian package prometheus)"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! sudo -n true 2>/dev/null; then
			say "prometheus is missing and installing it needs root or password-less sudo"
			exit 1
		fi
		sudo="sudo"
	fi
	# The package may start a Prometheus service on install (where no
	# policy-rc.d forbids it), listening on every interface: note the
	# servers running before, so that only the one the install started is
	# stopped, by its process id.
	before=" $(pgrep -x prometheus | tr '\n' ' ' || true) "
	systemd_before=inactive
	if [ -d /run/systemd/system ] && systemctl is-active --quiet prometheus 2>/dev/null; then
		systemd_before=active
	fi
	export DEBIAN_FRONTEND=noninteractive
	# Another job may hold apt's lock (installing promtool, the same
	# package): wait for it rather than fail.
	install() {
		$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends prometheus >/dev/null
	}
	if ! install 2>/dev/null; then
		# A stale package list, most often: update it and try again.
		if ! { $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null && install; }; then
			say "FAILED: could not install the Debian package prometheus (see apt-get's message above)"
			exit 1
		fi
	fi
	if [ -d /run/systemd/system ] && [ "$systemd_before" = inactive ] \
		&& systemctl is-active --quiet prometheus 2>/dev/null; then
		say "stopping and disabling the prometheus service the install started"
		$sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
	fi
	for pid in $(pgrep -x prometheus || true); do
		case "$before" in
		*" $pid "*) ;; # running before the install: not ours to stop
		*) say "stopping the prometheus server the install started (pid $pid)"
			$sudo kill "$pid" 2>/dev/null || true ;;
		esac
	done
fi
for cmd in prometheus promtool; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		say "FAILED: no $cmd command (the Debian package prometheus provides it)"
		exit 1
	fi
done
bin=$(command -v prometheus)
say "$("$bin" --version 2>&1 | head -1)"

workdir=$(mktemp -d)
pgid=""
cleanup() {
	if [ -n "$pgid" ]; then
		kill -TERM -- "-$pgid" 2>/dev/null || true
		wait "$pgid" 2>/dev/null || true
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# go test, the test binary and the Prometheus it starts share a process
# group of their own (job control gives a background job one), so that
# cleanup can end them all, should the test be interrupted or die.
set -m
LEARN_PROMETHEUS="$bin" LEARN_PROMTOOL="$(command -v promtool)" TMPDIR="$workdir" \
	go test -count=1 -run '^(TestPrometheusScrapes|TestPromtoolChecksPage)$' -v "$@" . &
pgid=$!
set +m
status=0
wait "$pgid" || status=$?
pgid=""
if [ "$status" -ne 0 ]; then
	say "FAILED (exit status $status)"
fi
exit "$status"
