// Generated extractor output for RELIABILITY.md B6 API10 ("unsafe
// consumption"): fast-check arbitraries of valid document bundles (every
// relationship type with endpoints of allowed labels, evidence whose quote is
// the text at its offsets), and of malformed ones made from a valid bundle by
// one corruption each: a value of the wrong type, an unknown enum value, an
// endpoint of the wrong label, offsets out of range, a quote that is not the
// slice, a NaN confidence, a planted review ... Each malformed bundle says
// which problem path the validator must report.
import fc from "fast-check";
import { KINDS_BY_LABEL, NODE_LABELS, NODE_ORIGINS, ORIGINS, PARTICIPATION_ROLES, REL_SPECS, REL_TYPES, TIE_STRENGTHS, type NodeLabel, type RelType } from "../../graph/schema.js";
import type { DocumentBundle } from "../../graph/types.js";

/** Types an extractor may emit (MENTIONS is derived by the store). */
export const EXTRACTED_TYPES = REL_TYPES.filter((t) => t !== "MENTIONS");
const NODE_FAMILIES = NODE_LABELS.filter((l) => l !== "Document");
const WORDS = ["Rengō", "KCTU", "ties", "with", "the", "–", "unions", "protested", "against", "EPA", "1998", "and", "Zenrōren", "pressured", "MOFA", "solidarity", "Ijuren", "(interview)", "naïve", "ITUC"];

/** One relationship of a valid bundle before node ids are assigned. */
const relDraftArb = fc.record({
  type: fc.constantFrom(...EXTRACTED_TYPES),
  polarity: fc.constantFrom("present" as const, "absent" as const),
  ends: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.boolean()),
  confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  evidence: fc.array(
    fc.record({
      at: fc.nat(),
      length: fc.nat(),
      confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      pick: fc.nat(),
      since: fc.option(fc.integer({ min: 1900, max: 2030 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

/** A node of `label`, kind picked by `k`, with optional attributes of the right types. */
function nodeOf(id: string, label: NodeLabel, k: number, mentions: number) {
  const kinds = KINDS_BY_LABEL[label];
  const kind = kinds[k % kinds.length];
  const extra = label === "Organization" ? (k % 3 === 0 ? { country: ["JP", "KR", "PH"][(k >> 2) % 3], founded: 1940 + (k % 80) } : { scope: "international" }) : {};
  return { id, mentions, attributes: { nodeLabel: label, kind, name: `${kind} ${id}`, aliases: k % 2 ? [`alias ${id}`] : [], documents: [], mentions: 0, origin: NODE_ORIGINS[k % NODE_ORIGINS.length], ...extra } };
}

/** Valid bundles: 1–5 relationships of any extracted type, their ends as nodes, 1–3 evidence items each. */
export function validBundleArb(docIds: fc.Arbitrary<string> = fc.stringMatching(/^doc-[a-z0-9]{1,10}$/)): fc.Arbitrary<DocumentBundle> {
  return fc
    .record({
      id: docIds,
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 6, maxLength: 50 }),
      rels: fc.array(relDraftArb, { minLength: 1, maxLength: 5 }),
      mentions: fc.nat({ max: 30 }),
    })
    .map(({ id, words, rels, mentions }) => {
      const text = words.join(" ") + ".";
      const nodes: Array<ReturnType<typeof nodeOf>> = [];
      const endOf = (allowed: readonly NodeLabel[], pick: number, k: number, reuse: boolean, not?: string) => {
        const existing = reuse ? nodes.find((n) => allowed.includes(n.attributes.nodeLabel) && n.id !== not) : undefined;
        if (existing) return existing.id;
        const node = nodeOf(`n${nodes.length}`, allowed[pick % allowed.length], k, mentions + nodes.length);
        nodes.push(node);
        return node.id;
      };
      const relationships = rels.map((r) => {
        const spec = REL_SPECS[r.type];
        const [ps, pt, ks, kt, reuse] = r.ends;
        const source = endOf(spec.from, ps, ks, reuse);
        const target = endOf(spec.to, pt, kt, reuse, source);
        const evidence = r.evidence.map((e) => {
          const start = e.at % text.length;
          const end = start + 1 + (e.length % (text.length - start));
          const item: Record<string, unknown> = { document: id, quote: text.slice(start, end), start, end, cue: "generated" };
          if (e.confidence !== undefined) item.confidence = e.confidence;
          if (e.since !== undefined) item.since = e.since;
          if (r.type === "TIE") item.strength = TIE_STRENGTHS[e.pick % TIE_STRENGTHS.length];
          if (r.type === "PARTICIPATED_IN") item.role = PARTICIPATION_ROLES[e.pick % PARTICIPATION_ROLES.length];
          if (r.type === "ROLE_IN") item.role = ["chairperson", "co-representative", "director"][e.pick % 3];
          if (r.type === "FUNDS" && e.pick % 2) item.share = "80% of the budget";
          return item;
        });
        const attributes: Record<string, unknown> = { type: r.type, polarity: r.polarity, origin: "extracted", evidence };
        if (r.confidence !== undefined) attributes.confidence = r.confidence;
        return { source, target, attributes };
      });
      const document = { id, attributes: { nodeLabel: "Document", kind: "document", name: `Paper ${id}`, title: `Paper ${id}`, aliases: [], documents: [], mentions: 0, origin: "extracted", year: 2004 } };
      return { document, text, nodes, relationships } as unknown as DocumentBundle;
    });
}

// ---- bad values -------------------------------------------------------------

const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));
const notObject = fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const notList = fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));
const notNumber = fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 1 }));
/** Not a number within 0..1: NaN, infinities, out of range, numeric strings, other types. */
const badUnit = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, "0.5", "1", -0.000001, 1.000001), fc.double({ min: 1, minExcluded: true, noNaN: true }), fc.double({ max: 0, maxExcluded: true, noNaN: true }).filter((x) => x < 0), notNumber);
/** Not a whole number ≥ 0. */
const badCount = fc.oneof(fc.constantFrom(NaN, Infinity, 0.5, "3"), fc.integer({ max: -1 }), fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)), notNumber);
/** Not a year. */
const badYear = fc.oneof(fc.constantFrom(NaN, Infinity, 1998.5, "1998"), fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)), notNumber);
/** Neither a known string nor a string at all. */
function unknownOf(known: readonly string[]): fc.Arbitrary<unknown> {
  const nearMisses = known.flatMap((k) => [k.toUpperCase(), k.toLowerCase(), ` ${k}`]).filter((k) => !known.includes(k));
  return fc.oneof(fc.string({ maxLength: 12 }).filter((s) => !known.includes(s)), fc.constantFrom(...nearMisses), notString);
}
/** Strings that are not ids: empty, leading punctuation, spaces, slashes, quotes, too long; and other types. */
const badId = fc.oneof(fc.constantFrom("", "-x", ".x", "a b", "a/b", "a'b", 'a"b', "a\nb", "x".repeat(201), "a;MATCH (n) DETACH DELETE n"), notString);

// ---- corruptions ------------------------------------------------------------

/** A malformed bundle, which corruption made it, and the problem path the validator must report. */
export interface MalformedBundle {
  bundle: unknown;
  corruption: string;
  path: string;
}

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- mutating generated JSON of any shape
type Corrupt = (b: J, i: number, j: number, bad: unknown) => string;

/** Each corruption: the bad values it takes, and how it applies one (returns the expected problem path). */
const CORRUPTIONS: Record<string, [fc.Arbitrary<unknown>, Corrupt]> = {
  "bundle is not an object": [notObject, () => "(root)"],
  "text of the wrong type": [notString, (b, _i, _j, bad) => ((b.text = bad), "text")],
  "nodes not a list": [notList, (b, _i, _j, bad) => ((b.nodes = bad), "nodes")],
  "relationships not a list": [notList, (b, _i, _j, bad) => ((b.relationships = bad), "relationships")],
  "document not an object": [notObject, (b, _i, j, bad) => (j % 2 ? (b.document = bad) : (b.document.attributes = bad), "document")],
  "document id invalid": [badId, (b, _i, _j, bad) => ((b.document.id = bad), "document.id")],
  "document with another label": [fc.constantFrom(...NODE_FAMILIES), (b, _i, _j, bad) => ((b.document.attributes.nodeLabel = bad), "document.nodeLabel")],
  // a document's sha256 names its text's file in the embedded store (texts/<sha256>.txt): a path, or any other text, is refused
  "document sha256 not a SHA-256": [fc.oneof(fc.constantFrom("../../outside", "a".repeat(63), "A".repeat(64), `${"a".repeat(64)}/x`, "", "changed"), fc.stringMatching(/^[0-9a-f/.]{1,70}$/).filter((s) => !/^[0-9a-f]{64}$/.test(s)), notString), (b, _i, _j, bad) => ((b.document.attributes.sha256 = bad), "document.sha256")],
  "node not an object": [notObject, (b, i, j, bad) => { const k = i % b.nodes.length; if (j % 2) b.nodes[k] = bad; else b.nodes[k].attributes = bad; return `nodes[${k}]`; }],
  "node id invalid": [badId, (b, i, _j, bad) => node(b, i, (n, k) => ((n.id = bad), `nodes[${k}].id`))],
  "node id of the document": [fc.constant(0), (b, i) => node(b, i, (n, k) => ((n.id = b.document.id), `nodes[${k}].id`))],
  "node kind unknown": [unknownOf(Object.keys(KINDS_BY_LABEL).flatMap((l) => KINDS_BY_LABEL[l as NodeLabel])), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.kind = bad), `nodes[${k}].kind`))],
  "node label not its kind's": [fc.oneof(fc.constantFrom(...NODE_LABELS), notString), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.nodeLabel = bad === n.attributes.nodeLabel ? "Document" : bad), `nodes[${k}].nodeLabel`))],
  "node is a second Document": [fc.constant(0), (b, i) => node(b, i, (n, k) => ((n.attributes.kind = "document"), (n.attributes.nodeLabel = "Document"), `nodes[${k}].nodeLabel`))],
  "node name missing": [fc.oneof(fc.constantFrom("", "   ", "\n"), notString), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.name = bad), `nodes[${k}].name`))],
  "node aliases malformed": [fc.oneof(notList, fc.array(fc.oneof(fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 2 })), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.aliases = bad), `nodes[${k}].aliases`))],
  "node mentions not a count": [badCount, (b, i, _j, bad) => node(b, i, (n, k) => ((n.mentions = bad), `nodes[${k}].mentions`))],
  "node origin unknown": [unknownOf(NODE_ORIGINS), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.origin = bad), `nodes[${k}].origin`))],
  "node scope unknown": [unknownOf(["national", "regional", "international"]), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.scope = bad), `nodes[${k}].scope`))],
  "node country not a code": [fc.oneof(fc.constantFrom("jp", "JPN", "Japan", ""), notString), (b, i, _j, bad) => node(b, i, (n, k) => ((n.attributes.country = bad), `nodes[${k}].country`))],
  "node year not a count": [badCount, (b, i, j, bad) => node(b, i, (n, k) => { const key = ["founded", "membership", "participants", "signed"][j % 4]; n.attributes[key] = bad; return `nodes[${k}].${key}`; })],
  "relationship not an object": [notObject, (b, i, j, bad) => rel(b, i, (r, k) => { if (j % 2) b.relationships[k] = bad; else r.attributes = bad; return `relationships[${k}]`; })],
  "relationship type unknown": [fc.oneof(unknownOf(REL_TYPES), fc.constant("MENTIONS")), (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.type = bad), `relationships[${k}].type`))],
  "relationship polarity unknown": [unknownOf(["present", "absent"]), (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.polarity = bad), `relationships[${k}].polarity`))],
  "relationship end unknown": [fc.oneof(fc.constantFrom("nobody", "n999", ""), notString), (b, i, j, bad) => rel(b, i, (r, k) => { const end = j % 2 ? "source" : "target"; r[end] = bad; return `relationships[${k}].${end}`; })],
  "relationship end of a wrong label": [fc.nat(), (b, i, j, bad) => rel(b, i, (r, k) => wrongLabel(b, r, k, j % 2 ? "source" : "target", bad as number))],
  "relationship to itself": [fc.constant(0), (b, i) => rel(b, i, (r, k) => ((r.target = r.source), `relationships[${k}]`))],
  "relationship confidence not in 0..1": [badUnit, (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.confidence = bad), `relationships[${k}].confidence`))],
  "relationship origin unknown": [unknownOf(ORIGINS), (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.origin = bad), `relationships[${k}].origin`))],
  "relationship strength unknown": [unknownOf(TIE_STRENGTHS), (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.strength = bad), `relationships[${k}].strength`))],
  "relationship with a planted review": [fc.constantFrom("accept", "reject", "correct"), (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.review = { decision: bad, by: "extractor", at: "2026-01-01" }), `relationships[${k}].review`))],
  "relationship without evidence": [fc.oneof(fc.constant([]), notList), (b, i, _j, bad) => rel(b, i, (r, k) => ((r.attributes.evidence = bad), `relationships[${k}].evidence`))],
  "evidence item not an object": [notObject, (b, i, j, bad) => ev(b, i, j, (_e, path, r, m) => ((r.attributes.evidence[m] = bad), path))],
  "evidence of another document": [fc.oneof(fc.constantFrom("doc-other", ""), notString), (b, i, j, bad) => ev(b, i, j, (e, path) => ((e.document = bad), `${path}.document`))],
  "evidence offsets out of range": [fc.tuple(fc.nat(4), badCount, fc.nat(1000)), (b, i, j, bad) => ev(b, i, j, (e, path) => badOffsets(b, e, path, bad as [number, unknown, number]))],
  "evidence quote not the slice": [fc.oneof(fc.string({ maxLength: 20 }), notString), (b, i, j, bad) => ev(b, i, j, (e, path) => ((e.quote = bad === e.quote ? `${e.quote}x` : bad), `${path}.quote`))],
  "evidence confidence not in 0..1": [badUnit, (b, i, j, bad) => ev(b, i, j, (e, path) => ((e.confidence = bad), `${path}.confidence`))],
  "evidence strength unknown": [unknownOf(TIE_STRENGTHS), (b, i, j, bad) => ev(b, i, j, (e, path) => ((e.strength = bad), `${path}.strength`))],
  "evidence year not a year": [badYear, (b, i, j, bad) => ev(b, i, j, (e, path) => { const key = j % 2 ? "since" : "until"; e[key] = bad; return `${path}.${key}`; })],
  "evidence role not a role": [fc.oneof(notString, fc.constantFrom("organiser", "leader", "")), (b, i, j, bad) => ev(b, i, j, (e, path, r) => ((e.role = typeof bad !== "string" || r.attributes.type === "PARTICIPATED_IN" ? bad : 42), `${path}.role`))],
  "evidence text field not text": [notString, (b, i, j, bad) => ev(b, i, j, (e, path) => { const key = ["share", "amount", "date", "cue"][j % 4]; e[key] = bad; return `${path}.${key}`; })],
};

const node = (b: J, i: number, f: (n: J, k: number) => string) => { const k = i % b.nodes.length; return f(b.nodes[k], k); };
const rel = (b: J, i: number, f: (r: J, k: number) => string) => { const k = i % b.relationships.length; return f(b.relationships[k], k); };
function ev(b: J, i: number, j: number, f: (e: J, path: string, r: J, m: number) => string): string {
  return rel(b, i, (r, k) => { const m = j % r.attributes.evidence.length; return f(r.attributes.evidence[m], `relationships[${k}].evidence[${m}]`, r, m); });
}

/** Points one end of r at a new, valid node of a label its type does not take there. */
function wrongLabel(b: J, r: J, k: number, end: "source" | "target", pick: number): string {
  const spec = REL_SPECS[r.attributes.type as RelType];
  const allowed = end === "source" ? spec.from : spec.to;
  const wrong = NODE_FAMILIES.filter((l) => !allowed.includes(l));
  const extra = nodeOf(`wrong${b.nodes.length}`, wrong[pick % wrong.length], pick, 1);
  b.nodes.push(extra);
  r[end] = extra.id;
  return `relationships[${k}].${end}`;
}

/** Breaks an item's offsets one of five ways: negative start, end past the text, end ≤ start, a non-count start, a non-count end. */
function badOffsets(b: J, e: J, path: string, [way, bad, n]: [number, unknown, number]): string {
  const length = (b.text as string).length;
  if (way === 0) e.start = -1 - n;
  else if (way === 1) e.end = length + 1 + n;
  else if (way === 2) e.end = e.start - (n % (e.start + 1));
  else if (way === 3) e.start = bad;
  else e.end = bad;
  return path;
}

/** Malformed bundles: a valid bundle (from `valid`) with one corruption, and the path of the problem it must cause. */
export function malformedBundleArb(valid: fc.Arbitrary<DocumentBundle> = validBundleArb()): fc.Arbitrary<MalformedBundle> {
  const picks = Object.entries(CORRUPTIONS).map(([corruption, [bad]]) => fc.record({ corruption: fc.constant(corruption), bad, i: fc.nat(), j: fc.nat() }));
  return fc.tuple(valid, fc.oneof(...picks)).map(([bundle, { corruption, bad, i, j }]) => {
    const b = structuredClone(bundle) as J;
    if (corruption === "bundle is not an object") return { bundle: bad, corruption, path: "(root)" };
    const path = CORRUPTIONS[corruption][1](b, i, j, bad);
    return { bundle: b, corruption, path };
  });
}

/** The corruption names, for coverage checks. */
export const CORRUPTION_NAMES = Object.keys(CORRUPTIONS);
