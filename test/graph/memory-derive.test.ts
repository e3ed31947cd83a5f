// The one-pass derivation of a relationship's attributes and the linear merge
// of evidence lists (graph/merge.ts) give exactly what the plain definitions
// give: attributes from the whole evidence list, sorted and de-duplicated.
import { describe, expect, test } from "vitest";
import { seededRandom } from "../../graph/figure/layout.js";
import { copyOf, deriveEdgeAttributes, deriveFromNormalized, mergeEvidence, normalizeEvidence } from "../../graph/merge.js";
import { PARTICIPATION_ROLES, TIE_STRENGTHS, type RelType } from "../../graph/schema.js";
import type { EdgeAttributes, Evidence, Review } from "../../graph/types.js";

/** A seeded generator (mulberry32), so a failure can be replayed. */
const random = seededRandom;

function randomEvidence(rnd: () => number, n: number): Evidence[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, () => {
    const start = Math.floor(rnd() * 50);
    const e: Evidence = { document: pick(["d1", "d2", "d3"]), quote: "q", start, end: start + 1 + Math.floor(rnd() * 3) };
    if (rnd() < 0.7) e.confidence = Math.round(rnd() * 100) / 100;
    if (rnd() < 0.3) e.since = 1950 + Math.floor(rnd() * 60);
    if (rnd() < 0.3) e.until = 1960 + Math.floor(rnd() * 60);
    if (rnd() < 0.4) e.strength = pick([...TIE_STRENGTHS, "bogus" as never]);
    if (rnd() < 0.3) e.role = pick([...PARTICIPATION_ROLES, "host", ""]);
    if (rnd() < 0.2) e.share = pick(["", "10%", "half"]);
    if (rnd() < 0.2) e.amount = pick(["", "$5", "€3"]);
    if (rnd() < 0.2) e.date = pick(["", "1999-05-01"]);
    return e;
  });
}

/** The definition, written the plain way (one array per attribute). */
function reference(type: RelType, polarity: "present" | "absent", evidence: Evidence[], extra: Partial<EdgeAttributes>, review?: Review): EdgeAttributes {
  const byKey = new Map<string, Evidence>();
  for (const e of evidence) byKey.set(`${e.document}@${e.start}-${e.end}`, e);
  const items = [...byKey.values()].sort((x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : x.start - y.start || x.end - y.end));
  const rank = (order: readonly string[], v: string | undefined) => (v === undefined || order.indexOf(v) < 0 ? order.length : order.indexOf(v));
  const attrs: EdgeAttributes = {
    ...extra,
    type,
    polarity,
    confidence: Math.round(
      (items.some((e) => e.confidence !== undefined) ? Math.max(...items.map((e) => e.confidence ?? 0)) : (extra.confidence ?? (items.length ? 0.5 : 1))) * 1000,
    ) / 1000,
    origin: extra.origin ?? "extracted",
    evidence: items,
  };
  const since = items.map((e) => e.since).filter((y): y is number => typeof y === "number");
  if (since.length) attrs.since = Math.min(...since);
  const until = items.map((e) => e.until).filter((y): y is number => typeof y === "number");
  if (until.length) attrs.until = Math.max(...until);
  if (type === "TIE") {
    const s = items.map((e) => e.strength).filter((x) => x !== undefined && x !== "unspecified");
    attrs.strength = s.length ? s.reduce((b, x) => (rank(TIE_STRENGTHS, x) < rank(TIE_STRENGTHS, b) ? x : b)) : (attrs.strength ?? "unspecified");
  }
  const roles = items.map((e) => e.role).filter((r): r is string => !!r);
  if (roles.length)
    attrs.role = type === "PARTICIPATED_IN" ? roles.reduce((b, r) => (rank(PARTICIPATION_ROLES, r) < rank(PARTICIPATION_ROLES, b) ? r : b)) : [...new Set(roles)].join("; ");
  for (const key of ["share", "amount", "date"] as const) {
    const value = items.find((e) => e[key])?.[key];
    if (value) attrs[key] = value;
  }
  if (review) {
    attrs.review = review;
    if (review.decision === "accept" || review.decision === "correct") attrs.origin = "reviewed";
    if (review.decision === "correct" && review.changes) Object.assign(attrs, review.changes);
  }
  return attrs;
}

/** Same keys in the same order and the same values (what graph.json would hold). */
const asJson = (x: unknown) => JSON.stringify(x);

describe("deriving a relationship's attributes", () => {
  test("gives the definition's attributes, key order included, on 2,000 random evidence lists", () => {
    const rnd = random(8);
    const types: RelType[] = ["TIE", "PARTICIPATED_IN", "MEMBER_OF", "FUNDS"];
    const review: Review = { decision: "correct", by: "t", at: "2026-01-01", changes: { strength: "strong" } };
    for (let i = 0; i < 2000; i++) {
      const type = types[i % types.length];
      const evidence = randomEvidence(rnd, Math.floor(rnd() * 12));
      const extra: Partial<EdgeAttributes> = rnd() < 0.5 ? { confidence: 0.4, origin: "manual" } : rnd() < 0.5 ? { strength: "weak", count: 3 } : {};
      const r = rnd() < 0.1 ? review : undefined;
      expect(asJson(deriveEdgeAttributes(type, "present", evidence, extra, r))).toBe(asJson(reference(type, "present", evidence, extra, r)));
    }
  });

  test("merges a new document's evidence into a stored list as sorting the two together would", () => {
    const rnd = random(3);
    for (let i = 0; i < 2000; i++) {
      const before = normalizeEvidence(randomEvidence(rnd, Math.floor(rnd() * 10)));
      // Sometimes unsorted or with duplicates: the merge must then fall back to the full sort.
      const added = randomEvidence(rnd, Math.floor(rnd() * 6));
      const sortedAdded = rnd() < 0.5 ? normalizeEvidence(added) : added;
      const merged = mergeEvidence(before, sortedAdded);
      expect(merged).toEqual(normalizeEvidence([...before, ...sortedAdded]));
      // Same items (objects), the later duplicate kept.
      merged.forEach((e, k) => expect(e).toBe(normalizeEvidence([...before, ...sortedAdded])[k]));
      expect(asJson(deriveFromNormalized("TIE", "present", merged, {}))).toBe(asJson(reference("TIE", "present", [...before, ...sortedAdded], {})));
    }
  });

  test("extends a stored list's attributes document by document as deriving from the whole list would", () => {
    const rnd = random(11);
    const types: RelType[] = ["TIE", "PARTICIPATED_IN", "FUNDS"];
    for (let chain = 0; chain < 300; chain++) {
      const type = types[chain % types.length];
      let stored: Evidence[] = [];
      const all: Evidence[] = [];
      for (let doc = 0; doc < 8; doc++) {
        // Documents mostly in id order (the list grows at its end), sometimes one out of order.
        const id = rnd() < 0.8 ? `d${String(doc).padStart(2, "0")}` : `c${doc}`;
        const added = normalizeEvidence(randomEvidence(rnd, 1 + Math.floor(rnd() * 4)).map((e) => ({ ...e, document: id })));
        all.push(...added);
        const attrs = deriveFromNormalized(type, "present", mergeEvidence(stored, added), { origin: "extracted", confidence: 0 });
        expect(asJson(attrs)).toBe(asJson(reference(type, "present", all, { origin: "extracted", confidence: 0 })));
        stored = attrs.evidence;
      }
    }
  });

  test("copies attributes without the left-out keys, in order, like rest destructuring", () => {
    const source = { type: "TIE", confidence: 0.5, polarity: "present", origin: "manual", evidence: [], note: undefined };
    const { type: _t, polarity: _p, evidence: _e, ...rest } = source;
    expect(Object.entries(copyOf(source, ["type", "polarity", "evidence"]))).toEqual(Object.entries(rest));
    const tricky = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    const copy = copyOf(tricky) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
  });
});
