// Checks a document bundle (extractor output, from rules or a model) against
// the schema before any write, gathering every problem: the shape and value
// types, unknown kinds, types and enum values, endpoints of the wrong label,
// and evidence whose quote is not the text at its offsets. Nothing malformed
// gets past it as a TypeError: every problem is an InvalidDataError entry.
import { InvalidDataError, type FieldProblem } from "./errors.js";
import { LABEL_OF_KIND, NODE_ORIGINS, ORIGINS, PARTICIPATION_ROLES, POLARITIES, REL_SPECS, SCOPES, TIE_STRENGTHS, isNodeKind, isRelType } from "./schema.js";
import type { DocumentBundle, NodeAttributes } from "./types.js";

const ID = /^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,199}$/u;
const COUNTRY = /^[A-Z]{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const NODE_ORIGIN_SET = new Set<unknown>(NODE_ORIGINS);
const ORIGIN_SET = new Set<unknown>(ORIGINS);
const POLARITY_SET = new Set<unknown>(POLARITIES);
const SCOPE_SET = new Set<unknown>(SCOPES);
const STRENGTH_SET = new Set<unknown>(TIE_STRENGTHS);
const ROLE_SET = new Set<unknown>(PARTICIPATION_ROLES);
/** Node attributes that, when present, are whole numbers ≥ 0 (years, counts, sizes). */
const NODE_COUNTS = ["founded", "membership", "membershipYear", "participants", "signed", "year", "bytes", "chars"] as const;
/** Node attributes that, when present, are text. */
const NODE_TEXTS = ["description", "ideology", "date", "place", "title", "file", "format"] as const;
/** Node attributes that, when present, are lists of text. */
const NODE_LISTS = ["parties", "roles", "authors"] as const;

/**
 * True for a SHA-256 as the ingest writes it, 64 lower-case hex digits: a
 * document's `sha256` names its text's file in the embedded store
 * (`texts/<sha256>.txt`), so nothing else may pass for one.
 */
export function isSha256(x: unknown): x is string {
  return typeof x === "string" && SHA256.test(x);
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === "object" && x !== null && !Array.isArray(x);
const isStringList = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === "string");
const isUnit = (x: unknown) => typeof x === "number" && x >= 0 && x <= 1;
const show = (x: unknown) => (typeof x === "string" ? `"${x.slice(0, 40)}"` : typeof x === "number" ? String(x) : x === null ? "null" : typeof x);

/** Problems with one node's attributes (empty when valid): id, name, kind, label, aliases. */
export function nodeProblems(id: string, a: Partial<NodeAttributes>, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof id !== "string" || !ID.test(id)) problems.push({ path: `${path}.id`, message: `${show(id)} is not a valid id` });
  if (typeof a.name !== "string" || !a.name.trim()) problems.push({ path: `${path}.name`, message: "name is required" });
  if (!isNodeKind(a.kind)) problems.push({ path: `${path}.kind`, message: `unknown kind ${show(a.kind)}` });
  else if (a.nodeLabel !== LABEL_OF_KIND[a.kind])
    problems.push({ path: `${path}.nodeLabel`, message: `kind ${a.kind} needs label ${LABEL_OF_KIND[a.kind]}, not ${show(a.nodeLabel)}` });
  if (a.aliases !== undefined && !isStringList(a.aliases)) problems.push({ path: `${path}.aliases`, message: "aliases must be a list of strings" });
  if (a.sha256 !== undefined && !isSha256(a.sha256)) problems.push({ path: `${path}.sha256`, message: `${show(a.sha256)} is not a SHA-256 (64 hex digits, lower case)` });
  return problems;
}

/** What a bundle adds to nodeProblems: the origin enum and the types of the optional attributes SCHEMA.md names. */
function bundleNodeProblems(problems: FieldProblem[], id: string, a: Loose, path: string): void {
  const found = nodeProblems(id, a as Partial<NodeAttributes>, path);
  if (found.length) problems.push(...found);
  if (!NODE_ORIGIN_SET.has(a.origin)) problems.push({ path: `${path}.origin`, message: `unknown origin ${show(a.origin)} (allowed: ${NODE_ORIGINS.join(", ")})` });
  if (a.scope !== undefined && !SCOPE_SET.has(a.scope)) problems.push({ path: `${path}.scope`, message: `unknown scope ${show(a.scope)}` });
  if (a.country !== undefined && !(typeof a.country === "string" && COUNTRY.test(a.country)))
    problems.push({ path: `${path}.country`, message: `${show(a.country)} is not an ISO 3166-1 alpha-2 code` });
  for (const key of NODE_COUNTS)
    if (a[key] !== undefined && !(Number.isInteger(a[key]) && (a[key] as number) >= 0)) problems.push({ path: `${path}.${key}`, message: `must be a whole number ≥ 0, not ${show(a[key])}` });
  for (const key of NODE_TEXTS) if (a[key] !== undefined && typeof a[key] !== "string") problems.push({ path: `${path}.${key}`, message: `must be text, not ${show(a[key])}` });
  for (const key of NODE_LISTS) if (a[key] !== undefined && !isStringList(a[key])) problems.push({ path: `${path}.${key}`, message: "must be a list of strings" });
}

/**
 * Validates a bundle in one pass over its nodes, relationships and evidence
 * (problem paths are built only for problems). Accepts any value, so that
 * extractor output of the wrong shape is rejected the same way as output of
 * the wrong content. Throws InvalidDataError listing every problem; returns
 * nothing when the bundle is sound.
 */
export function validateBundle(bundle: DocumentBundle): void {
  const b = bundle as unknown;
  if (!isObject(b)) throw new InvalidDataError("a document bundle breaks the schema", [{ path: "(root)", message: `must be an object, not ${show(b)}` }]);
  const problems: FieldProblem[] = [];
  const doc = b.document;
  const docId = isObject(doc) && typeof doc.id === "string" ? doc.id : "(no id)";
  if (!isObject(doc) || !isObject(doc.attributes)) problems.push({ path: "document", message: "must be an object with id and attributes" });
  else {
    bundleNodeProblems(problems, doc.id as string, doc.attributes, "document");
    if (doc.attributes.nodeLabel !== "Document") problems.push({ path: "document.nodeLabel", message: "must be Document" });
  }
  const text = typeof b.text === "string" ? b.text : null;
  if (text === null) problems.push({ path: "text", message: `text is required, not ${show(b.text)}` });
  const labels = new Map<unknown, unknown>();
  const nodes = Array.isArray(b.nodes) ? (b.nodes as unknown[]) : [];
  if (!Array.isArray(b.nodes)) problems.push({ path: "nodes", message: `must be a list, not ${show(b.nodes)}` });
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!isObject(n) || !isObject(n.attributes)) {
      problems.push({ path: `nodes[${i}]`, message: "must be an object with id, attributes and mentions" });
      continue;
    }
    const a = n.attributes;
    bundleNodeProblems(problems, n.id as string, a, `nodes[${i}]`);
    if (n.id === docId) problems.push({ path: `nodes[${i}].id`, message: "a node cannot share the document's id" });
    if (a.nodeLabel === "Document") problems.push({ path: `nodes[${i}].nodeLabel`, message: "only the bundle's own document is a Document" });
    if (!Number.isInteger(n.mentions) || (n.mentions as number) < 0) problems.push({ path: `nodes[${i}].mentions`, message: `must be a whole number ≥ 0, not ${show(n.mentions)}` });
    labels.set(n.id, a.nodeLabel);
  }
  const rels = Array.isArray(b.relationships) ? (b.relationships as unknown[]) : [];
  if (!Array.isArray(b.relationships)) problems.push({ path: "relationships", message: `must be a list, not ${show(b.relationships)}` });
  for (let i = 0; i < rels.length; i++) relationshipProblems(problems, rels[i], i, labels, docId, text);
  if (problems.length) throw new InvalidDataError(`document ${docId} breaks the schema`, problems);
}

/** The problems of relationship i: type, polarity, ends, attribute values, then each evidence item. */
function relationshipProblems(problems: FieldProblem[], r: unknown, i: number, labels: Map<unknown, unknown>, docId: string, text: string | null): void {
  if (!isObject(r) || !isObject(r.attributes)) {
    problems.push({ path: `relationships[${i}]`, message: "must be an object with source, target and attributes" });
    return;
  }
  const a = r.attributes;
  const type = a.type;
  if (!isRelType(type) || type === "MENTIONS") {
    problems.push({ path: `relationships[${i}].type`, message: `unknown or derived type ${show(type)}` });
    return;
  }
  if (!POLARITY_SET.has(a.polarity)) problems.push({ path: `relationships[${i}].polarity`, message: "must be present or absent" });
  if (r.source === r.target) problems.push({ path: `relationships[${i}]`, message: "a relationship needs two different ends" });
  const spec = REL_SPECS[type];
  endProblem(problems, i, "source", r.source, labels.get(r.source), spec.from, type);
  endProblem(problems, i, "target", r.target, labels.get(r.target), spec.to, type);
  valueProblems(problems, a, i, -1, type);
  if (a.origin !== undefined && !ORIGIN_SET.has(a.origin)) problems.push({ path: `relationships[${i}].origin`, message: `unknown origin ${show(a.origin)}` });
  if (a.review !== undefined) problems.push({ path: `relationships[${i}].review`, message: "a review is a person's decision, never part of extractor output" });
  const evidence = a.evidence;
  if (!Array.isArray(evidence) || evidence.length === 0) {
    problems.push({ path: `relationships[${i}].evidence`, message: "an extracted relationship needs a list of evidence" });
    return;
  }
  for (let j = 0; j < evidence.length; j++) {
    const e: unknown = evidence[j];
    if (!isObject(e)) {
      problems.push({ path: `relationships[${i}].evidence[${j}]`, message: `must be an object, not ${show(e)}` });
      continue;
    }
    if (e.document !== docId) problems.push({ path: `relationships[${i}].evidence[${j}].document`, message: `must be "${docId}"` });
    const { start, end } = e as { start: number; end: number };
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || (text !== null && end > text.length))
      problems.push({ path: `relationships[${i}].evidence[${j}]`, message: `offsets ${show(start)}..${show(end)} are outside the text` });
    else if (text !== null && text.slice(start, end) !== e.quote)
      problems.push({ path: `relationships[${i}].evidence[${j}].quote`, message: "quote is not the text at its offsets" });
    if (e.cue !== undefined && typeof e.cue !== "string") problems.push({ path: `relationships[${i}].evidence[${j}].cue`, message: "must be text" });
    valueProblems(problems, e, i, j, type);
  }
}

/** The path of relationship i, or of its evidence item j (j ≥ 0); built only for a problem. */
const pathOf = (i: number, j: number) => (j < 0 ? `relationships[${i}]` : `relationships[${i}].evidence[${j}]`);

/**
 * Problems with the values relationship i (j = -1) or its evidence item j may
 * carry: confidence, strength, years, role, text fields. Runs for every
 * evidence item of every ingest, so each attribute is read by name and a
 * path is built only for a problem.
 */
function valueProblems(problems: FieldProblem[], a: Loose, i: number, j: number, type: string): void {
  if (a.confidence !== undefined && !isUnit(a.confidence)) problems.push({ path: `${pathOf(i, j)}.confidence`, message: `must be a number within 0..1, not ${show(a.confidence)}` });
  if (a.strength !== undefined && !STRENGTH_SET.has(a.strength)) problems.push({ path: `${pathOf(i, j)}.strength`, message: `unknown strength ${show(a.strength)}` });
  if (a.since !== undefined && !Number.isInteger(a.since)) problems.push({ path: `${pathOf(i, j)}.since`, message: `must be a year, not ${show(a.since)}` });
  if (a.until !== undefined && !Number.isInteger(a.until)) problems.push({ path: `${pathOf(i, j)}.until`, message: `must be a year, not ${show(a.until)}` });
  if (a.role !== undefined && (typeof a.role !== "string" || (type === "PARTICIPATED_IN" && !ROLE_SET.has(a.role))))
    problems.push({ path: `${pathOf(i, j)}.role`, message: `${show(a.role)} is not a role${type === "PARTICIPATED_IN" ? ` (allowed: ${PARTICIPATION_ROLES.join(", ")})` : ""}` });
  if (a.share !== undefined && typeof a.share !== "string") textProblem(problems, a, pathOf(i, j), "share");
  if (a.amount !== undefined && typeof a.amount !== "string") textProblem(problems, a, pathOf(i, j), "amount");
  if (a.date !== undefined && typeof a.date !== "string") textProblem(problems, a, pathOf(i, j), "date");
}

function textProblem(problems: FieldProblem[], a: Loose, path: string, key: string): void {
  problems.push({ path: `${path}.${key}`, message: `must be text, not ${show(a[key])}` });
}

/** The problem with one end of relationship i, if any: not among the document's nodes, or of a label the type does not take. */
function endProblem(problems: FieldProblem[], i: number, end: "source" | "target", id: unknown, label: unknown, allowed: readonly string[], type: string): void {
  if (label === undefined || typeof id !== "string") problems.push({ path: `relationships[${i}].${end}`, message: `${show(id)} is not among the document's nodes` });
  else if (!allowed.includes(label as string)) problems.push({ path: `relationships[${i}].${end}`, message: `${type} cannot have a ${typeof label === "string" ? label : show(label)} as ${end}` });
}
