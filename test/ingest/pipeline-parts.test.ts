// The small parts of the ingest worker pipeline: the bundle codec that makes
// bundles cheaper to send, and the Node options a worker is started with.
import { describe, expect, it } from "vitest";
import { decodeBundle, encodeBundle, jsonExact, packBundle, unpackBundle } from "../../ingest/pipeline/bundle-codec.js";
import { workerExecArgv } from "../../ingest/pipeline/pool.js";
import { bundleOf } from "./helpers.js";

const TEXT =
  "Rengo has close ties with the KCTU and the FKTU. Zenroren did not cooperate with Rengo. " +
  "The ITUC funds the Solidarity Center, which is a member of the ITUC.";

describe("bundle codec", () => {
  it("gives back, after a structured clone, the bundle the worker built, keys in the same order", () => {
    const original = bundleOf(TEXT);
    expect(original.relationships.length).toBeGreaterThan(0);
    const sent = structuredClone(original);
    expect(packBundle(sent)).toBe(true);
    expect(sent.relationships[0].attributes.evidence[0].quote).toBeUndefined();
    const received = structuredClone(sent);
    unpackBundle(received);
    expect(received).toEqual(original);
    expect(JSON.stringify(received)).toBe(JSON.stringify(original));
  });

  it("leaves a bundle whose quotes do not match its text as it is, for validation to refuse", () => {
    const bundle = bundleOf(TEXT);
    bundle.relationships[0].attributes.evidence[0].quote = "not in the text";
    const before = JSON.stringify(bundle);
    expect(packBundle(bundle)).toBe(false);
    expect(JSON.stringify(bundle)).toBe(before);
  });
});

describe("bundle codec as JSON", () => {
  /** Every key path of a value, in order, with each leaf's type: key order and types, not only equality. */
  const shape = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === "number" ? `${typeof x}:${Object.is(x, -0) ? "-0" : x}` : x));

  it("gives back, after posting, exactly the bundle a structured clone gives, keys in the same order", () => {
    const original = bundleOf(TEXT);
    const newIds = ["x-new"];
    const encoded = encodeBundle({ kind: "bundle", bundle: structuredClone(original), newIds });
    expect(encoded).not.toBeNull();
    expect(encoded!.json).not.toContain("has close ties with the KCTU"); // the quotes and the text are not in the JSON
    const decoded = decodeBundle(structuredClone(encoded!));
    expect(decoded.kind).toBe("bundle");
    expect(decoded.newIds).toEqual(newIds);
    expect(decoded.bundle).toEqual(original);
    expect(shape(decoded.bundle)).toBe(shape(structuredClone(original)));
    expect(Object.keys(decoded.bundle)).toEqual(Object.keys(original));
  });

  it("refuses what JSON would not give back as a structured clone does", () => {
    const shared = { a: 1 };
    const bad: Array<[string, unknown]> = [["-0", -0], ["NaN", Number.NaN], ["Infinity", Infinity], ["undefined", undefined], ["a Date", new Date(0)], ["a hole", [1, , 3]], ["an undefined key", { x: undefined }], ["an object met twice", { a: shared, b: shared }], ["a null-prototype object", Object.create(null)], ["a bigint", 10n]];
    for (const [what, value] of bad) expect(jsonExact({ k: [value] }), what).toBe(false);
    expect(jsonExact({ s: "\ud800 lone surrogate", n: 0, m: -1.5e-300, t: true, z: null, list: [{}, []] })).toBe(true);
  });

  it("leaves a bundle with a value JSON changes, or quotes that do not match, to the structured clone", () => {
    const withNegativeZero = bundleOf(TEXT);
    withNegativeZero.relationships[0].attributes.evidence[0].confidence = -0;
    const before = JSON.stringify(withNegativeZero);
    expect(encodeBundle({ kind: "bundle", bundle: withNegativeZero, newIds: [] })).toBeNull();
    expect(JSON.stringify(withNegativeZero)).toBe(before);
    const wrongQuote = bundleOf(TEXT);
    wrongQuote.relationships[0].attributes.evidence[0].quote = "not in the text";
    expect(encodeBundle({ kind: "bundle", bundle: wrongQuote, newIds: [] })).toBeNull();
  });
});

describe("workerExecArgv", () => {
  it("drops tsx's preload and keeps every other Node option", () => {
    expect(
      workerExecArgv([
        "--require", "/work/main/node_modules/tsx/dist/preflight.cjs",
        "--import", "file:///work/main/node_modules/tsx/dist/loader.mjs",
        "--conditions", "node",
        "--import=tsx",
        "--max-old-space-size=2048",
        "--require", "/somewhere/else/setup.cjs",
      ]),
    ).toEqual(["--conditions", "node", "--max-old-space-size=2048", "--require", "/somewhere/else/setup.cjs"]);
  });
});
