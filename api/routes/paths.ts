// GET /api/paths/shortest: the shortest path(s) between two nodes, every hop
// with its relationship and evidence. 404 for an unknown id, 200 with
// `paths: []` when no path exists within maxHops.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../../graph/errors.js";
import type { RelType } from "../../graph/schema.js";
import type { GraphStore } from "../../graph/store.js";
import { errors, list } from "../schemas/common.js";
import { ShortestPathQuerySchema, ShortestPathResultSchema } from "../schemas/graph.js";

/** Registers the shortest-path route. */
export async function pathRoutes(fastify: FastifyInstance, { store }: { store: GraphStore }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/paths/shortest", {
    schema: { tags: ["paths"], summary: "shortest path(s) between two nodes, hop by hop with evidence", querystring: ShortestPathQuerySchema, response: { 200: ShortestPathResultSchema, ...errors(404, 504) } },
  }, async (req) => {
    const { from, to, types, all, maxHops, limit, includeAbsent } = req.query;
    const paths = await store.shortestPaths(from, to, { types: list<RelType>(types), all, maxHops, limit, includeAbsent });
    if (!paths) {
      const known = await store.getNodes([from, to]);
      throw new NotFoundError("node", known.some((n) => n.id === from) ? to : from);
    }
    return { from, to, paths };
  });
}
