// Schemas of the document routes: list, one document with the spans it
// contributed, its text, upload reports and jobs.
import { Type } from "@fastify/type-provider-typebox";
import { NodeAttributesSchema } from "./common.js";

export const SpanSchema = Type.Object({ start: Type.Integer(), end: Type.Integer(), relationship: Type.String(), type: Type.String() });

export const DocumentSummarySchema = Type.Object({ id: Type.String(), attributes: NodeAttributesSchema });
export const DocumentListSchema = Type.Object({ items: Type.Array(DocumentSummarySchema) });
export const DocumentDetailSchema = Type.Object({ id: Type.String(), attributes: NodeAttributesSchema, spans: Type.Array(SpanSchema) });
export const DocumentTextSchema = Type.Object({ id: Type.String(), text: Type.String(), spans: Type.Array(SpanSchema) });
export const DeletedSchema = Type.Object({ id: Type.String(), deleted: Type.Boolean() });

/** The ingest's DocumentReport: id and status always, the rest passed through. */
export const IngestReportSchema = Type.Object(
  { id: Type.String(), status: Type.String(), reason: Type.Optional(Type.String()) },
  { additionalProperties: true },
);

export const UploadQuerySchema = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) },
  { additionalProperties: false },
);

export const JobSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  bytes: Type.Integer(),
  status: Type.Union([Type.Literal("queued"), Type.Literal("running"), Type.Literal("done"), Type.Literal("failed")]),
  createdAt: Type.String(),
  startedAt: Type.Optional(Type.String()),
  finishedAt: Type.Optional(Type.String()),
  waiting: Type.Optional(Type.String({ description: "while the job waits for an unavailable store (another process writing it, or Neo4j down): why, and when it tries again" })),
  report: Type.Optional(IngestReportSchema),
  error: Type.Optional(Type.String()),
});
export const JobAcceptedSchema = Type.Object({ job: JobSchema });
export const JobParamsSchema = Type.Object({ id: Type.String({ format: "uuid" }) }, { additionalProperties: false });
