# syntax=docker/dockerfile:1
# Switchboard: the app image (Next's standalone server) and the worker image (`npm run worker`).
#   docker build --target app -t switchboard-app .
#   docker build --target worker -t switchboard-worker .
# compose.yaml builds both. Docker could not run where this was written; see README "Deploying".

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build

# The worker runs the TypeScript job handlers through tsx, so it keeps the sources and node_modules.
FROM ${NODE_IMAGE} AS worker
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 SWITCHBOARD_DATA_DIR=/data
RUN groupadd --system --gid 1001 switchboard \
 && useradd --system --uid 1001 --gid switchboard --home-dir /app switchboard \
 && mkdir /data && chown switchboard:switchboard /data
COPY --from=build --chown=switchboard:switchboard /app ./
RUN rm -rf .next/cache
USER switchboard
# SIGTERM: stop claiming, finish or hand back jobs, exit within 10 s (SPEC §15).
STOPSIGNAL SIGTERM
HEALTHCHECK NONE
CMD ["node_modules/.bin/tsx", "--tsconfig", "scripts/tsconfig.json", "scripts/worker.ts"]

# The app: only the standalone output (server.js, traced node_modules, migrations) plus the
# static files and public/ it serves, which Next leaves out of the standalone folder.
FROM ${NODE_IMAGE} AS app
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 SWITCHBOARD_DATA_DIR=/data
RUN groupadd --system --gid 1001 switchboard \
 && useradd --system --uid 1001 --gid switchboard --home-dir /app switchboard \
 && mkdir /data && chown switchboard:switchboard /data
COPY --from=build --chown=switchboard:switchboard /app/.next/standalone ./
COPY --from=build --chown=switchboard:switchboard /app/.next/static ./.next/static
COPY --from=build --chown=switchboard:switchboard /app/public ./public
USER switchboard
EXPOSE 3000
VOLUME ["/data"]
STOPSIGNAL SIGTERM
# Readiness (SPEC §15): the database answers, migrations are applied, the worker runs, no stale job.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
