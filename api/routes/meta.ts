// GET /api/health (is the store answering) and GET /api/schema (the graph
// model the viewer learns kinds and types from).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { describeSchema } from "../../graph/schema.js";
import type { GraphStore } from "../../graph/store.js";
import { scrub } from "../plugins/errors.js";
import { errors, NoQuerySchema } from "../schemas/common.js";
import { HealthSchema, SchemaDescriptionSchema } from "../schemas/graph.js";

/** Registers the health and schema routes. */
export async function metaRoutes(fastify: FastifyInstance, { store, version }: { store: GraphStore; version: string }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/health", {
    schema: { querystring: NoQuerySchema, tags: ["meta"], summary: "whether the API and its store answer", response: { 200: HealthSchema, ...errors() } },
  }, async () => {
    const health = await store.health();
    // The memory store's detail is a file path: not for clients.
    const detail = health.store === "memory" ? undefined : health.detail && scrub(health.detail);
    return { status: health.ok ? ("ok" as const) : ("degraded" as const), store: { store: health.store, ok: health.ok, detail, version: health.version }, version };
  });
  app.get("/api/schema", {
    schema: { querystring: NoQuerySchema, tags: ["meta"], summary: "the graph model: labels, kinds, relationship types and their endpoints", response: { 200: SchemaDescriptionSchema, ...errors() } },
  }, async () => describeSchema());
}
