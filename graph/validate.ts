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
 * Validates a bundle. Throws InvalidDataError listing every problem; returns
 * nothing when the bundle is sound.
 */
export function validateBundle(bundle: DocumentBundle): void {
  const problems: FieldProblem[] = [];
  const doc = bundle.document;
  problems.push(...nodeProblems(doc.id, doc.attributes, "document"));
  if (doc.attributes.nodeLabel !== "Document") problems.push({ path: "document.nodeLabel", message: "must be Document" });
  if (typeof bundle.text !== "string") problems.push({ path: "text", message: "text is required" });
  const labels = new Map<string, string>();
  bundle.nodes.forEach((n, i) => {
    problems.push(...nodeProblems(n.id, n.attributes, `nodes[${i}]`));
    if (n.id === doc.id) problems.push({ path: `nodes[${i}].id`, message: "a node cannot share the document's id" });
    if (!Number.isInteger(n.mentions) || n.mentions < 0) problems.push({ path: `nodes[${i}].mentions`, message: "must be a whole number ≥ 0" });
    labels.set(n.id, n.attributes.nodeLabel);
  });
  bundle.relationships.forEach((r, i) => {
    const path = `relationships[${i}]`;
    const a = r.attributes;
    if (!isRelType(a.type) || a.type === "MENTIONS") {
      problems.push({ path: `${path}.type`, message: `unknown or derived type "${String(a.type)}"` });
      return;
    }
    if (!(POLARITIES as readonly string[]).includes(a.polarity)) problems.push({ path: `${path}.polarity`, message: "must be present or absent" });
    if (r.source === r.target) problems.push({ path, message: "a relationship needs two different ends" });
    const spec = REL_SPECS[a.type];
    for (const [end, id, allowed] of [["source", r.source, spec.from], ["target", r.target, spec.to]] as const) {
      const label = labels.get(id);
      if (!label) problems.push({ path: `${path}.${end}`, message: `"${id}" is not among the document's nodes` });
      else if (!(allowed as readonly string[]).includes(label))
        problems.push({ path: `${path}.${end}`, message: `${a.type} cannot have a ${label} as ${end}` });
    }
    if (!Array.isArray(a.evidence) || a.evidence.length === 0) problems.push({ path: `${path}.evidence`, message: "an extracted relationship needs evidence" });
    (a.evidence ?? []).forEach((e, j) => {
      const ep = `${path}.evidence[${j}]`;
      if (e.document !== doc.id) problems.push({ path: `${ep}.document`, message: `must be "${doc.id}"` });
      if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end <= e.start || e.end > bundle.text.length)
        problems.push({ path: ep, message: `offsets ${e.start}..${e.end} are outside the text` });
      else if (bundle.text.slice(e.start, e.end) !== e.quote) problems.push({ path: `${ep}.quote`, message: "quote is not the text at its offsets" });
      if (e.confidence !== undefined && !(e.confidence >= 0 && e.confidence <= 1)) problems.push({ path: `${ep}.confidence`, message: "must be within 0..1" });
    });
  });
  if (problems.length) throw new InvalidDataError(`document ${doc.id} breaks the schema`, problems);
}
