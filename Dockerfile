# One image for the api and worker services (docker-compose.yml picks the command; the worker
# supervises the flow runtime, starting as root only to run it as its own user, FLOW_RUNTIME_USER).
# ffmpeg/ffprobe for videos come in node_modules (@ffmpeg-installer, @ffprobe-installer).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY flow-runtime/package.json flow-runtime/
COPY rule-nodes/package.json rule-nodes/
COPY web/package.json web/
COPY templates/package.json templates/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/backend/package.json backend/
COPY --from=build /app/backend/dist backend/dist
COPY --from=build /app/flow-runtime/package.json flow-runtime/
COPY --from=build /app/flow-runtime/dist flow-runtime/dist
COPY --from=build /app/rule-nodes rule-nodes
COPY --from=build /app/templates templates
COPY --from=build /app/web/dist web/dist
USER node
EXPOSE 3000
CMD ["node", "backend/dist/main.js"]
