// CSV (RFC 4180): a node list and an edge list, one row per node and per
// relationship. Lists of strings are joined with "|" (JSON when an item holds
// a "|"), evidence travels as JSON in `evidence` and, for people reading the
// sheet, its quotes joined in `quotes`. The reader takes our files or any
// edge list with `source,target` columns and a node list with an `id` column.
import { InvalidDataError } from "../errors.js";
import type { SerializedEdge, SerializedGraph, SerializedNode } from "../types.js";
import { EDGE_FIRST, JSON_KEYS, NODE_FIRST, NUMERIC_KEYS, columnsFor, makeEdge, makeNode, type Column } from "./attribute-codec.js";

const QUOTE_SEPARATOR = " | ";
/** Columns written for display only; readers ignore them. */
const DISPLAY_ONLY = new Set(["quotes"]);
/** Schema keys that are always plain text, never JSON, whatever they start with. */
const PLAIN_KEYS = new Set(["name", "kind", "nodeLabel", "country", "type", "polarity", "origin", "strength", "role", "share", "amount", "date", "description", "title"]);

/** One field, quoted when it holds a comma, quote, CR or LF (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(value: unknown, column: Column): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value) && value.every((x) => typeof x === "string") && column.key !== "evidence") {
    return value.some((x) => x.includes("|")) || (value[0] ?? "").startsWith("[") ? JSON.stringify(value) : value.join("|");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function table(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Writes a graph as two CSV files.
 * @returns `nodes` (id, name, nodeLabel, kind, country, ...) and `edges`
 *   (id, source, target, type, polarity, confidence, ..., quotes, evidence)
 */
export function toCsv(g: SerializedGraph): { nodes: string; edges: string } {
  const nodeCols = columnsFor(g.nodes.map((n) => n.attributes), NODE_FIRST);
  const edgeCols = columnsFor(g.edges.map((e) => e.attributes), EDGE_FIRST);
  const nodes = table(
    ["id", ...nodeCols.map((c) => c.key)],
    g.nodes.map((n) => [n.key, ...nodeCols.map((c) => cell((n.attributes as Record<string, unknown>)[c.key], c))]),
  );
  const edges = table(
    ["id", "source", "target", ...edgeCols.map((c) => c.key), "quotes"],
    g.edges.map((e) => [
      e.key,
      e.source,
      e.target,
      ...edgeCols.map((c) => cell((e.attributes as Record<string, unknown>)[c.key], c)),
      (e.attributes.evidence ?? []).map((x) => x.quote).join(QUOTE_SEPARATOR),
    ]),
  );
  return { nodes, edges };
}

/**
 * Parses RFC 4180 CSV (CRLF or LF line ends, quoted fields with doubled
 * quotes, a leading BOM ignored) into rows of fields.
 * @throws InvalidDataError for an unterminated quoted field
 */
export function parseCsv(text: string, where = "csv"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new InvalidDataError(`${where}: unterminated quoted field on row ${rows.length + 1}`);
        out += text.slice(j, q);
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      field = out;
      i = j;
    } else {
      let j = i;
      while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") j++;
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (text[i] === ",") {
      i++;
      if (i === n) row.push("");
    } else {
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      if (!(row.length === 1 && row[0] === "")) rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

function decodeCell(key: string, raw: string): unknown {
  if (raw === "") return undefined;
  if (NUMERIC_KEYS.has(key)) {
    const num = Number(raw);
    return Number.isFinite(num) ? num : raw;
  }
  if (!PLAIN_KEYS.has(key) && /^\s*[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      // not JSON after all: fall through to plain text
    }
  }
  return JSON_KEYS.has(key) && key !== "evidence" && key !== "review" ? raw.split("|") : raw;
}

function records(text: string, where: string, required: string[]): Array<Record<string, string>> {
  const rows = parseCsv(text, where);
  if (!rows.length) return [];
  const header = rows[0].map((h) => h.trim());
  const missing = required.filter((r) => !header.includes(r));
  if (missing.length) throw new InvalidDataError(`${where}: missing column(s) ${missing.join(", ")}`, missing.map((m) => ({ path: `${where}.header`, message: `column "${m}" is required` })));
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));
}

/**
 * Reads a node list and an edge list into the interchange format. The node
 * list needs an `id` column (a `label` column stands in for `name`); the edge
 * list needs `source` and `target` (an `id` column keeps relationship keys).
 * @param nodesCsv the node list, or "" for none (then nodes are only those the edges name, with no attributes)
 * @throws InvalidDataError for malformed CSV or missing columns
 */
export function fromCsv(nodesCsv: string, edgesCsv: string): SerializedGraph {
  const nodes: SerializedNode[] = [];
  const known = new Set<string>();
  for (const r of nodesCsv.trim() ? records(nodesCsv, "nodes.csv", ["id"]) : []) {
    const attrs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === "id") continue;
      const value = decodeCell(k, v);
      if (value !== undefined) attrs[k === "label" && !("name" in r) ? "name" : k] = value;
    }
    nodes.push(makeNode(r.id, attrs));
    known.add(r.id);
  }
  const edges: SerializedEdge[] = [];
  for (const r of records(edgesCsv, "edges.csv", ["source", "target"])) {
    const attrs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === "id" || k === "source" || k === "target" || DISPLAY_ONLY.has(k)) continue;
      const value = decodeCell(k, v);
      if (value !== undefined) attrs[k] = value;
    }
    for (const end of [r.source, r.target])
      if (!nodesCsv.trim() && !known.has(end)) {
        known.add(end);
        nodes.push(makeNode(end, {}));
      }
    edges.push(makeEdge(r.id || undefined, r.source, r.target, attrs, edges.length));
  }
  return { attributes: {}, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes, edges };
}
