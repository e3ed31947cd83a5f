// GET /api/relationships/:id (one relationship with its evidence) and
// PATCH /api/relationships/:id (a reviewer's decision, recorded with the
// key's name and the time, kept across re-ingests by the store).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../../graph/errors.js";
import type { GraphStore } from "../../graph/store.js";
import type { Review } from "../../graph/types.js";
import { HttpError } from "../plugins/errors.js";
import { writeLimit, type RateLimitOptions } from "../plugins/security.js";
import { errors, NoQuerySchema, RelationshipSchema } from "../schemas/common.js";
import { RelationshipParamsSchema, ReviewBodySchema } from "../schemas/relationships.js";

/** Registers the relationship routes. */
export async function relationshipRoutes(fastify: FastifyInstance, opts: { store: GraphStore; rateLimit: RateLimitOptions | false }): Promise<void> {
  const { store } = opts;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/relationships/:id", {
    schema: { tags: ["relationships"], summary: "one relationship with its evidence", params: RelationshipParamsSchema, querystring: NoQuerySchema, response: { 200: RelationshipSchema, ...errors(404) } },
  }, async (req) => {
    const found = await store.getRelationship(req.params.id);
    if (!found) throw new NotFoundError("relationship", req.params.id);
    return found;
  });
  app.patch("/api/relationships/:id", {
    config: { role: "reviewer", ...writeLimit(opts.rateLimit) },
    schema: {
      tags: ["relationships"],
      summary: "review a relationship: accept, reject or correct (reviewer role)",
      security: [{ bearer: [] }],
      params: RelationshipParamsSchema,
      querystring: NoQuerySchema,
      body: ReviewBodySchema,
      response: { 200: RelationshipSchema, ...errors(401, 403, 404, 413, 415) },
    },
  }, async (req) => {
    const { decision, note, changes } = req.body;
    if (decision === "correct" && !changes) throw new HttpError(400, "decision 'correct' needs changes (polarity, strength, role, since or until)");
    if (decision !== "correct" && changes) throw new HttpError(400, `changes are only allowed with decision 'correct', not '${decision}'`);
    const review: Review = { decision, by: req.apiKey!.name, at: new Date().toISOString() };
    if (note !== undefined) review.note = note;
    if (changes) review.changes = changes;
    return store.reviewRelationship(req.params.id, review);
  });
}
