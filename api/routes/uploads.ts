// POST /api/documents: upload one file to ingest (multipart, or the raw body
// with its name in X-File-Name or ?name=). Small files are ingested before
// the answer (201 with the ingest report); larger ones are queued (202 with a
// job; GET /api/jobs/:id reports progress). A full queue is a 503.
import multipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Readable } from "node:stream";
import { NotFoundError } from "../../graph/errors.js";
import type { GraphStore } from "../../graph/store.js";
import type { IngestBytes } from "../ingest-port.js";
import { isUnavailable, STORE_UNAVAILABLE, type JobQueue } from "../jobs.js";
import { HttpError } from "../plugins/errors.js";
import { writeLimit, type RateLimitOptions } from "../plugins/security.js";
import { errors, NoQuerySchema } from "../schemas/common.js";
import { IngestReportSchema, JobAcceptedSchema, JobParamsSchema, JobSchema, UploadQuerySchema } from "../schemas/documents.js";
import { checkUploadType, MAX_UPLOAD_BYTES, mediaType, sanitizeFileName, UPLOAD_MEDIA_TYPES } from "../upload-file.js";

/** Files up to this size are ingested synchronously (201); larger ones get a job (202). */
export const SYNC_UPLOAD_BYTES = 256 * 1024;

export interface UploadRouteOptions {
  store: GraphStore;
  jobs: JobQueue;
  ingest: () => Promise<IngestBytes>;
  rateLimit: RateLimitOptions | false;
}

/** An upload route's whole time: a 20 MiB file over a slow link takes longer than a read route's 15 s. */
export const UPLOAD_HANDLER_TIMEOUT_MS = 45_000;

/**
 * A multipart file part into memory, refused with 413 as soon as it passes
 * MAX_UPLOAD_BYTES (the parser's "limit" event), not after the rest of the part
 * has been read: a gigabyte declared as a small file costs at most the limit.
 */
async function readPart(file: Readable & { truncated?: boolean }): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `the file is larger than ${MAX_UPLOAD_BYTES} bytes`);
  // With chunk-aligned data the parser delivers no further chunk after the limit, so a
  // `truncated` check inside the loop would wait for ever: the event ends the stream.
  file.once("limit", () => file.destroy(tooLarge()));
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  if (file.truncated) throw tooLarge();
  return Buffer.concat(chunks);
}

/** Reads the one uploaded file of a request. */
async function readUpload(req: FastifyRequest): Promise<{ name: string; declared: string; bytes: Buffer }> {
  if (req.isMultipart()) {
    try {
      // Read every part, so that limits on later parts (a second file, too many parts) apply.
      let upload: { name: string; declared: string; bytes: Buffer } | null = null;
      for await (const part of req.parts()) {
        if (part.type !== "file") continue;
        if (upload) throw new HttpError(413, "send one file per upload");
        upload = { name: part.filename, declared: mediaType(part.mimetype), bytes: await readPart(part.file) };
      }
      if (!upload) throw new HttpError(400, "the multipart body holds no file");
      return upload;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (error instanceof HttpError || (typeof status === "number" && status >= 400 && status < 500)) throw error;
      throw new HttpError(400, "the multipart body could not be parsed");
    }
  }
  const query = req.query as { name?: string };
  const header = req.headers["x-file-name"];
  let name = typeof header === "string" ? header : query.name;
  if (typeof header === "string") {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw new HttpError(400, "X-File-Name is not valid percent-encoded UTF-8");
    }
  }
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(400, "the upload is empty");
  return { name: name ?? "", declared: mediaType(req.headers["content-type"]), bytes: req.body };
}

/** Registers the upload and job routes (in their own scope: their own body parsers). */
export async function uploadRoutes(fastify: FastifyInstance, opts: UploadRouteOptions): Promise<void> {
  const { store, jobs } = opts;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser([...UPLOAD_MEDIA_TYPES], { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  await fastify.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, parts: 4, fields: 3, headerPairs: 50, fieldSize: 1024, fieldNameSize: 100 },
    throwFileSizeLimit: true,
  });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post("/api/documents", {
    config: { role: "reviewer", ...writeLimit(opts.rateLimit) },
    bodyLimit: MAX_UPLOAD_BYTES,
    handlerTimeout: UPLOAD_HANDLER_TIMEOUT_MS,
    schema: {
      tags: ["documents"],
      summary: "upload a document to ingest (reviewer role): multipart field 'file', or the raw body with X-File-Name",
      security: [{ bearer: [] }],
      consumes: ["multipart/form-data", ...UPLOAD_MEDIA_TYPES],
      querystring: UploadQuerySchema,
      response: { 200: IngestReportSchema, 201: IngestReportSchema, 202: JobAcceptedSchema, ...errors(401, 403, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const upload = await readUpload(req);
    const name = sanitizeFileName(upload.name);
    checkUploadType(name, upload.declared, upload.bytes);
    if (jobs.full) throw new HttpError(503, `the upload queue is full (${jobs.maxDepth} jobs); retry later`, { "retry-after": "30" });
    const queued = upload.bytes.length > SYNC_UPLOAD_BYTES;
    // An upload answered in its request would wait behind a queued one that waits for the store.
    if (!queued && jobs.storeBusy) throw new HttpError(503, `${STORE_UNAVAILABLE}; retry later`, { "retry-after": "30" });
    const ingestBytes = await opts.ingest();
    // A store that cannot be reached or is being written by another process answers 503 with Retry-After, not 422.
    let unavailable: unknown = null;
    const work = () => ingestBytes(store, { name, bytes: upload.bytes }).catch((error: unknown) => {
      if (isUnavailable(error)) unavailable = error;
      throw error;
    });
    // A queued upload waits for a store that is unavailable (its job says so); one answered in the request is a 503.
    const { job, done } = jobs.add(name, upload.bytes.length, work, { waitForStore: queued });
    if (queued) return reply.code(202).header("location", `/api/jobs/${job.id}`).send({ job });
    const finished = await done;
    if (unavailable) throw unavailable;
    if (finished.status === "failed" || !finished.report) throw new HttpError(422, `"${name}" was not ingested: ${finished.error ?? "unknown reason"}`);
    return reply.code(finished.report.status === "unchanged" ? 200 : 201).send(finished.report);
  });

  app.get("/api/jobs/:id", {
    schema: { tags: ["documents"], summary: "progress of a queued upload", params: JobParamsSchema, querystring: NoQuerySchema, response: { 200: JobSchema, ...errors(404) } },
  }, async (req) => {
    const job = jobs.get(req.params.id);
    if (!job) throw new NotFoundError("job", req.params.id);
    return job;
  });
}
