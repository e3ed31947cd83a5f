// GET /api/boomerang?state=JP or ?org=ijuren: complete and broken boomerang
// chains (graph/algorithms/boomerang.ts), each leg with its evidence.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { analyzeBoomerang } from "../../graph/algorithms/boomerang.js";
import type { GraphStore } from "../../graph/store.js";
import { HttpError } from "../plugins/errors.js";
import { BoomerangQuerySchema, BoomerangResultSchema } from "../schemas/boomerang.js";
import { errors } from "../schemas/common.js";

/** Registers the boomerang route. */
export async function boomerangRoutes(fastify: FastifyInstance, { store }: { store: GraphStore }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/boomerang", {
    schema: {
      tags: ["analysis"],
      summary: "boomerang chains (Keck and Sikkink) for a state or one organisation, complete and broken, with evidence per leg",
      querystring: BoomerangQuerySchema,
      response: { 200: BoomerangResultSchema, ...errors(404, 504) },
    },
  }, async (req) => {
    const { state, org, ...options } = req.query;
    if (!state && !org) throw new HttpError(400, "give a state (?state=JP) or an organisation (?org=ijuren)");
    return analyzeBoomerang(store, { state, org }, options);
  });
}
