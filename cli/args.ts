// A small, strict argument parser for the CLI: `--flag value`, `--flag=value`,
// boolean flags, and positionals. Unknown flags are errors, not silently kept.
import { UniontiesError } from "../graph/errors.js";

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** A mistake in how a command was called; exit code 2. */
export class UsageError extends UniontiesError {
  override readonly code = "USAGE";
  override readonly statusCode = 400;
}

/**
 * Parses argv against the flags a command knows.
 * @param argv arguments after the command name
 * @param spec flag name → "string" (takes a value) or "boolean"
 * @throws UsageError for an unknown flag or a missing value
 */
export function parseArgs(argv: string[], spec: Record<string, "string" | "boolean">): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith("--") || word === "-") {
      out.positionals.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === "boolean") {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags[name] = true;
    } else {
      const value = eq >= 0 ? word.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
      out.flags[name] = value;
    }
  }
  return out;
}

/** The options every command takes: where the store lives and which store. */
export const COMMON_FLAGS = { data: "string", store: "string", help: "boolean" } as const;

/** A string flag's value, or undefined. */
export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === "string" ? v : undefined;
}

/** A whole-number flag's value within bounds, or the default. */
export function int(args: ParsedArgs, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = str(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
