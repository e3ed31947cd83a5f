// Checks a document bundle against the schema before any write, gathering
// every problem: unknown kinds and types, endpoints of the wrong label, and
// evidence whose quote is not the text at its offsets.
import { InvalidDataError, type FieldProblem } from "./errors.js";
import { LABEL_OF_KIND, POLARITIES, REL_SPECS, isNodeKind, isRelType } from "./schema.js";
import type { DocumentBundle, NodeAttributes } from "./types.js";

const ID = /^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,199}$/u;

/** Problems with one node's attributes (empty when valid). */
export function nodeProblems(id: string, a: Partial<NodeAttributes>, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!ID.test(id)) problems.push({ path: `${path}.id`, message: `"${id.slice(0, 40)}" is not a valid id` });
  if (typeof a.name !== "string" || !a.name.trim()) problems.push({ path: `${path}.name`, message: "name is required" });
  if (!isNodeKind(a.kind)) problems.push({ path: `${path}.kind`, message: `unknown kind "${String(a.kind)}"` });
  else if (a.nodeLabel !== LABEL_OF_KIND[a.kind])
    problems.push({ path: `${path}.nodeLabel`, message: `kind ${a.kind} needs label ${LABEL_OF_KIND[a.kind]}, not ${String(a.nodeLabel)}` });
  if (a.aliases !== undefined && !(Array.isArray(a.aliases) && a.aliases.every((x) => typeof x === "string")))
    problems.push({ path: `${path}.aliases`, message: "aliases must be a list of strings" });
  return problems;
}

/**
 * Validates a bundle in one pass over its nodes, relationships and evidence
 * (problem paths are built only for problems). Throws InvalidDataError
 * listing every problem; returns nothing when the bundle is sound.
 */
export function validateBundle(bundle: DocumentBundle): void {
  const problems: FieldProblem[] = [];
  const doc = bundle.document;
  const text = bundle.text;
  problems.push(...nodeProblems(doc.id, doc.attributes, "document"));
  if (doc.attributes.nodeLabel !== "Document") problems.push({ path: "document.nodeLabel", message: "must be Document" });
  if (typeof text !== "string") problems.push({ path: "text", message: "text is required" });
  const labels = new Map<string, string>();
  const nodes = bundle.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const found = nodeProblems(n.id, n.attributes, `nodes[${i}]`);
    if (found.length) problems.push(...found);
    if (n.id === doc.id) problems.push({ path: `nodes[${i}].id`, message: "a node cannot share the document's id" });
    if (!Number.isInteger(n.mentions) || n.mentions < 0) problems.push({ path: `nodes[${i}].mentions`, message: "must be a whole number ≥ 0" });
    labels.set(n.id, n.attributes.nodeLabel);
  }
  const rels = bundle.relationships;
  for (let i = 0; i < rels.length; i++) {
    const r = rels[i];
    const a = r.attributes;
    if (!isRelType(a.type) || a.type === "MENTIONS") {
      problems.push({ path: `relationships[${i}].type`, message: `unknown or derived type "${String(a.type)}"` });
      continue;
    }
    if (!(POLARITIES as readonly string[]).includes(a.polarity)) problems.push({ path: `relationships[${i}].polarity`, message: "must be present or absent" });
    if (r.source === r.target) problems.push({ path: `relationships[${i}]`, message: "a relationship needs two different ends" });
    const spec = REL_SPECS[a.type];
    endProblem(problems, i, "source", r.source, labels.get(r.source), spec.from, a.type);
    endProblem(problems, i, "target", r.target, labels.get(r.target), spec.to, a.type);
    const evidence = a.evidence;
    if (!Array.isArray(evidence) || evidence.length === 0) problems.push({ path: `relationships[${i}].evidence`, message: "an extracted relationship needs evidence" });
    if (!evidence) continue;
    for (let j = 0; j < evidence.length; j++) {
      const e = evidence[j];
      if (e.document !== doc.id) problems.push({ path: `relationships[${i}].evidence[${j}].document`, message: `must be "${doc.id}"` });
      if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end <= e.start || e.end > text.length)
        problems.push({ path: `relationships[${i}].evidence[${j}]`, message: `offsets ${e.start}..${e.end} are outside the text` });
      else if (text.slice(e.start, e.end) !== e.quote)
        problems.push({ path: `relationships[${i}].evidence[${j}].quote`, message: "quote is not the text at its offsets" });
      if (e.confidence !== undefined && !(e.confidence >= 0 && e.confidence <= 1))
        problems.push({ path: `relationships[${i}].evidence[${j}].confidence`, message: "must be within 0..1" });
    }
  }
  if (problems.length) throw new InvalidDataError(`document ${doc.id} breaks the schema`, problems);
}

/** The problem with one end of relationship i, if any: not among the document's nodes, or of a label the type does not take. */
function endProblem(problems: FieldProblem[], i: number, end: "source" | "target", id: string, label: string | undefined, allowed: readonly string[], type: string): void {
  if (!label) problems.push({ path: `relationships[${i}].${end}`, message: `"${id}" is not among the document's nodes` });
  else if (!allowed.includes(label)) problems.push({ path: `relationships[${i}].${end}`, message: `${type} cannot have a ${label} as ${end}` });
}
