// The viewer's state as plain data, and its URL form: the hash holds the
// selection, filters, focus, path, boomerang query and camera, so a link
// reproduces the picture. Decoding is tolerant: bad values fall back to defaults.

/** Everything that decides what the viewer shows. */
export interface ViewState {
  selected: string | null;
  /** Relationship types shown; null = every type except MENTIONS. */
  types: string[] | null;
  kinds: string[] | null;
  countries: string[] | null;
  minConfidence: number;
  fromYear: number | null;
  toYear: number | null;
  /** Show relationships a text states do not exist (dashed). */
  showAbsent: boolean;
  /** Show nodes that have no drawn relationship (off: they only clutter the picture). */
  showIsolated: boolean;
  focus: { node: string; depth: number } | null;
  path: { from: string; to: string; types: string[] | null; all: boolean } | null;
  boomerang: { state: string } | { org: string } | null;
  camera: { x: number; y: number; ratio: number } | null;
  /** Layout seed: the same data and seed give the same picture. */
  seed: number;
}

/** The state of a fresh viewer. */
export const DEFAULT_STATE: Readonly<ViewState> = Object.freeze({
  selected: null,
  types: null,
  kinds: null,
  countries: null,
  minConfidence: 0,
  fromYear: null,
  toYear: null,
  showAbsent: false,
  showIsolated: false,
  focus: null,
  path: null,
  boomerang: null,
  camera: null,
  seed: 1,
});

const ID = /^[\w.:-]{1,200}$/;
const list = (v: string | null) => (v ? v.split(",").filter((s) => ID.test(s)) : null);
const num = (v: string | null, lo: number, hi: number): number | null => {
  if (v === null || v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : null;
};
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The URL hash (without '#') for `state`; defaults are left out. */
export function encodeState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.selected) p.set("sel", state.selected);
  if (state.types) p.set("types", state.types.join(","));
  if (state.kinds) p.set("kinds", state.kinds.join(","));
  if (state.countries) p.set("countries", state.countries.join(","));
  if (state.minConfidence > 0) p.set("minc", String(state.minConfidence));
  if (state.fromYear !== null) p.set("from", String(state.fromYear));
  if (state.toYear !== null) p.set("to", String(state.toYear));
  if (state.showAbsent) p.set("absent", "1");
  if (state.showIsolated) p.set("isolated", "1");
  if (state.focus) p.set("focus", `${state.focus.node}~${state.focus.depth}`);
  if (state.path) {
    p.set("path", `${state.path.from}~${state.path.to}`);
    if (state.path.types) p.set("ptypes", state.path.types.join(","));
    if (state.path.all) p.set("pall", "1");
  }
  if (state.boomerang) p.set("boom", "state" in state.boomerang ? `state~${state.boomerang.state}` : `org~${state.boomerang.org}`);
  if (state.camera) p.set("cam", [round(state.camera.x, 4), round(state.camera.y, 4), round(state.camera.ratio, 4)].join(","));
  if (state.seed !== DEFAULT_STATE.seed) p.set("seed", String(state.seed));
  // Commas and tildes stay readable in links; everything else is escaped.
  return [...p].map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ",")}`).join("&");
}

/** The state a URL hash (with or without '#') describes; unknown or bad parts are ignored. */
export function decodeState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const state: ViewState = { ...DEFAULT_STATE };
  const sel = p.get("sel");
  if (sel && ID.test(sel)) state.selected = sel;
  state.types = list(p.get("types"));
  state.kinds = list(p.get("kinds"));
  state.countries = list(p.get("countries"));
  state.minConfidence = num(p.get("minc"), 0, 1) ?? 0;
  state.fromYear = num(p.get("from"), -5000, 5000);
  state.toYear = num(p.get("to"), -5000, 5000);
  state.showAbsent = p.get("absent") === "1";
  state.showIsolated = p.get("isolated") === "1";
  const [fnode, fdepth] = (p.get("focus") ?? "").split("~");
  const depth = num(fdepth ?? null, 1, 3);
  if (fnode && ID.test(fnode) && depth !== null) state.focus = { node: fnode, depth: Math.round(depth) };
  const [from, to] = (p.get("path") ?? "").split("~");
  if (from && to && ID.test(from) && ID.test(to)) state.path = { from, to, types: list(p.get("ptypes")), all: p.get("pall") === "1" };
  const [bkind, bval] = (p.get("boom") ?? "").split("~");
  if (bval && ID.test(bval)) state.boomerang = bkind === "state" ? { state: bval } : bkind === "org" ? { org: bval } : null;
  const cam = (p.get("cam") ?? "").split(",").map(Number);
  if (cam.length === 3 && cam.every(Number.isFinite) && cam[2] > 0) state.camera = { x: cam[0], y: cam[1], ratio: cam[2] };
  const seed = num(p.get("seed"), 0, 2 ** 31);
  if (seed !== null) state.seed = Math.round(seed);
  return state;
}

/** A copy of `state` with `patch` applied (the viewer never mutates a state). */
export function updateState(state: ViewState, patch: Partial<ViewState>): ViewState {
  return { ...state, ...patch };
}
