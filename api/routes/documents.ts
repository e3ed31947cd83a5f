// Document reads and removal: GET /api/documents, GET /api/documents/:id
// (with the spans it contributed), GET /api/documents/:id/text, and
// DELETE /api/documents/:id (admin; removes the document's evidence and the
// relationships left with none).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../../graph/errors.js";
import type { GraphStore } from "../../graph/store.js";
import { writeLimit, type RateLimitOptions } from "../plugins/security.js";
import { errors, IdParamsSchema, NoQuerySchema } from "../schemas/common.js";
import { DeletedSchema, DocumentDetailSchema, DocumentListSchema, DocumentTextSchema } from "../schemas/documents.js";

/** The spans a document contributed: every evidence item pointing into it, in text order. */
export async function documentSpans(store: GraphStore, id: string) {
  const spans: Array<{ start: number; end: number; relationship: string; type: string }> = [];
  for (const rel of await store.findRelationships({ document: id })) {
    for (const e of rel.attributes.evidence) if (e.document === id) spans.push({ start: e.start, end: e.end, relationship: rel.id, type: rel.attributes.type });
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.relationship < b.relationship ? -1 : 1));
}

/** Registers the document read and delete routes. */
export async function documentRoutes(fastify: FastifyInstance, opts: { store: GraphStore; rateLimit: RateLimitOptions | false }): Promise<void> {
  const { store } = opts;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const summary = async (id: string) => {
    const [node] = await store.getNodes([id]);
    if (!node || node.attributes.nodeLabel !== "Document") throw new NotFoundError("document", id);
    return node;
  };
  const tags = ["documents"];

  app.get("/api/documents", {
    schema: { tags, summary: "every stored document", querystring: NoQuerySchema, response: { 200: DocumentListSchema, ...errors() } },
  }, async () => ({ items: await store.listDocuments() }));

  app.get("/api/documents/:id", {
    schema: { tags, summary: "one document and the spans it contributed", params: IdParamsSchema, querystring: NoQuerySchema, response: { 200: DocumentDetailSchema, ...errors(404) } },
  }, async (req) => {
    const node = await summary(req.params.id);
    return { id: node.id, attributes: node.attributes, spans: await documentSpans(store, node.id) };
  });

  app.get("/api/documents/:id/text", {
    schema: { tags, summary: "a document's decoded text (evidence offsets index into it) and its spans", params: IdParamsSchema, querystring: NoQuerySchema, response: { 200: DocumentTextSchema, ...errors(404) } },
  }, async (req) => {
    const node = await summary(req.params.id);
    const text = await store.documentText(node.id);
    if (text === null) throw new NotFoundError("document text", node.id);
    return { id: node.id, text, spans: await documentSpans(store, node.id) };
  });

  app.delete("/api/documents/:id", {
    config: { role: "admin", ...writeLimit(opts.rateLimit) },
    schema: { tags, summary: "remove a document, its evidence and the relationships left with none (admin role)", security: [{ bearer: [] }], params: IdParamsSchema, querystring: NoQuerySchema, response: { 200: DeletedSchema, ...errors(401, 403, 404) } },
  }, async (req) => {
    await summary(req.params.id);
    if (!(await store.removeDocument(req.params.id))) throw new NotFoundError("document", req.params.id);
    return { id: req.params.id, deleted: true };
  });
}
