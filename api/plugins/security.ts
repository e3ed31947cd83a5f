// The house rules every route gets: security headers (helmet, with a CSP the
// Vite-built viewer works under: external module scripts only, no eval, no
// inline script), CORS (off unless an allow-list is given) and per-client
// rate limits (reads 300/min, writes 10/min; trustProxy stays off so
// X-Forwarded-For cannot buy extra requests).
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";
import { HttpError } from "./errors.js";

export interface RateLimitOptions {
  /** Reads per client per window (default 300). */
  reads?: number;
  /** Writes per client per window (default 10). */
  writes?: number;
  /** Window in ms (default 60 000). */
  windowMs?: number;
  /** Failed authentications per client per minute before 429s (default 10). */
  authFailures?: number;
}

/** Default limits of RELIABILITY.md B5.8. */
export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = { reads: 300, writes: 10, windowMs: 60_000, authFailures: 10 };

/** The Content-Security-Policy directives (also used by tests). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", "blob:"],
  fontSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Origins allowed by CORS from UNIONTIES_CORS_ORIGINS (comma-separated); empty = CORS off. */
export function corsOriginsFromEnv(env: Record<string, string | undefined>): string[] {
  return (env.UNIONTIES_CORS_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^https?:\/\/[^/\s]+$/.test(s));
}

/** Registers helmet, CORS and rate limiting on the root instance. */
export async function registerSecurity(app: FastifyInstance, options: { cors: string[]; rateLimit: RateLimitOptions | false }): Promise<void> {
  // helmet's middleware built once: @fastify/helmet rebuilt it (parsing the CSP) on every request,
  // about 40 µs each, a third of what a trivial route costs.
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  if (options.cors.length) {
    await app.register(cors, { origin: options.cors, credentials: false, methods: ["GET", "HEAD", "POST", "PATCH", "DELETE"], maxAge: 600 });
  }
  if (options.rateLimit !== false) {
    const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimit };
    await app.register(rateLimit, {
      global: true,
      max: limits.reads,
      timeWindow: limits.windowMs,
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, `rate limit exceeded: ${context.max} requests per minute; retry in ${context.after}`, {
          "retry-after": String(Math.ceil(context.ttl / 1000)),
        }),
    });
  }
}

/** Route config for a write: the write rate limit. */
export function writeLimit(options: RateLimitOptions | false): { rateLimit?: { max: number; timeWindow: number } } {
  if (options === false) return {};
  const limits = { ...DEFAULT_RATE_LIMITS, ...options };
  return { rateLimit: { max: limits.writes, timeWindow: limits.windowMs } };
}
