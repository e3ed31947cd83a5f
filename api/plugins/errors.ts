// The one error handler. Every 4xx/5xx leaves as {statusCode, error, message,
// requestId}. Client-error messages (validation, not found, bad data) pass
// through, scrubbed of file paths; server errors are logged with the request
// id and answered with a generic message, so no stack trace, driver message,
// file path or query text reaches a client.
import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DocumentError, InvalidDataError, StoreUnavailableError, isUniontiesError } from "../../graph/errors.js";
import type { ApiError } from "../schemas/common.js";

/** Seconds a client should wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** An error the API raises itself with a status and a client-safe message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Removes absolute file paths and URLs with credentials from a message meant for a client. */
export function scrub(message: string): string {
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@ -]+){2,}/g, "<path>")
    .slice(0, 1000);
}

/** Error status and body for any thrown value; `requestId` is the request's id. */
export function toErrorBody(error: unknown, requestId: string): { body: ApiError; headers: Record<string, string>; server: boolean } {
  const headers: Record<string, string> = {};
  let status = 500;
  let message = "Internal Server Error";
  let problems: ApiError["problems"];
  if (error instanceof HttpError) {
    status = error.statusCode;
    message = error.message;
    Object.assign(headers, error.headers);
  } else if (error instanceof StoreUnavailableError) {
    status = 503;
    message = `the ${error.store} store is unavailable; retry in a few seconds`;
  } else if (error instanceof DocumentError) {
    status = error.status;
    message = error.message;
  } else if (isUniontiesError(error) && error.statusCode < 600) {
    status = error.statusCode;
    if (status < 500) message = error.message;
    else if (error.code === "QUERY_TIMEOUT") message = "the query ran past its time budget; narrow it (fewer hops, a smaller depth or limit)";
    if (error instanceof InvalidDataError && error.problems.length) problems = error.problems.map((p) => ({ path: scrub(p.path), message: scrub(p.message) }));
  } else if ((error as FastifyError | undefined)?.code === "FST_ERR_HANDLER_TIMEOUT") {
    status = 503;
    message = "the request ran past the server's time budget; retry, or narrow it (fewer hops, a smaller depth or limit)";
  } else if (isClientFastifyError(error)) {
    status = error.statusCode!;
    message = error.message;
  }
  if (status === 503 && !headers["retry-after"]) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  const server = status >= 500;
  const body: ApiError = {
    statusCode: status,
    error: STATUS_CODES[status] ?? "Error",
    message: server && status === 500 ? "Internal Server Error" : scrub(message),
    requestId,
  };
  if (problems) body.problems = problems;
  return { body, headers, server };
}

/** Fastify's own and its plugins' client errors (validation, parsing, limits, rate limit). */
function isClientFastifyError(error: unknown): error is FastifyError {
  if (!(error instanceof Error)) return false;
  const e = error as FastifyError;
  const status = e.statusCode;
  if (typeof status !== "number" || status < 400 || status >= 500) return false;
  return Boolean(e.validation) || (typeof e.code === "string" && e.code.startsWith("FST_"));
}

/**
 * Installs the error and not-found handlers on the root instance. Call after
 * the rate limiter is registered so that unknown paths count toward it too.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { body, headers, server } = toErrorBody(error, request.id);
    if (server) request.log.error({ err: error, requestId: request.id }, "request failed");
    else request.log.info({ statusCode: body.statusCode, code: (error as FastifyError)?.code }, "client error");
    return reply.code(body.statusCode).headers(headers).type("application/json; charset=utf-8").send(body);
  });
  const limited = app.hasDecorator("rateLimit") ? { preHandler: app.rateLimit() } : {};
  app.setNotFoundHandler(limited, (request, reply) => {
    const body: ApiError = { statusCode: 404, error: "Not Found", message: `no route for ${request.method} on this path`, requestId: request.id };
    return reply.code(404).send(body);
  });
}
