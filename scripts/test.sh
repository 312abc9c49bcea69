#!/usr/bin/env bash
# The whole test suite: provisions PostgreSQL (scripts/pg.sh) unless ConnectionStrings__Postgres is
# given, builds in Release with warnings as errors, runs every test project, and ends with the line
# "N passed, N failed[, N skipped]". Extra arguments go to `dotnet test` (e.g. --filter ...).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=pg.sh
source scripts/pg.sh
started_here=0
pg_start || { echo "0 passed, 1 failed"; exit 1; }
# Stop only a cluster this run started, never one it reused (a running demo, another test run).
if [ "${NAVUSOFTSYNC_PG_STARTED:-0}" = 1 ]; then started_here=1; fi
# The IMAP/CalDAV tests run against real Dovecot and Radicale (scripts/mailservers.sh: installed with
# apt-get when missing, throwaway configuration, stopped afterwards unless they were already running).
# shellcheck source=mailservers.sh
source scripts/mailservers.sh
mail_started_here=0
if mail_start; then
  if [ "${NAVUSOFTSYNC_MAIL_STARTED:-0}" = 1 ]; then mail_started_here=1; fi
else
  echo "Dovecot/Radicale could not be started: the IMAP and CalDAV tests will fail with that reason."
fi
cleanup() {
  if [ "$started_here" = 1 ]; then pg_stop 2>/dev/null; started_here=0; fi
  if [ "$mail_started_here" = 1 ]; then mail_stop 2>/dev/null; mail_started_here=0; fi
}
trap cleanup EXIT

mkdir -p artifacts
log="artifacts/test-output.log"

# The browser tests (tests/Ui.BrowserTests) drive the system Chromium headless (never a downloaded
# one): find it, install it when missing and we are root with apt-get, and tell the tests where it is.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  find_chromium() {
    local candidate
    for candidate in /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
      if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
    done
    return 1
  }
  CHROMIUM_PATH="$(find_chromium || true)"
  if [ -z "$CHROMIUM_PATH" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install -y chromium, log: artifacts/chromium-install.log)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) > artifacts/chromium-install.log 2>&1 \
      || echo "Chromium could not be installed (artifacts/chromium-install.log): the browser tests will be skipped with that reason."
    CHROMIUM_PATH="$(find_chromium || true)"
  fi
  if [ -n "$CHROMIUM_PATH" ]; then export CHROMIUM_PATH; else unset CHROMIUM_PATH; fi
fi
dotnet build NavusoftSync.sln -c Release 2>&1 | tee artifacts/build-output.log | grep -E 'error|Warn|warn|Build succeeded' | grep -v '^\s*0 ' | tail -n 40
if [ "${PIPESTATUS[0]}" != 0 ]; then
  echo "The build failed (artifacts/build-output.log)."
  cleanup
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test NavusoftSync.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p, f, s}')
read -r passed failed skipped <<<"${summary:-0 0 0}"
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi # a crashed test host or a runner error
cleanup # before the summary, which must be the last line
if [ "$skipped" != 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" = 0 ]
