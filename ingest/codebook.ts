// The codebook: the organisations, agreements, events and people a reader of
// the field would list, each with its names (seeds/codebook.yaml). Loading
// validates every entry against the schema and gathers all problems before
// failing; the entries become codebook nodes and the names feed one matcher.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { InvalidDataError, type FieldProblem } from "../graph/errors.js";
import { LABEL_OF_KIND, isNodeKind, type NodeKind, type NodeLabel } from "../graph/schema.js";
import type { NodeAttributes } from "../graph/types.js";
import { NameMatcher } from "./name-matcher.js";

/** The codebook shipped with the project. */
export const DEFAULT_CODEBOOK_PATH = fileURLToPath(new URL("../seeds/codebook.yaml", import.meta.url));

/** One named entity of the codebook. */
export interface CodebookEntry {
  id: string;
  name: string;
  aliases: string[];
  /** Names shown on the node but never matched in text (country names, common words). */
  otherNames: string[];
  kind: NodeKind;
  nodeLabel: NodeLabel;
  country?: string;
  /** Other SCHEMA attributes given in the codebook (scope, founded, date, parties …). */
  extra: Record<string, unknown>;
}

/** A loaded codebook: entries by id and one matcher over all their names. */
export interface Codebook {
  path: string;
  entries: CodebookEntry[];
  byId: Map<string, CodebookEntry>;
  matcher: NameMatcher;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const COUNTRY = /^[A-Z]{2}$/;
const EXTRA_KEYS = ["scope", "founded", "membership", "membershipYear", "ideology", "date", "place", "participants", "parties", "signed", "roles", "description"];

/**
 * Reads and validates a codebook file.
 * @param path YAML file (default: seeds/codebook.yaml)
 * @throws InvalidDataError listing every problem (bad YAML, missing fields, unknown kinds, duplicate ids)
 */
export function loadCodebook(path: string = DEFAULT_CODEBOOK_PATH): Codebook {
  let data: unknown;
  try {
    data = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InvalidDataError(`codebook ${path} cannot be read`, [{ path, message: error instanceof Error ? error.message : String(error) }]);
  }
  return buildCodebook(data, path);
}

/**
 * Validates parsed codebook data (`{ entities: [...] }` or a bare list).
 * @throws InvalidDataError listing every problem
 */
export function buildCodebook(data: unknown, path = "(inline)"): Codebook {
  const list = Array.isArray(data) ? data : (data as { entities?: unknown } | null)?.entities;
  const problems: FieldProblem[] = [];
  if (!Array.isArray(list)) throw new InvalidDataError(`codebook ${path}`, [{ path: "entities", message: "must be a list" }]);
  const entries: CodebookEntry[] = [];
  const byId = new Map<string, CodebookEntry>();
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const at = `entities[${i}]`;
    const e = (raw ?? {}) as Record<string, unknown>;
    const before = problems.length;
    if (typeof e.id !== "string" || !ID.test(e.id)) problems.push({ path: `${at}.id`, message: `"${String(e.id)}" is not a slug id` });
    else if (seen.has(e.id)) problems.push({ path: `${at}.id`, message: `duplicate id "${e.id}"` });
    if (typeof e.id === "string") seen.add(e.id);
    if (typeof e.name !== "string" || !e.name.trim()) problems.push({ path: `${at}.name`, message: "name is required" });
    if (!isNodeKind(e.kind) || e.kind === "document") problems.push({ path: `${at}.kind`, message: `unknown kind "${String(e.kind)}"` });
    const aliases = e.aliases ?? [];
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === "string" || typeof a === "number"))
      problems.push({ path: `${at}.aliases`, message: "aliases must be a list of names" });
    const otherNames = e.otherNames ?? [];
    if (!Array.isArray(otherNames) || !otherNames.every((a) => typeof a === "string"))
      problems.push({ path: `${at}.otherNames`, message: "otherNames must be a list of names" });
    if (e.country !== undefined && (typeof e.country !== "string" || !COUNTRY.test(e.country)))
      problems.push({ path: `${at}.country`, message: "country must be an ISO 3166-1 alpha-2 code" });
    if (problems.length > before) return;
    const extra: Record<string, unknown> = {};
    for (const key of EXTRA_KEYS) if (e[key] !== undefined) extra[key] = key === "date" ? String(e[key]) : e[key];
    const entry: CodebookEntry = {
      id: e.id as string,
      name: (e.name as string).trim(),
      aliases: (aliases as unknown[]).map(String).filter((a) => a.trim() && a.trim() !== e.name),
      otherNames: (otherNames as string[]).filter((a) => a.trim()),
      kind: e.kind as NodeKind,
      nodeLabel: LABEL_OF_KIND[e.kind as NodeKind],
      country: e.country as string | undefined,
      extra,
    };
    entries.push(entry);
    byId.set(entry.id, entry);
  });
  if (problems.length) throw new InvalidDataError(`codebook ${path} is invalid`, problems);
  const matcher = new NameMatcher(entries.flatMap((e) => [e.name, ...e.aliases].map((name) => ({ name, id: e.id }))));
  return { path, entries, byId, matcher };
}

/** The node attributes a codebook entry stands for (origin `codebook`). */
export function codebookNode(entry: CodebookEntry): NodeAttributes {
  return {
    nodeLabel: entry.nodeLabel,
    kind: entry.kind,
    name: entry.name,
    aliases: [...entry.aliases, ...entry.otherNames],
    documents: [],
    mentions: 0,
    origin: "codebook",
    ...(entry.country ? { country: entry.country } : {}),
    ...entry.extra,
  } as NodeAttributes;
}
