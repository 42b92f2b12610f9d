# syntax=docker/dockerfile:1
# Archive Bot. Two stages: `deps` has the compilers sqlite3's native module needs and installs the production
# dependencies only; `runtime` gets those and the sources, no compilers, and runs as the unprivileged `node` user.
# The TypeScript runs through tsx (a production dependency), as `npm start` does.
#
#   docker build -t archive-bot .
#   docker run --init --env-file .env -v archive-bot-data:/data archive-bot
#
# State and caches live in the /data volume; mount the full blog export read-only and point ARCHIVE_DIR at it
# (default: the seed files shipped in the image). See README "Running it for real".

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    ARCHIVE_DIR=/app/seeds \
    HEALTH_PORT=9464
WORKDIR /app
# Code and dependencies stay owned by root: the bot can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY seeds ./seeds
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# /healthz and /metrics; bound to 127.0.0.1 inside the container unless HEALTH_HOST=0.0.0.0 (compose.yaml sets it).
EXPOSE 9464
# The first start on the full archive builds the index caches (about a minute): hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is the main process, so SIGTERM from `docker stop` reaches the bot's own shutdown handler.
CMD ["node", "--import", "tsx", "src/main.ts"]
