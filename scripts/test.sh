#!/usr/bin/env bash
# `npm test`: every test — unit and integration (vitest), then the browser tests (Playwright in
# Debian's Chromium, installed here when missing, since CI starts on a fresh machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's Chromium for the browser tests…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The cluster's parts for the lease, handover and cluster tests (Redis, HAProxy; PostgreSQL below).
# Those tests install what is missing themselves too (scripts/cluster/packages.ts); doing it here
# first keeps apt's output out of the test run.
if ! command -v redis-server >/dev/null 2>&1 || ! { command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; }; then
  echo "Installing Debian's Redis and HAProxy for the cluster tests…"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server haproxy >/dev/null 2>&1 || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server haproxy >/dev/null 2>&1; } || true
fi

# A throwaway PostgreSQL on loopback for the DATABASE_URL test (tests/integration/postgres.test.ts),
# run as the postgres user (su as root, as CI runs; sudo otherwise), stopped with pg_ctl and its
# data directory removed when this script ends. Best effort: without it that test is skipped.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "Installing Debian's PostgreSQL for the DATABASE_URL test…"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql >/dev/null 2>&1; } || true
  fi
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)"
  if [ -n "$PGBIN" ]; then
    if [ "$(id -u)" = 0 ]; then AS_POSTGRES=(su postgres -c); else AS_POSTGRES=($SUDO -u postgres sh -c); fi
    PGDATA="$(mktemp -d)"
    trap '$SUDO rm -rf "$PGDATA"' EXIT
    PGPORT=$((20000 + RANDOM % 20000))
    if $SUDO chown postgres "$PGDATA" >/dev/null 2>&1 &&
       "${AS_POSTGRES[@]}" "$PGBIN/initdb -D $PGDATA -A trust -U downhill" >/dev/null 2>&1 &&
       "${AS_POSTGRES[@]}" "$PGBIN/pg_ctl -D $PGDATA -o '-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1' -w start" >/dev/null 2>&1; then
      trap '"${AS_POSTGRES[@]}" "$PGBIN/pg_ctl -D $PGDATA -m fast stop" >/dev/null 2>&1 || true; $SUDO rm -rf "$PGDATA"' EXIT
      export TEST_DATABASE_URL="postgresql://downhill@127.0.0.1:$PGPORT/postgres"
    fi
  fi
fi

npx tsc --noEmit -p .
npx eslint .
npx vitest run
npx next build
npx playwright test
