// The codebook: the shipped one is valid and names the field's actors; a
// malformed one is refused with every problem listed.
import { describe, expect, it } from "vitest";
import { buildCodebook, loadCodebook } from "../../ingest/codebook.js";

describe("codebook", () => {
  it("loads the shipped codebook with the actors of the seed papers", () => {
    const cb = loadCodebook();
    for (const id of ["rengo", "zenroren", "zenrokyo", "kctu", "fktu", "kmu", "ituc", "apro", "apln", "psi", "ijuren", "mofa", "moj", "meti", "apec", "asean", "ilo", "jpepa"])
      expect(cb.byId.has(id), id).toBe(true);
    expect(cb.byId.get("zenrokyo")?.aliases).toContain("National Trade Union Council");
    expect(cb.byId.get("kctu")?.country).toBe("KR");
    expect(cb.byId.get("ituc")?.kind).toBe("global_union");
  });

  it("names entities only, never relations", () => {
    const cb = loadCodebook();
    for (const e of cb.entries) for (const key of Object.keys(e.extra)) expect(["TIE", "MEMBER_OF", "relations", "ties"]).not.toContain(key);
  });

  it("refuses a malformed codebook listing every problem", () => {
    let error: unknown;
    try {
      buildCodebook({ entities: [{ id: "Bad Id", name: "", kind: "club" }, { id: "a", name: "A", kind: "union", country: "Japan" }, { id: "a", name: "B", kind: "union" }] });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "INVALID_DATA" });
    const paths = (error as { problems: Array<{ path: string }> }).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["entities[0].id", "entities[0].name", "entities[0].kind", "entities[1].country", "entities[2].id"]));
  });
});
