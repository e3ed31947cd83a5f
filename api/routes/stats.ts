// GET /api/stats: counts by kind and type, degree and betweenness
// centrality, and Louvain communities (see api/stats.ts).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { GraphStore } from "../../graph/store.js";
import { computeStats } from "../stats.js";
import { errors } from "../schemas/common.js";
import { StatsQuerySchema, StatsSchema } from "../schemas/graph.js";

/** Registers the statistics route. */
export async function statsRoutes(fastify: FastifyInstance, { store }: { store: GraphStore }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/stats", {
    schema: { tags: ["graph"], summary: "counts by kind and type, degree and betweenness centrality, communities", querystring: StatsQuerySchema, response: { 200: StatsSchema, ...errors() } },
  }, async (req) => computeStats(store, req.query.top));
}
