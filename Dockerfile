# CAM Console: a production image. Build with `docker build -t cam-console .`
# Stages: install dependencies, build the console, then a slim runtime that
# runs as an unprivileged user. Settings and secrets come from the environment
# or mounted files (see .env.example and deploy/README.md); none are baked in.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 and argon2 ship prebuilt binaries; the toolchain covers the rest.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
RUN groupadd --system cam && useradd --system --gid cam --home-dir /app cam
# The CLI (migrations, seeding, pipelines, backups) runs from the TypeScript sources through tsx.
COPY --from=build --chown=cam:cam /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.ts ./
COPY --from=build --chown=cam:cam /app/node_modules ./node_modules
COPY --from=build --chown=cam:cam /app/.next ./.next
COPY --from=build --chown=cam:cam /app/public ./public
COPY --from=build --chown=cam:cam /app/app ./app
COPY --from=build --chown=cam:cam /app/bin ./bin
COPY --from=build --chown=cam:cam /app/lib ./lib
COPY --from=build --chown=cam:cam /app/components ./components
COPY --from=build --chown=cam:cam /app/prisma ./prisma
COPY --from=build --chown=cam:cam /app/health_docs ./health_docs
# The retrieval store is mounted at /app/rag_store (or baked in by a derived image);
# /app/data holds the SQLite database and key file when no PostgreSQL is configured.
RUN mkdir -p /app/data /app/rag_store && chown cam:cam /app/data /app/rag_store
USER cam
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations are safe to run from several instances at once; seeding only fills what is missing.
CMD ["sh", "-c", "node --conditions=react-server bin/cam.mjs db migrate && node --conditions=react-server bin/cam.mjs db seed && exec node_modules/.bin/next start -p \"$PORT\""]
