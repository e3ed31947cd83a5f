// Builds the Fastify app (not listening): the house rules (request ids,
// structured logs with secrets redacted, limits, timeouts, security headers,
// CORS, rate limits, authentication, one error shape, OpenAPI at /docs), the
// /api routes and the built viewer at /. server.ts listens; tests inject.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from "fastify";
import type { GraphStore } from "../graph/store.js";
import { FIGURE_LIMITS, FigureRenderer, type FigureLimits } from "./figures.js";
import { loadIngestBytes, type IngestBytes } from "./ingest-port.js";
import { JobQueue, type StoreWait } from "./jobs.js";
import { loadKeys, type ApiKey } from "./keys.js";
import { registerAuth } from "./plugins/auth.js";
import { registerDocs } from "./plugins/docs.js";
import { HttpError, registerErrorHandling, toErrorBody } from "./plugins/errors.js";
import { corsOriginsFromEnv, DEFAULT_RATE_LIMITS, registerSecurity, type RateLimitOptions } from "./plugins/security.js";
import { registerViewer } from "./plugins/viewer.js";
import { registerRoutes } from "./routes/index.js";

/** One registered route: method, URL, its schema and the role it needs. */
export interface RouteEntry {
  method: string;
  url: string;
  role: string;
  schema: Record<string, unknown> | undefined;
  hidden: boolean;
}

const ROUTE_TABLES = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route `buildApp` registered (HEAD twins left out), for the inventory tests (OWASP API5/API9). */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return ROUTE_TABLES.get(app) ?? [];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The package version (served by /api/health and the OpenAPI document). */
export const VERSION: string = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

export interface AppOptions {
  store: GraphStore;
  /** Where the embedded store and the generated api-key live (for key loading). */
  dataDir?: string;
  /** API keys; default from UNIONTIES_API_KEYS or the key file (see keys.ts). */
  auth?: { keys: readonly ApiKey[] };
  /** Require a reader key on read routes; default UNIONTIES_REQUIRE_READ_KEY=1. */
  readAuth?: boolean;
  /** Per-client limits, or false to switch rate limiting off (tests). */
  rateLimit?: RateLimitOptions | false;
  /** Allowed CORS origins; default UNIONTIES_CORS_ORIGINS; empty = CORS off. */
  cors?: string[];
  /** false (default), true, or pino options (e.g. a stream for tests). */
  logger?: boolean | Record<string, unknown>;
  /** The built viewer; default viz/dist. */
  viewerDir?: string;
  /** The ingest used by uploads; default ingestBytes from ingest/index.ts. */
  ingest?: IngestBytes;
  /** Most uploads waiting or running at once (default 20). */
  uploadQueueDepth?: number;
  /** How a queued upload waits for a store that is unavailable (default STORE_WAIT_DEFAULTS: up to an hour). */
  uploadStoreWait?: StoreWait;
  /** Longest a handler may run before the request is answered 503 (default 15 000 ms). */
  handlerTimeoutMs?: number;
  /** Limits of svg/png exports (default FIGURE_LIMITS; the deadline stays under handlerTimeoutMs). */
  figures?: Partial<FigureLimits>;
  /** Environment to read configuration from (default process.env). */
  env?: Record<string, string | undefined>;
}

/** Query parameters whose values never reach a log line. */
const SECRET_PARAMS = /([?&](?:token|api_key|apikey|key|access_token)=)[^&]*/gi;

function loggerOptions(logger: AppOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  return {
    level: "info",
    ...(typeof logger === "object" ? logger : {}),
    redact: { paths: ["req.headers.authorization", 'req.headers["x-api-key"]', "headers.authorization"], censor: "[redacted]" },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({ method: req.method, url: String(req.url).replace(SECRET_PARAMS, "$1[redacted]"), ip: req.ip }),
    },
  } as FastifyServerOptions["logger"];
}

/** True when the request announces a body (a length above 0, or a transfer coding). */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers["transfer-encoding"] !== undefined || (headers["content-length"] !== undefined && headers["content-length"] !== "0");
}

/**
 * Builds the app. Does not listen and does not open or close the store.
 * @throws Error when the configured API keys are malformed
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const env = options.env ?? process.env;
  const keys = options.auth?.keys ?? loadKeys(env, options.dataDir);
  const rateLimit = options.rateLimit ?? {};
  const app = Fastify({
    logger: loggerOptions(options.logger),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    requestTimeout: 30_000,
    connectionTimeout: 35_000,
    // Node enforces requestTimeout only when it checks its connections (every 30 s by default), so a
    // slow client could hold a socket for up to 60 s; checked every 5 s it is gone within 35 s (B5.5).
    http: { connectionsCheckingInterval: 5_000 },
    handlerTimeout: options.handlerTimeoutMs ?? 15_000,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    trustProxy: false,
    routerOptions: { maxParamLength: 500 },
    // Bad URLs, over-long parameters and bad content types, before routing: the same error shape.
    frameworkErrors: (error, request, reply) => {
      const { body, headers } = toErrorBody(error, request.id);
      const raw = reply as unknown as FastifyReply;
      raw.code(body.statusCode).headers({ ...headers, "x-request-id": request.id }).send(body);
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true, allErrors: false } },
  });
  const routes: RouteEntry[] = [];
  ROUTE_TABLES.set(app, routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      const schema = route.schema as Record<string, unknown> | undefined;
      routes.push({ method, url: route.url, role: String(route.config?.role ?? "public"), schema, hidden: Boolean(schema?.hide) });
    }
  });
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // While closing, answers in flight end their keep-alive connections, so the close does not wait for idle sockets.
  // An answer given before the request body was read in full (a refused upload) ends its connection too, as
  // Fastify does for a body over the limit: else the socket stays open, half read, until requestTimeout (B5.4).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (request, reply) => {
    if (closing || (hasBody(request.headers) && request.raw.complete === false)) reply.header("connection", "close");
  });
  await registerSecurity(app, { cors: options.cors ?? corsOriginsFromEnv(env), rateLimit });
  registerErrorHandling(app);
  registerAuth(app, {
    keys,
    requireReadKey: options.readAuth ?? env.UNIONTIES_REQUIRE_READ_KEY === "1",
    failuresPerMinute: rateLimit === false ? 0 : (rateLimit.authFailures ?? DEFAULT_RATE_LIMITS.authFailures),
  });
  await registerDocs(app, VERSION);

  const handlerTimeoutMs = options.handlerTimeoutMs ?? 15_000;
  // A figure past the handler timeout would be answered 503 there but drawn on: stop it a second before.
  const figures = new FigureRenderer({ timeoutMs: Math.min(FIGURE_LIMITS.timeoutMs, Math.max(1, handlerTimeoutMs - 1_000)), ...options.figures });
  const jobs = new JobQueue(options.uploadQueueDepth ?? 20, undefined, options.uploadStoreWait);
  let ingest: IngestBytes | undefined = options.ingest;
  const loadIngest = async () => {
    if (ingest) return ingest;
    try {
      ingest = await loadIngestBytes();
      return ingest;
    } catch (error) {
      app.log.error({ err: error }, "the ingest module could not be loaded");
      throw new HttpError(503, "document ingest is not available on this server");
    }
  };
  await registerRoutes(app, { store: options.store, version: VERSION, rateLimit, jobs, ingest: loadIngest, figures });
  await registerViewer(app, options.viewerDir ?? join(ROOT, "viz", "dist"));
  app.addHook("onClose", async () => {
    figures.close();
    await jobs.close();
  });
  return app;
}
