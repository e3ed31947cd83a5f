// Node routes: search, one node with its relationships and evidence, and its
// neighbourhood, for each label (/api/organizations, /api/events,
// /api/agreements, /api/people) and for any node (/api/nodes).
import { Type, type TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../../graph/errors.js";
import { KINDS_BY_LABEL, type NodeKind, type NodeLabel, type RelType } from "../../graph/schema.js";
import type { GraphStore } from "../../graph/store.js";
import { CountrySchema, enumOf, errors, IdParamsSchema, NoQuerySchema, list, MAX_LIMIT, MAX_QUERY_LENGTH, NodeDetailSchema, SubgraphSchema } from "../schemas/common.js";
import { NeighbourhoodQuerySchema, NodeSearchQuerySchema, SearchResultSchema } from "../schemas/nodes.js";

/** URL segment → label for the per-label routes. */
export const LABEL_ROUTES: ReadonlyArray<[string, NodeLabel]> = [
  ["organizations", "Organization"],
  ["events", "Event"],
  ["agreements", "Agreement"],
  ["people", "Person"],
];

function labelSearchSchema(label: NodeLabel) {
  return Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH, description: "name, alias or id; case and accent insensitive" })),
      kind: Type.Optional(enumOf<NodeKind>(KINDS_BY_LABEL[label])),
      country: Type.Optional(CountrySchema),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 20 })),
      offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
    },
    { additionalProperties: false },
  );
}

/** Registers the node routes. */
export async function nodeRoutes(fastify: FastifyInstance, { store }: { store: GraphStore }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const detail = async (id: string, label?: NodeLabel) => {
    const found = await store.getNode(id);
    if (!found || (label ? found.node.attributes.nodeLabel !== label : false)) throw new NotFoundError(label?.toLowerCase() ?? "node", id);
    return found;
  };
  const neighbourhood = async (id: string, q: { depth?: number; types?: string; limit?: number; includeAbsent?: boolean }, label?: NodeLabel) => {
    // the node's own record is enough to check it exists with the route's label (its detail would gather every relationship)
    const [node] = await store.getNodes([id]);
    if (!node || (label ? node.attributes.nodeLabel !== label : false)) throw new NotFoundError(label?.toLowerCase() ?? "node", id);
    const sub = await store.neighbourhood(id, { depth: q.depth, types: list<RelType>(q.types), limit: q.limit, includeAbsent: q.includeAbsent });
    if (!sub) throw new NotFoundError(label?.toLowerCase() ?? "node", id);
    return sub;
  };

  for (const [segment, label] of LABEL_ROUTES) {
    const tags = [segment];
    app.get(`/api/${segment}`, {
      schema: { tags, summary: `search ${segment}`, querystring: labelSearchSchema(label), response: { 200: SearchResultSchema, ...errors() } },
    }, async (req) => store.search({ ...req.query, label }));
    app.get(`/api/${segment}/:id`, {
      schema: { tags, summary: `one ${label.toLowerCase()} with its relationships, evidence and neighbours`, params: IdParamsSchema, querystring: NoQuerySchema, response: { 200: NodeDetailSchema, ...errors(404) } },
    }, async (req) => detail(req.params.id, label));
    app.get(`/api/${segment}/:id/neighbourhood`, {
      schema: { tags, summary: `the ${label.toLowerCase()}'s neighbourhood`, params: IdParamsSchema, querystring: NeighbourhoodQuerySchema, response: { 200: SubgraphSchema, ...errors(404) } },
    }, async (req) => neighbourhood(req.params.id, req.query, label));
  }

  app.get("/api/nodes", {
    schema: { tags: ["nodes"], summary: "search nodes of any label (documents only with label=Document)", querystring: NodeSearchQuerySchema, response: { 200: SearchResultSchema, ...errors() } },
  }, async (req) => store.search(req.query));
  app.get("/api/nodes/:id", {
    schema: { tags: ["nodes"], summary: "one node of any label", params: IdParamsSchema, querystring: NoQuerySchema, response: { 200: NodeDetailSchema, ...errors(404) } },
  }, async (req) => detail(req.params.id));
  app.get("/api/nodes/:id/neighbourhood", {
    schema: { tags: ["nodes"], summary: "a node's neighbourhood", params: IdParamsSchema, querystring: NeighbourhoodQuerySchema, response: { 200: SubgraphSchema, ...errors(404) } },
  }, async (req) => neighbourhood(req.params.id, req.query));
}
