// Checks an interchange graph against the schema before an import, gathering
// every problem: bad ids, unknown kinds and types, labels that do not match
// their kind, relationships whose ends are missing or of the wrong label,
// out-of-range values and malformed evidence.
import type { FieldProblem } from "../errors.js";
import { ORIGINS, POLARITIES, REL_SPECS, TIE_STRENGTHS, isRelType } from "../schema.js";
import type { Evidence, SerializedGraph } from "../types.js";
import { nodeProblems } from "../validate.js";

const POLARITY_SET = new Set<string>(POLARITIES);
const ORIGIN_SET = new Set<string>(ORIGINS);
const STRENGTH_SET = new Set<string>(TIE_STRENGTHS);

function evidenceProblems(items: unknown, path: string): FieldProblem[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return [{ path, message: "evidence must be a list" }];
  const problems: FieldProblem[] = [];
  items.forEach((raw, j) => {
    const e = raw as Partial<Evidence> | null;
    const ep = `${path}[${j}]`;
    if (!e || typeof e !== "object") return problems.push({ path: ep, message: "evidence items must be objects" });
    if (typeof e.document !== "string" || !e.document) problems.push({ path: `${ep}.document`, message: "document id is required" });
    if (typeof e.quote !== "string") problems.push({ path: `${ep}.quote`, message: "quote must be text" });
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || (e.start as number) < 0 || (e.end as number) < (e.start as number))
      problems.push({ path: ep, message: `offsets ${String(e.start)}..${String(e.end)} are not a valid span` });
    if (e.confidence !== undefined && !(e.confidence >= 0 && e.confidence <= 1)) problems.push({ path: `${ep}.confidence`, message: "must be within 0..1" });
  });
  return problems;
}

/**
 * Every problem with an interchange graph, in file order (nodes first). An
 * empty list means the graph can be imported as it is.
 * @param g the graph read by fromJson/fromGexf/fromGraphml/fromCsv
 * @returns the problems, each with a path such as `edges[12].type`
 */
export function validateSerializedGraph(g: SerializedGraph): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const labels = new Map<string, string>();
  g.nodes.forEach((n, i) => {
    const path = `nodes[${i}]`;
    if (labels.has(n.key)) problems.push({ path: `${path}.key`, message: `"${n.key}" appears more than once` });
    const a = (n.attributes ?? {}) as Record<string, unknown>;
    problems.push(...nodeProblems(String(n.key), a, path));
    labels.set(n.key, String(a.nodeLabel));
  });
  g.edges.forEach((e, i) => {
    const path = `edges[${i}]`;
    const a = (e.attributes ?? {}) as Record<string, unknown>;
    const type = a.type;
    if (!isRelType(type)) problems.push({ path: `${path}.type`, message: `unknown relationship type "${String(type)}"` });
    if (e.source === e.target) problems.push({ path, message: `a relationship needs two different ends ("${e.source}")` });
    for (const [end, id] of [["source", e.source], ["target", e.target]] as const) {
      const label = labels.get(id);
      if (label === undefined) problems.push({ path: `${path}.${end}`, message: `node "${String(id)}" does not exist` });
      else if (isRelType(type)) {
        const allowed: readonly string[] = end === "source" ? REL_SPECS[type].from : REL_SPECS[type].to;
        const undirectedOk = !REL_SPECS[type].directed && REL_SPECS[type].from.includes(label as never);
        if (!allowed.includes(label) && !undirectedOk) problems.push({ path: `${path}.${end}`, message: `${type} cannot have a ${label} as ${end} (allowed: ${allowed.join(", ")})` });
      }
    }
    if (a.polarity !== undefined && !POLARITY_SET.has(a.polarity as string)) problems.push({ path: `${path}.polarity`, message: `must be present or absent, not "${String(a.polarity)}"` });
    if (a.origin !== undefined && !ORIGIN_SET.has(a.origin as string)) problems.push({ path: `${path}.origin`, message: `unknown origin "${String(a.origin)}"` });
    if (a.confidence !== undefined && !(typeof a.confidence === "number" && a.confidence >= 0 && a.confidence <= 1))
      problems.push({ path: `${path}.confidence`, message: `must be a number within 0..1, not ${JSON.stringify(a.confidence)}` });
    if (a.strength !== undefined && !STRENGTH_SET.has(a.strength as string)) problems.push({ path: `${path}.strength`, message: `unknown strength "${String(a.strength)}"` });
    for (const key of ["since", "until"] as const)
      if (a[key] !== undefined && !Number.isInteger(a[key])) problems.push({ path: `${path}.${key}`, message: "must be a year (whole number)" });
    if (a.evidence !== undefined) problems.push(...evidenceProblems(a.evidence, `${path}.evidence`));
  });
  return problems;
}
