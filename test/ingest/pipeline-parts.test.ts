// The small parts of the ingest worker pipeline: packing a bundle the worker
// sends as a clone (bundle-codec.test.ts has the encoded path), and the Node
// options a worker is started with.
import { describe, expect, it } from "vitest";
import { packBundle, unpackBundle } from "../../ingest/pipeline/bundle-codec.js";
import { workerExecArgv } from "../../ingest/pipeline/pool.js";
import { bundleOf } from "./helpers.js";

const TEXT =
  "Rengo has close ties with the KCTU and the FKTU. Zenroren did not cooperate with Rengo. " +
  "The ITUC funds the Solidarity Center, which is a member of the ITUC.";

describe("bundle packing", () => {
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
