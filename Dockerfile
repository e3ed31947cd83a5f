# The unionties API and viewer. Build: docker build -t unionties .
# (docker-compose.yml builds and runs it next to Neo4j.)

# 1. Build the viewer with the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:viz

# 2. Runtime: production dependencies (tsx runs the TypeScript), sources, seeds, built viewer.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY cli ./cli
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY seeds ./seeds
COPY --from=build /app/viz/dist ./viz/dist
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "bin/unionties.js", "start", "--host", "0.0.0.0", "--port", "3000", "--no-build"]
