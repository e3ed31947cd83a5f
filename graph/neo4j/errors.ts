// Driver errors translated once, here: an unreachable or restarting server,
// or a pool with no connection free within the acquisition timeout, becomes
// StoreUnavailableError (HTTP 503), a transaction past its time budget
// QueryTimeoutError (504), a uniqueness clash ConflictError (409). Everything
// else passes through unchanged.
import { Neo4jError } from "neo4j-driver";
import { ConflictError, QueryTimeoutError, StoreUnavailableError, isUniontiesError } from "../errors.js";

const UNAVAILABLE = new Set([
  "ServiceUnavailable",
  "SessionExpired",
  "Neo.TransientError.General.DatabaseUnavailable",
  "Neo.ClientError.Database.DatabaseNotFound",
  "Neo.TransientError.General.OutOfMemoryError",
]);

const TIMEOUT = new Set([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
  "Neo.TransientError.Transaction.LockClientStopped",
]);

/** The driver's pool timeout: a Neo4jError without a code ("N/A"), known by its message. */
const ACQUISITION_TIMEOUT = /^Connection acquisition timed out/;

/** Codes that say the server could not be reached at all (not that it was busy or refused the query). */
const UNREACHABLE = new Set(["ServiceUnavailable", "SessionExpired", "ECONNREFUSED", "ECONNRESET"]);

/** Whether a driver error says the server could not be reached (a pool acquisition timeout does not: the server answers, it is busy). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && UNREACHABLE.has(code);
}

/** Name used in messages: "neo4j at bolt://127.0.0.1:7687". */
export type StoreName = string;

/**
 * Maps an error thrown by the driver to the unionties family. Errors of our
 * own family (thrown inside a unit of work) and unknown errors are returned
 * as they are.
 */
export function translateError(error: unknown, store: StoreName): unknown {
  if (isUniontiesError(error)) return error;
  const code = error instanceof Neo4jError ? error.code : (error as { code?: unknown })?.code;
  if (typeof code !== "string") return error;
  if (UNAVAILABLE.has(code) || UNREACHABLE.has(code))
    return new StoreUnavailableError("neo4j", `${store} is unavailable (${code})`, { cause: error });
  if (error instanceof Neo4jError && ACQUISITION_TIMEOUT.test(error.message))
    return new StoreUnavailableError("neo4j", `${store} is busy: no pooled connection came free in time`, { cause: error });
  if (TIMEOUT.has(code) || code === "Neo.ClientError.Transaction.Terminated")
    return new QueryTimeoutError(`${store}: the query ran past its time budget (${code})`, { cause: error });
  if (code === "Neo.ClientError.Schema.ConstraintValidationFailed")
    return new ConflictError(`${store}: a write broke a uniqueness constraint`, { cause: error });
  return error;
}
