// Serves the built viewer (viz/dist) at / with @fastify/static. When the
// viewer is not built, / answers a short page saying how to build it.
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import { join } from "node:path";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>unionties</title></head>
<body><h1>unionties</h1><p>The viewer is not built yet. Run <code>npm run build:viz</code>, then reload.</p>
<p>The API is at <a href="/api/health">/api/health</a>; its documentation at <a href="/docs">/docs</a>.</p></body></html>`;

/** Registers the viewer's files, or the "not built" page, at /. */
export async function registerViewer(app: FastifyInstance, viewerDir: string): Promise<void> {
  if (existsSync(join(viewerDir, "index.html"))) {
    await app.register(fastifyStatic, { root: viewerDir, prefix: "/", index: ["index.html"], wildcard: true, schemaHide: true });
    return;
  }
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.type("text/html; charset=utf-8").send(NOT_BUILT));
}
