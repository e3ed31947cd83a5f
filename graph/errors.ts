// The one family of errors every layer throws and the API maps to HTTP: each
// has a stable `code` and a `statusCode`, so callers and tests check those,
// never message text.

/** Base of every unionties error. */
export class UniontiesError extends Error {
  readonly code: string = "UNIONTIES_ERROR";
  readonly statusCode: number = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A node, relationship, document or job that does not exist. */
export class NotFoundError extends UniontiesError {
  override readonly code = "NOT_FOUND";
  override readonly statusCode = 404;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} "${id}" does not exist`);
  }
}

/** One problem found while validating input. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Input that breaks the schema; carries every problem found, not just the first. */
export class InvalidDataError extends UniontiesError {
  override readonly code = "INVALID_DATA";
  override readonly statusCode = 400;
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}` : message);
  }
}

/** A write that conflicts with the stored state (e.g. a concurrent review). */
export class ConflictError extends UniontiesError {
  override readonly code = "CONFLICT";
  override readonly statusCode = 409;
}

/** The backing store cannot be reached or is shutting down. */
export class StoreUnavailableError extends UniontiesError {
  override readonly code = "STORE_UNAVAILABLE";
  override readonly statusCode = 503;
  constructor(
    readonly store: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A query that ran past its time budget. */
export class QueryTimeoutError extends UniontiesError {
  override readonly code = "QUERY_TIMEOUT";
  override readonly statusCode = 504;
}

/** A document that cannot be read (empty, binary, wrong encoding, too large, hostile). */
export class DocumentError extends UniontiesError {
  override readonly code = "DOCUMENT_UNREADABLE";
  override readonly statusCode = 422;
  constructor(
    readonly file: string,
    readonly reason: string,
    message: string,
    readonly status: number = 422,
  ) {
    super(message);
  }
}

/** True for any error of this family. */
export function isUniontiesError(error: unknown): error is UniontiesError {
  return error instanceof UniontiesError;
}
