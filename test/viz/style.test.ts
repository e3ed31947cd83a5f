// The viewer and the figures use one colour-blind-safe palette: the two
// copies (viz may not import graph/ at run time) must agree, and every kind
// and relationship type of the schema has its own colour.
import { describe, expect, it } from "vitest";
import * as figure from "../../graph/figure/palette.js";
import { NODE_KINDS, REL_TYPES } from "../../graph/schema.js";
import * as viewer from "../../viz/style.js";

describe("palette", () => {
  it("is the same in the viewer and in figures", () => {
    expect(viewer.KIND_COLOURS).toEqual(figure.KIND_COLOURS);
    expect(viewer.TYPE_COLOURS).toEqual(figure.TYPE_COLOURS);
  });

  it("covers every schema kind and type, with distinct colours among organisation kinds and among types", () => {
    for (const kind of NODE_KINDS) expect(viewer.KIND_COLOURS[kind]).toMatch(/^#[0-9A-F]{6}$/);
    for (const type of REL_TYPES) expect(viewer.TYPE_COLOURS[type]).toMatch(/^#[0-9A-F]{6}$/);
    const orgKinds = ["union", "federation", "confederation", "global_union", "ngo", "movement", "government", "igo", "business", "party", "research"];
    expect(new Set(orgKinds.map((k) => viewer.KIND_COLOURS[k])).size).toBe(orgKinds.length);
    expect(new Set(REL_TYPES.map((t) => viewer.TYPE_COLOURS[t])).size).toBe(REL_TYPES.length);
  });

  it("hides edges and labels while moving only for large graphs", () => {
    expect(viewer.sigmaSettingsFor(100, 300).hideEdgesOnMove).toBe(false);
    expect(viewer.sigmaSettingsFor(20_000, 100_000)).toMatchObject({ hideEdgesOnMove: true, hideLabelsOnMove: true });
  });
});
