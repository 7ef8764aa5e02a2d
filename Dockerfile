# Production image: compiled service, embedded database under /data unless DATABASE_URL is set.
# The Node version is the one the project runs and tests on (the `node` devDependency, CI): 24. A test
# (tests/ci/docker-files.test.ts) fails when the two differ.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24.21.0-bookworm-slim
# Signed-in flows (flows/user-profile.yaml) need SUPABASE_JWT_SECRET or SUPABASE_JWKS_URL in production.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY flows ./flows
COPY locales ./locales
COPY supabase ./supabase
RUN mkdir -p /data && chown node:node /data
# Not root: the image's own unprivileged user, owner of /data only.
USER node
VOLUME ["/data"]
EXPOSE 3000
# Healthy when /ready answers 200: the database answers and every migration is applied (the image has no curl;
# Node's fetch asks). /health, the process alone, is for a liveness probe that must not restart on a database outage.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/server.js"]
