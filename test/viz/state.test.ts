// The viewer's URL state: every part survives a round trip through the hash,
// defaults stay out of the link, and bad input falls back to defaults.
import { describe, expect, it } from "vitest";
import { decodeState, DEFAULT_STATE, encodeState, type ViewState } from "../../viz/state.js";

describe("viewer URL state", () => {
  it("leaves a default state out of the link", () => {
    expect(encodeState({ ...DEFAULT_STATE })).toBe("");
    expect(decodeState("")).toEqual(DEFAULT_STATE);
  });

  it("round-trips selection, filters, focus, path, boomerang, camera and seed", () => {
    const state: ViewState = {
      ...DEFAULT_STATE,
      selected: "rengo",
      types: ["TIE", "MEMBER_OF"],
      kinds: ["confederation"],
      countries: ["JP", "KR"],
      minConfidence: 0.5,
      fromYear: 1990,
      toYear: 2005,
      showAbsent: true,
      showIsolated: true,
      focus: { node: "rengo", depth: 2 },
      path: { from: "zenrokyo", to: "kctu", types: ["TIE"], all: true },
      boomerang: { state: "JP" },
      camera: { x: 0.5, y: 0.25, ratio: 0.8 },
      seed: 7,
    };
    const hash = encodeState(state);
    expect(hash).toContain("types=TIE,MEMBER_OF");
    expect(hash).toContain("path=zenrokyo~kctu");
    expect(decodeState(`#${hash}`)).toEqual(state);
  });

  it("keeps an organisation boomerang query apart from a state query", () => {
    expect(decodeState(encodeState({ ...DEFAULT_STATE, boomerang: { org: "ijuren" } })).boomerang).toEqual({ org: "ijuren" });
  });

  it("ignores malformed or hostile values instead of failing", () => {
    const s = decodeState("#sel=%3Cimg%20src%3Dx%3E&minc=7&from=abc&focus=rengo~9&path=a&cam=1,2&seed=-3&types=TIE,<b>");
    expect(s.selected).toBeNull();
    expect(s.minConfidence).toBe(0);
    expect(s.fromYear).toBeNull();
    expect(s.focus).toBeNull();
    expect(s.path).toBeNull();
    expect(s.camera).toBeNull();
    expect(s.seed).toBe(1);
    expect(s.types).toEqual(["TIE"]);
  });
});
