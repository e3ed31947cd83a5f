// How node and relationship attributes travel through flat formats (GEXF,
// GraphML, CSV): each attribute key gets one column with a declared type;
// lists and objects (aliases, evidence, review) travel as JSON strings in a
// column marked as JSON, so a round trip gives back the same values.
import { REL_SPECS, isRelType } from "../schema.js";
import type { EdgeAttributes, NodeAttributes, SerializedEdge, SerializedNode } from "../types.js";

/** The value type of one attribute column. */
export type ColumnType = "string" | "long" | "double" | "boolean" | "json";

/** One attribute column: its key and how values are written. */
export interface Column {
  key: string;
  type: ColumnType;
}

/** Keys every reader treats as numbers when a format gives them as text (CSV, untyped XML). */
export const NUMERIC_KEYS = new Set([
  "confidence", "since", "until", "count", "mentions", "founded", "membership",
  "membershipYear", "participants", "signed", "year", "bytes", "chars", "start", "end",
]);

/** Keys that hold lists or objects and are always JSON-encoded. */
export const JSON_KEYS = new Set(["aliases", "documents", "parties", "roles", "authors", "evidence", "review"]);

function typeOfValue(value: unknown): ColumnType {
  if (typeof value === "number") return Number.isInteger(value) ? "long" : "double";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "json";
}

/**
 * The columns needed for a list of attribute objects, in a stable order:
 * `first` keys (when present), then the rest alphabetically. A key whose values
 * mix types becomes JSON (or double, when it mixes whole and decimal numbers).
 */
export function columnsFor(items: Iterable<Record<string, unknown>>, first: readonly string[] = [], skip: readonly string[] = []): Column[] {
  const types = new Map<string, ColumnType>();
  for (const attrs of items) {
    for (const key in attrs) {
      const value = attrs[key];
      if (value === undefined || value === null) continue;
      const t = JSON_KEYS.has(key) ? "json" : typeOfValue(value);
      const seen = types.get(key);
      if (seen === undefined || seen === t) types.set(key, t);
      else if ((seen === "long" && t === "double") || (seen === "double" && t === "long")) types.set(key, "double");
      else types.set(key, "json");
    }
  }
  const skipSet = new Set(skip);
  const head = first.filter((k) => types.has(k) && !skipSet.has(k));
  const rest = [...types.keys()].filter((k) => !head.includes(k) && !skipSet.has(k)).sort();
  return [...head, ...rest].map((key) => ({ key, type: types.get(key)! }));
}

/** One value as the text a flat format stores. */
export function encodeValue(value: unknown, type: ColumnType): string {
  if (type === "json") return JSON.stringify(value);
  return String(value);
}

/**
 * Text back to a value of the declared type. Untyped text (`string`) of a
 * numeric key becomes a number, and of a JSON key a parsed list when it looks
 * like one, so hand-written files load too.
 */
export function decodeValue(key: string, text: string, type: ColumnType): unknown {
  switch (type) {
    case "long":
    case "double": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? n : text;
    }
    case "boolean":
      return text === "true" || text === "1";
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      if (NUMERIC_KEYS.has(key)) {
        const n = Number(text);
        if (text.trim() !== "" && Number.isFinite(n)) return n;
      }
      if (JSON_KEYS.has(key) && /^\s*[[{]/.test(text)) {
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
      return text;
  }
}

/** Builds a serialised node from its key and decoded attributes. */
export function makeNode(key: string, attributes: Record<string, unknown>): SerializedNode {
  return { key, attributes: attributes as NodeAttributes };
}

/** Builds a serialised edge; `undirected` follows the relationship type when it is known. */
export function makeEdge(key: string | undefined, source: string, target: string, attributes: Record<string, unknown>, index: number, undirected?: boolean): SerializedEdge {
  const type = attributes.type;
  const und = isRelType(type) ? !REL_SPECS[type].directed : (undirected ?? false);
  return { key: key ?? `e${index}`, source, target, undirected: und, attributes: attributes as EdgeAttributes };
}

/** The order of node columns the writers use before the alphabetical rest. */
export const NODE_FIRST = ["name", "nodeLabel", "kind", "country", "aliases", "documents", "mentions", "origin"] as const;
/** The order of relationship columns the writers use before the alphabetical rest. */
export const EDGE_FIRST = ["type", "polarity", "confidence", "origin", "strength", "since", "until", "role", "share", "amount", "date", "count", "evidence", "review"] as const;
