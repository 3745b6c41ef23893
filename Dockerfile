# syntax=docker/dockerfile:1
# Build: compile TypeScript with swc, then keep only production dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY .swcrc tsconfig.json ./
COPY apps apps
COPY libs libs
COPY config config
COPY examples examples
RUN npm run build && npm prune --omit=dev

# Run: one image for every part; the command picks the part (all-in-one, storefront-api, backoffice-api, worker, cli).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY bin bin
COPY package.json ./
USER node
EXPOSE 3000 3001 3002
# --max-semi-space-size=8 (as `npm start`): half of V8's default young generation, about 15 MB less memory per
# process at no measured cost to start-up (see the footprint benchmark in the README).
ENTRYPOINT ["node", "--max-semi-space-size=8", "bin/run.js"]
CMD ["all-in-one"]
