// GET /api/graph (the interchange format, filtered) and GET /api/export
// (json, gexf, graphml, csv, svg, png as a file). Both send a strong ETag and
// answer a matching If-None-Match with 304. With `top` (an overview of a
// graph too large to draw whole) both also say what the whole holds:
// X-Total-Nodes and X-Total-Relationships, the store's cheap counts
// (store.stats(), not GET /api/stats), so a client can tell the answer was cut.
// GET /api/facets gives the same cheap counts by kind and country, so a
// viewer showing an overview can list every kind and country the store holds.
// `include` adds nodes (brought into an overview) to what `top` or `nodes` keeps.
import { Type, type TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { KINDS_BY_LABEL, type NodeKind, type RelType } from "../../graph/schema.js";
import type { ExportFilter, GraphStore } from "../../graph/store.js";
import { etagOf, notModified, renderExport } from "../exporter.js";
import type { FigureRenderer } from "../figures.js";
import { errors, list, NoQuerySchema } from "../schemas/common.js";
import { ExportQuerySchema, FacetsSchema, GraphQuerySchema, SerializedGraphSchema, type Facets, type GraphQuery } from "../schemas/graph.js";

/** The export filter a query describes. */
export function filterOf(q: GraphQuery): ExportFilter {
  return {
    types: list<RelType>(q.types),
    kinds: list<NodeKind>(q.kinds),
    countries: list(q.countries),
    minConfidence: q.minConfidence,
    fromYear: q.fromYear,
    toYear: q.toYear,
    nodeIds: list(q.nodes),
    include: list(q.include),
    withoutDocuments: q.withoutDocuments,
    withoutIsolated: q.withoutIsolated,
    includeAbsent: q.includeAbsent,
    top: q.top,
  };
}

/** Kinds of Document nodes (left out of the facets: a document is not an organisation). */
const DOCUMENT_KINDS = new Set<string>(KINDS_BY_LABEL.Document);

/** The facets of the store's counts: non-Document nodes by kind and by country. */
export async function facetsOf(store: GraphStore): Promise<Facets> {
  const stats = await store.stats();
  const kinds = Object.fromEntries(Object.entries(stats.byKind).filter(([kind]) => !DOCUMENT_KINDS.has(kind)));
  return { nodes: stats.nodes, relationships: stats.relationships, kinds, countries: { ...stats.byCountry } };
}

/** Headers of an overview's answer: what the whole store holds (non-document nodes, relationships other than MENTIONS). */
const TOTAL_HEADERS = ["x-total-nodes", "x-total-relationships"] as const;

/** The totals headers for a `top` query, none otherwise. */
async function totalsOf(store: GraphStore, filter: ExportFilter): Promise<Record<string, string>> {
  if (filter.top === undefined) return {};
  const stats = await store.stats();
  return { [TOTAL_HEADERS[0]]: String(stats.nodes), [TOTAL_HEADERS[1]]: String(stats.relationships) };
}

function sendTagged(req: FastifyRequest, reply: FastifyReply, body: Buffer, type: string, headers: Record<string, string> = {}) {
  // The totals are part of the answer: a change outside an overview changes its tag too.
  const extra = Object.values(headers).join(",");
  const etag = etagOf(extra ? Buffer.concat([body, Buffer.from(`\n${extra}`)]) : body);
  reply.header("etag", etag).header("cache-control", "no-cache");
  if (extra) reply.headers(headers).header("access-control-expose-headers", [...TOTAL_HEADERS, "etag"].join(", "));
  if (notModified(req.headers["if-none-match"], etag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

/** Registers the graph and export routes. */
export async function graphRoutes(fastify: FastifyInstance, { store, figures }: { store: GraphStore; figures: FigureRenderer }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/graph", {
    schema: {
      tags: ["graph"],
      summary: "the graph in the interchange format (graphology serialisation), filtered; ETag and conditional GET",
      querystring: GraphQuerySchema,
      response: { 200: SerializedGraphSchema, 304: Type.Null({ description: "not modified" }), ...errors() },
    },
  }, async (req, reply) => {
    const filter = filterOf(req.query);
    const [graph, totals] = await Promise.all([store.exportGraph(filter), totalsOf(store, filter)]);
    return sendTagged(req, reply, renderExport(graph, "json").body, "application/json; charset=utf-8", totals);
  });

  app.get("/api/facets", {
    schema: {
      tags: ["graph"],
      summary: "what the whole store holds, for filter lists: non-Document nodes by kind and by country, and the totals (the store's cheap counts, not GET /api/stats)",
      querystring: NoQuerySchema,
      response: { 200: FacetsSchema, ...errors() },
    },
  }, async (_req, reply) => {
    reply.header("cache-control", "no-cache");
    return facetsOf(store);
  });

  app.get("/api/export", {
    schema: {
      tags: ["graph"],
      summary: "the graph (filtered) as a file: json, gexf, graphml, csv-nodes, csv-edges, svg or png",
      description:
        "Figures (svg, png) are drawn in a separate process, one at a time by default: while one is drawn another is a 503 " +
        "with Retry-After, and a figure not drawn within the server's figure deadline (12 s by default) is stopped and " +
        "answered 504; narrow it with top, kinds, countries or nodes, or a smaller width and height.",
      querystring: Type.Object(
        {
          ...ExportQuerySchema.properties,
          width: Type.Optional(Type.Integer({ minimum: 200, maximum: 4000 })),
          height: Type.Optional(Type.Integer({ minimum: 200, maximum: 4000 })),
          seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
        },
        { additionalProperties: false },
      ),
      produces: ["application/json", "application/gexf+xml", "application/graphml+xml", "text/csv", "image/svg+xml", "image/png"],
      response: { 200: Type.String({ description: "the file" }), 304: Type.Null({ description: "not modified" }), ...errors(504) },
    },
  }, async (req, reply) => {
    const { title, width, height, seed } = req.query;
    const format = req.query.format ?? "json";
    const figure = format === "svg" || format === "png";
    const filter = filterOf(req.query);
    const [graph, totals] = await Promise.all([store.exportGraph(figure ? { ...filter, withoutDocuments: false } : filter), totalsOf(store, filter)]);
    const documents = figure ? await store.listDocuments() : undefined;
    const out = format === "svg" || format === "png"
      ? await figures.render(graph, format, { title, width, height, seed, documents })
      : renderExport(graph, format);
    reply.header("content-disposition", `attachment; filename="unionties.${out.extension}"`);
    return sendTagged(req, reply, out.body, out.type, totals);
  });
}
