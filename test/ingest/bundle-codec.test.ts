// The bundle codec: a worker's bundle sent in columns and rebuilt on the main
// thread exactly as a structured clone of it would be (keys in the same order,
// -0, NaN and undefined kept, the same arrays), or refused (null) when the
// columns cannot say so, the bundle left as it was to be sent as before.
import fc from "fast-check";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import type { DocumentBundle } from "../../graph/types.js";
import { decodeBundle, encodeBundle, transferOf, type EncodedBundle } from "../../ingest/pipeline/bundle-codec.js";
import { bundleOf } from "./helpers.js";

const TEXT =
  "Rengo has close ties with the KCTU and the FKTU. Zenroren did not cooperate with Rengo. " +
  "The ITUC funds the Solidarity Center, which is a member of the ITUC.";

const { port1, port2 } = new MessageChannel();
afterAll(() => {
  port1.close();
  port2.close();
});

/** An encoded bundle as the main thread receives it: posted as the worker posts it, its arrays transferred. */
function posted(encoded: EncodedBundle): EncodedBundle {
  port1.postMessage(encoded, transferOf(encoded));
  return receiveMessageOnPort(port2)!.message as EncodedBundle;
}

/**
 * A value written out with what toEqual overlooks: the order of keys, -0,
 * NaN, keys holding undefined, holes, prototypes, and objects met twice.
 */
function written(v: unknown, seen = new Map<object, number>()): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v); // lone surrogates come out escaped
  if (typeof v !== "object" && typeof v !== "function") return `${typeof v}:${String(v)}`;
  if (v === null) return "null";
  const met = seen.get(v);
  if (met !== undefined) return `#${met}`;
  seen.set(v, seen.size);
  const proto = Object.getPrototypeOf(v);
  const kind = proto === Object.prototype ? "" : proto === Array.prototype ? `array ${(v as unknown[]).length}` : `other ${String(proto?.constructor?.name)}`;
  const record = v as Record<string, unknown>;
  return `${kind}{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${written(record[k], seen)}`).join(",")}}`;
}

describe("bundle codec", () => {
  it("gives back a real bundle as a structured clone does, quotes rebuilt from the text", () => {
    const original = bundleOf(TEXT);
    expect(original.relationships.length).toBeGreaterThan(0);
    const want = written(structuredClone(original));
    const newIds = ["x-new"];
    const encoded = encodeBundle({ kind: "bundle", bundle: original, newIds });
    expect(encoded).not.toBeNull();
    const quotes = original.relationships.flatMap((r) => r.attributes.evidence.map((e) => e.quote));
    expect(encoded!.strings.filter((s) => quotes.includes(s))).toEqual([]); // sent as spans of the text
    expect(written(original)).toBe(want); // left as it was
    const decoded = decodeBundle(posted(encoded!));
    expect(decoded.kind).toBe("bundle");
    expect(decoded.newIds).toEqual(newIds);
    expect(written(decoded.bundle)).toBe(want);
    expect(decoded.bundle).toEqual(structuredClone(original));
  });

  it("leaves arrays unmarked (a node's alias list is the codebook's own)", () => {
    const original = bundleOf(TEXT);
    const aliases = original.nodes.map((n) => n.attributes.aliases).filter((a) => a.length > 0);
    expect(aliases.length).toBeGreaterThan(0);
    expect(encodeBundle({ kind: "bundle", bundle: original, newIds: [] })).not.toBeNull();
    for (const a of aliases) expect(Object.getOwnPropertySymbols(a)).toEqual([]);
  });

  it("encodes the same bundle again (what an earlier encoding marked does not count)", () => {
    const original = bundleOf(TEXT);
    const want = written(structuredClone(original));
    encodeBundle({ kind: "bundle", bundle: original, newIds: [] });
    const again = encodeBundle({ kind: "bundle", bundle: original, newIds: [] });
    expect(again).not.toBeNull();
    expect(written(decodeBundle(posted(again!)).bundle)).toBe(want);
  });

  it("gives back any bundle of plain values exactly as a structured clone does", () => {
    fc.assert(
      fc.property(bundleArb, (generated) => {
        const { bundle, newIds } = structuredClone(generated); // fast-check may run a value again
        const want = written(structuredClone(bundle));
        const encoded = encodeBundle({ kind: "bundle", bundle, newIds });
        expect(encoded).not.toBeNull();
        expect(written(bundle)).toBe(want);
        const decoded = decodeBundle(posted(encoded!));
        expect(written(decoded.bundle)).toBe(want);
        expect(decoded.newIds).toEqual(newIds);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses, leaving the bundle as it was, what the columns cannot give back exactly", () => {
    fc.assert(
      fc.property(bundleArb, fc.constantFrom(...Object.keys(UNUSUAL)), fc.nat(), fc.nat(), (generated, what, at, other) => {
        const { bundle, newIds } = structuredClone(generated); // changed below
        const containers = containersOf(bundle);
        UNUSUAL[what](containers[at % containers.length], containers[other % containers.length]);
        const before = written(bundle);
        expect(encodeBundle({ kind: "bundle", bundle, newIds }), what).toBeNull();
        expect(written(bundle)).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses any bundle while Object.prototype has an enumerable key (for-in would list it on every object)", () => {
    const bundle = bundleOf(TEXT);
    (Object.prototype as Record<string, unknown>).polluted = 1;
    try {
      expect(encodeBundle({ kind: "bundle", bundle, newIds: [] })).toBeNull();
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(encodeBundle({ kind: "bundle", bundle, newIds: [] })).not.toBeNull();
  });

  it("refuses a bundle whose text is not a string", () => {
    const bundle = bundleOf(TEXT);
    (bundle as { text: unknown }).text = null;
    expect(encodeBundle({ kind: "bundle", bundle, newIds: [] })).toBeNull();
  });
});

// Generated bundles: the real layout with random optional keys, keys in
// unusual orders, odd numbers (-0, NaN, infinities, fractions as offsets),
// undefined, unicode with lone surrogates, quotes that do and do not match.

const unit = fc.oneof(
  fc.constantFrom("a", "b", " ", ".", "é", "Σ", "\u2028", "\ud800", "\udfff", "😀"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const str = fc.oneof(fc.string({ unit, maxLength: 8 }), fc.string({ unit, minLength: 60, maxLength: 90 }));
const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, Number.NaN, Infinity, -Infinity, 5e-324, 2 ** 53 + 2, 0.1));
const KEYS = ["document", "quote", "start", "end", "cue", "confidence", "since", "until", "strength", "role", "share", "amount", "date", "0", "12", "constructor", "toString", "length", ""];
const key = fc.oneof(fc.constantFrom(...KEYS), str);
const leaf = fc.oneof(str, num, fc.boolean(), fc.constant(null), fc.constant(undefined));

/** A plain object with the entries' keys in order (a later entry of a key sets its value, not its place). */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) if (k !== "__proto__") o[k] = v;
  return o;
}

const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.array(fc.tuple(key, tie("value")), { maxLength: 5 }).map(objectOf),
}));
const entries = fc.array(fc.tuple(key, value), { maxLength: 3 });

type ItemSpec = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;
const itemArb = fc.record({
  start: fc.oneof(fc.nat(), num),
  length: fc.nat({ max: 80 }),
  quote: fc.constantFrom("match", "match", "match", "other", "none", "first"),
  cue: fc.option(str),
  confidence: fc.option(num),
  optional: fc.subarray(["since", "until", "strength", "role", "share", "amount", "date"]),
  optionalValue: leaf,
  other: str,
  extra: entries,
});

function itemOf(spec: ItemSpec, text: string, id: string): Record<string, unknown> {
  const start = Number.isInteger(spec.start) ? (spec.start as number) % (text.length + 1) : spec.start;
  const end = Number.isInteger(start) ? Math.min(text.length, (start as number) + spec.length) : spec.length;
  const quote = spec.quote === "other" ? spec.other : text.slice(start, end);
  const item: Record<string, unknown> = spec.quote === "first" ? { quote, document: id, start, end } : { document: id, start, end };
  if (spec.quote === "match" || spec.quote === "other") item.quote = quote;
  if (spec.cue !== null) item.cue = spec.cue;
  if (spec.confidence !== null) item.confidence = spec.confidence;
  for (const k of spec.optional) item[k] = spec.optionalValue;
  for (const [k, v] of spec.extra) if (k !== "__proto__") item[k] = v;
  return item;
}

const relationArb = fc.record({
  id: fc.option(str),
  source: str,
  target: str,
  type: fc.constantFrom("TIE", "FOUNDED", "MEMBER_OF"),
  polarity: fc.constantFrom("present", "absent"),
  confidence: num,
  items: fc.array(itemArb, { maxLength: 4 }),
  extra: entries,
});

const bundleArb = fc
  .record({
    text: fc.string({ unit, maxLength: 200 }),
    id: str,
    documentAttributes: fc.array(fc.tuple(key, value), { maxLength: 6 }).map(objectOf),
    nodes: fc.array(fc.tuple(str, fc.array(fc.tuple(key, value), { maxLength: 6 }).map(objectOf), num).map(([id, attributes, mentions]) => ({ id, attributes, mentions })), { maxLength: 4 }),
    relations: fc.array(relationArb, { maxLength: 6 }),
    extra: entries,
    newIds: fc.array(str, { maxLength: 3 }),
  })
  .map(({ text, id, documentAttributes, nodes, relations, extra, newIds }) => {
    const relationships = relations.map((r) => {
      const attributes = objectOf([["type", r.type], ["polarity", r.polarity], ["confidence", r.confidence], ["origin", "extracted"], ["evidence", r.items.map((s) => itemOf(s, text, id))], ...r.extra]);
      const rel: Record<string, unknown> = r.id === null ? {} : { id: r.id };
      return Object.assign(rel, { source: r.source, target: r.target, attributes });
    });
    const bundle = objectOf([["document", { id, attributes: documentAttributes }], ["text", text], ["nodes", nodes], ["relationships", relationships], ...extra]);
    return { bundle: bundle as unknown as DocumentBundle, newIds };
  });

/** Every plain object and array in a value, in the order met. */
function containersOf(v: unknown, out: object[] = []): object[] {
  if (typeof v === "object" && v !== null) {
    out.push(v);
    for (const x of Object.values(v)) containersOf(x, out);
  }
  return out;
}

/** Puts a value into a container: last in an array, under `key` in an object. */
function put(into: object, v: unknown, key = "unusual"): void {
  if (Array.isArray(into)) into.push(v);
  else (into as Record<string, unknown>)[key] = v;
}

/** Things a structured clone keeps and the columns cannot say, put at one container (or two). */
const UNUSUAL: Record<string, (at: object, other: object) => void> = {
  "a Date": (at) => put(at, new Date(0)),
  "a Map": (at) => put(at, new Map([[1, 2]])),
  "a typed array": (at) => put(at, new Float64Array(2)),
  "a boxed string": (at) => put(at, Object("x")),
  "a null-prototype object": (at) => put(at, Object.create(null)),
  "a class instance": (at) => put(at, new (class Point {
    x = 1;
  })()),
  "a bigint": (at) => put(at, 10n),
  "a symbol": (at) => put(at, Symbol("s")),
  "a function": (at) => put(at, () => 1),
  "a hole": (at) => put(at, [1, , 3]),
  "a trailing hole": (at) => put(at, Object.assign([1, 2], { length: 3 })),
  "a key on an array": (at) => put(at, Object.assign([1], { note: "x" })),
  "a hole and a key on an array": (at) => put(at, Object.assign([1, , 3], { note: "x" })),
  "an own __proto__ key": (at) => put(at, Object.defineProperty({}, "__proto__", { value: 1, enumerable: true, writable: true, configurable: true })),
  "a frozen object": (at) => put(at, Object.freeze({ a: 1 })),
  "an object met twice": (at, other) => {
    const shared = { a: [1] };
    put(at, shared);
    put(other, shared, "again");
  },
  "an empty array met twice": (at, other) => {
    const shared: unknown[] = [];
    put(at, shared);
    put(other, shared, "again");
  },
  "a container met again, or inside itself": (at, other) => put(at, other),
};
