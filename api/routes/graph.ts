// GET /api/graph (the interchange format, filtered) and GET /api/export
// (json, gexf, graphml, csv, svg, png as a file). Both send a strong ETag and
// answer a matching If-None-Match with 304.
import { Type, type TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { NodeKind, RelType } from "../../graph/schema.js";
import type { ExportFilter, GraphStore } from "../../graph/store.js";
import { etagOf, notModified, renderExport } from "../exporter.js";
import { errors, list } from "../schemas/common.js";
import { ExportQuerySchema, GraphQuerySchema, SerializedGraphSchema, type GraphQuery } from "../schemas/graph.js";

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
    withoutDocuments: q.withoutDocuments,
    includeAbsent: q.includeAbsent,
  };
}

function sendTagged(req: FastifyRequest, reply: FastifyReply, body: Buffer, type: string) {
  const etag = etagOf(body);
  reply.header("etag", etag).header("cache-control", "no-cache");
  if (notModified(req.headers["if-none-match"], etag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

/** Registers the graph and export routes. */
export async function graphRoutes(fastify: FastifyInstance, { store }: { store: GraphStore }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/api/graph", {
    schema: {
      tags: ["graph"],
      summary: "the graph in the interchange format (graphology serialisation), filtered; ETag and conditional GET",
      querystring: GraphQuerySchema,
      response: { 200: SerializedGraphSchema, 304: Type.Null({ description: "not modified" }), ...errors() },
    },
  }, async (req, reply) => {
    const graph = await store.exportGraph(filterOf(req.query));
    return sendTagged(req, reply, renderExport(graph, "json").body, "application/json; charset=utf-8");
  });

  app.get("/api/export", {
    schema: {
      tags: ["graph"],
      summary: "the graph (filtered) as a file: json, gexf, graphml, csv-nodes, csv-edges, svg or png",
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
      response: { 200: Type.String({ description: "the file" }), 304: Type.Null({ description: "not modified" }), ...errors() },
    },
  }, async (req, reply) => {
    const { title, width, height, seed } = req.query;
    const format = req.query.format ?? "json";
    const figure = format === "svg" || format === "png";
    const filter = filterOf(req.query);
    const graph = await store.exportGraph(figure ? { ...filter, withoutDocuments: false } : filter);
    const documents = figure ? await store.listDocuments() : undefined;
    const out = renderExport(graph, format, { title, width, height, seed, documents });
    reply.header("content-disposition", `attachment; filename="unionties.${out.extension}"`);
    return sendTagged(req, reply, out.body, out.type);
  });
}
