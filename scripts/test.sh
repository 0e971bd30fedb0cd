#!/usr/bin/env bash
# `npm test`: every test — unit and integration (vitest), then the browser tests (Playwright in
# Debian's Chromium, installed here when missing, since CI starts on a fresh machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's Chromium for the browser tests…"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

npx tsc --noEmit -p .
npx eslint .
npx vitest run
npx next build
npx playwright test
