#!/usr/bin/env bash
# Playwright's webServer: builds the app, gives it a fresh demo database and serves it with the
# standalone server (`output: "standalone"`), exactly what the Dockerfile ships.
# With DATABASE_URL: a fresh PostgreSQL database `switchboard_e2e` on that server, seeded with
# `npm run db:seed`, and AUTH_SECRET/APP_SECRET_KEY set (production refuses to start on PostgreSQL
# without them). Without: a fresh embedded data dir, seeded on first start because SEED_DEMO=1
# (a production server never seeds by itself).
# E2E_SKIP_BUILD=1 reuses the last build (handy while writing tests). The server's output goes to
# E2E_SERVER_LOG (default test-results/e2e-server.log), which the suite's teardown checks for
# leaked secrets and message texts (tests/e2e/support/check-server-logs.ts).
set -euo pipefail
cd "$(dirname "$0")/../../.."

port="${E2E_PORT:-3210}"
# The default .next: a build into another folder makes Next add that folder to tsconfig.json's include.
# Absolute: the standalone server runs from its own folder.
export SWITCHBOARD_DATA_DIR="$(pwd)/${SWITCHBOARD_DATA_DIR:-.data-e2e}"
export APP_URL="http://localhost:${port}"
export NODE_ENV=production

dist="${NEXT_DIST_DIR:-.next}"
if [[ "${E2E_SKIP_BUILD:-}" != "1" || ! -f "${dist}/BUILD_ID" ]]; then
  echo "[e2e] building into ${dist}"
  npx next build
fi
# The standalone server serves static files and public/ only from its own folder (Next's docs).
standalone="${dist}/standalone"
rm -rf "${standalone:?}/${dist}/static" "${standalone:?}/public"
cp -r "${dist}/static" "${standalone}/${dist}/static"
cp -r public "${standalone}/public"

# Secrets (AUTH_SECRET, APP_SECRET_KEY) are kept in the data dir: a fresh one per run for both databases.
rm -rf "${SWITCHBOARD_DATA_DIR}"
mkdir -p "${SWITCHBOARD_DATA_DIR}"

if [[ -n "${DATABASE_URL:-}" ]]; then
  # Kept in the data dir too, where a second instance of the suite (app-instance.ts) reads them.
  AUTH_SECRET="$(openssl rand -base64 32)"
  APP_SECRET_KEY="$(openssl rand -hex 32)"
  printf '%s' "${AUTH_SECRET}" >"${SWITCHBOARD_DATA_DIR}/auth-secret"
  printf '%s' "${APP_SECRET_KEY}" >"${SWITCHBOARD_DATA_DIR}/app-secret-key"
  export AUTH_SECRET APP_SECRET_KEY
  DATABASE_URL="$(npx tsx tests/e2e/support/reset-database.ts "${E2E_DATABASE:-switchboard_e2e}")"
  export DATABASE_URL
  echo "[e2e] seeding PostgreSQL database ${E2E_DATABASE:-switchboard_e2e}"
  npm run --silent db:seed >/dev/null
else
  echo "[e2e] embedded database in ${SWITCHBOARD_DATA_DIR}"
  export SEED_DEMO=1
fi

# Replies and profile lookups go to local stand-ins that specs start (tests/stand-ins/meta.ts, twilio.ts).
export MESSENGER_API_BASE="${MESSENGER_API_BASE:-http://localhost:3291}"
export TWILIO_API_BASE="${TWILIO_API_BASE:-http://localhost:3292}"
# The Content API (WhatsApp templates) is answered by the same Twilio stand-in.
export TWILIO_CONTENT_API_BASE="${TWILIO_CONTENT_API_BASE:-${TWILIO_API_BASE}}"
# The notifications spec subscribes a browser whose push service is `push.invalid` (never reached).
export PUSH_SERVICE_HOSTS="${PUSH_SERVICE_HOSTS:-push.invalid}"

log="${E2E_SERVER_LOG:-test-results/e2e-server.log}"
mkdir -p "$(dirname "${log}")"
: >"${log}"
echo "[e2e] standalone server on port ${port}, output in ${log}"
export PORT="${port}" HOSTNAME=0.0.0.0
exec node "${standalone}/server.js" >>"${log}" 2>&1
