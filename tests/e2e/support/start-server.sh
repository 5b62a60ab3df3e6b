#!/usr/bin/env bash
# Playwright's webServer: builds the app, gives it a fresh demo database and serves it.
# With DATABASE_URL: a fresh PostgreSQL database `switchboard_e2e` on that server, seeded with
# `npm run db:seed`. Without: a fresh embedded data dir, which the app seeds on first start.
# E2E_SKIP_BUILD=1 reuses the last build (handy while writing tests).
set -euo pipefail
cd "$(dirname "$0")/../../.."

port="${E2E_PORT:-3210}"
# The default .next: a build into another folder makes Next add that folder to tsconfig.json's include.
export SWITCHBOARD_DATA_DIR="${SWITCHBOARD_DATA_DIR:-.data-e2e}"
export APP_URL="http://localhost:${port}"
export NODE_ENV=production

dist="${NEXT_DIST_DIR:-.next}"
if [[ "${E2E_SKIP_BUILD:-}" != "1" || ! -f "${dist}/BUILD_ID" ]]; then
  echo "[e2e] building into ${dist}"
  npx next build
fi

# Secrets (AUTH_SECRET, APP_SECRET_KEY) are kept in the data dir: a fresh one per run for both databases.
rm -rf "${SWITCHBOARD_DATA_DIR}"
mkdir -p "${SWITCHBOARD_DATA_DIR}"

if [[ -n "${DATABASE_URL:-}" ]]; then
  DATABASE_URL="$(npx tsx tests/e2e/support/reset-database.ts "${E2E_DATABASE:-switchboard_e2e}")"
  export DATABASE_URL
  echo "[e2e] seeding PostgreSQL database ${E2E_DATABASE:-switchboard_e2e}"
  npm run --silent db:seed >/dev/null
else
  echo "[e2e] embedded database in ${SWITCHBOARD_DATA_DIR}"
fi

# Replies and profile lookups go to local stand-ins that specs start (tests/e2e/support/provider-stand-ins.ts).
export MESSENGER_API_BASE="${MESSENGER_API_BASE:-http://localhost:3291}"
export TWILIO_API_BASE="${TWILIO_API_BASE:-http://localhost:3292}"

exec npx next start -p "${port}"
