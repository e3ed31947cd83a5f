// Registers every /api route group; each group lives in its own file.
import type { FastifyInstance } from "fastify";
import type { GraphStore } from "../../graph/store.js";
import type { FigureRenderer } from "../figures.js";
import type { IngestBytes } from "../ingest-port.js";
import type { JobQueue } from "../jobs.js";
import type { RateLimitOptions } from "../plugins/security.js";
import { boomerangRoutes } from "./boomerang.js";
import { documentRoutes } from "./documents.js";
import { graphRoutes } from "./graph.js";
import { metaRoutes } from "./meta.js";
import { nodeRoutes } from "./nodes.js";
import { pathRoutes } from "./paths.js";
import { relationshipRoutes } from "./relationships.js";
import { statsRoutes } from "./stats.js";
import { uploadRoutes } from "./uploads.js";

export interface RouteOptions {
  store: GraphStore;
  version: string;
  rateLimit: RateLimitOptions | false;
  jobs: JobQueue;
  ingest: () => Promise<IngestBytes>;
  /** Draws svg and png exports off the event loop. */
  figures: FigureRenderer;
}

/** Registers all route groups on `app`. */
export async function registerRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  await app.register(metaRoutes, options);
  await app.register(nodeRoutes, options);
  await app.register(documentRoutes, options);
  await app.register(uploadRoutes, options);
  await app.register(relationshipRoutes, options);
  await app.register(pathRoutes, options);
  await app.register(graphRoutes, options);
  await app.register(statsRoutes, options);
  await app.register(boomerangRoutes, options);
}
