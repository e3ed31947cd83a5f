// Authentication and authorisation. Each route declares the role it needs in
// `config.role` ("public" for open reads). Tokens come from the Authorization
// header (Bearer) or X-API-Key only, never from the query string. Failed
// attempts are counted per client, and after AUTH_FAILURES_PER_MINUTE in a
// minute that client gets 429 instead of another guess.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { findKey, roleAllows, type ApiKey, type Role } from "../keys.js";
import { HttpError } from "./errors.js";

/** What a route needs: "public" (open, or reader when reads require a key) or a role. */
export type Access = "public" | Role;

export interface AuthOptions {
  keys: readonly ApiKey[];
  /** Require at least a reader key on every read route. */
  requireReadKey?: boolean;
  /** Failed authentications per client per minute before 429s; 0 turns the throttle off. */
  failuresPerMinute?: number;
}

/** Failed authentications per client per minute before 429s. */
export const AUTH_FAILURES_PER_MINUTE = 10;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Role the route needs (default "public"). */
    role?: Access;
  }
  interface FastifyRequest {
    /** The key that authenticated the request, if any. */
    apiKey: ApiKey | null;
  }
}

/** The token a request presents, or undefined. */
function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    return m ? m[1] : header;
  }
  const apiKey = request.headers["x-api-key"];
  return typeof apiKey === "string" ? apiKey : undefined;
}

/** Adds the authentication hook to the root instance (runs after rate limiting). */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const fail = (request: FastifyRequest, message: string): never => {
    const now = Date.now();
    const entry = failures.get(request.ip);
    const current = entry && entry.resetAt > now ? entry : { count: 0, resetAt: now + 60_000 };
    current.count++;
    failures.set(request.ip, current);
    if (failures.size > 10_000) failures.clear();
    const limit = options.failuresPerMinute ?? AUTH_FAILURES_PER_MINUTE;
    if (limit > 0 && current.count > limit) {
      const wait = Math.ceil((current.resetAt - now) / 1000);
      throw new HttpError(429, `too many failed authentications; retry in ${wait} s`, { "retry-after": String(wait) });
    }
    throw new HttpError(401, message, { "www-authenticate": 'Bearer realm="unionties"' });
  };

  app.decorateRequest("apiKey", null);
  app.addHook("onRequest", async (request) => {
    const access: Access = request.routeOptions.config?.role ?? "public";
    const token = presentedToken(request);
    if (token !== undefined) {
      const key = findKey(options.keys, token);
      if (!key) fail(request, "the API key is not valid");
      request.apiKey = key;
    }
    const needed: Role | null = access === "public" ? (options.requireReadKey ? "reader" : null) : access;
    if (!needed) return;
    if (!request.apiKey) {
      if (!options.keys.length) throw new HttpError(401, "this route needs an API key, and none is configured on the server");
      fail(request, "this route needs an API key (Authorization: Bearer <token>)");
    }
    if (!roleAllows(request.apiKey!.role, needed)) throw new HttpError(403, `this route needs the ${needed} role; key "${request.apiKey!.name}" is ${request.apiKey!.role}`);
  });
}
