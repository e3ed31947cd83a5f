// The viewer's look: colour-blind-safe colours for node kinds (Paul Tol) and
// relationship types (Okabe–Ito), the same values as graph/figure/palette.ts
// (kept in step by test/viz/style.test.ts), node sizes and the Sigma
// settings that keep large graphs responsive in software WebGL.

/** Fill colour of each node kind. */
export const KIND_COLOURS: Readonly<Record<string, string>> = {
  union: "#88CCEE",
  federation: "#44AA99",
  confederation: "#117733",
  global_union: "#332288",
  ngo: "#DDCC77",
  movement: "#999933",
  government: "#CC6677",
  igo: "#882255",
  business: "#AA4499",
  party: "#EE7733",
  research: "#BBBBBB",
  protest: "#EE6677",
  conference: "#66CCEE",
  summit: "#4477AA",
  campaign: "#CCBB44",
  dispute: "#AA3377",
  epa: "#000000",
  fta: "#555555",
  treaty: "#777777",
  declaration: "#999999",
  charter: "#AAAAAA",
  person: "#E69F00",
  document: "#DDDDDD",
};

/** Colour of each relationship type. */
export const TYPE_COLOURS: Readonly<Record<string, string>> = {
  TIE: "#0072B2",
  MEMBER_OF: "#009E73",
  FUNDS: "#E69F00",
  FOUNDED: "#56B4E9",
  PARTICIPATED_IN: "#999999",
  TARGETS: "#CC79A7",
  PRESSURES: "#D55E00",
  OPPOSES: "#000000",
  BLOCKS: "#882255",
  ROLE_IN: "#F0E442",
  MENTIONS: "#CCCCCC",
};

/** Colour for kinds or types a newer schema adds. */
export const FALLBACK_COLOUR = "#777777";
/** Colour of dimmed nodes and edges (outside a path or focus). */
export const DIM_COLOUR = "#E2E2E2";
/** Label colour of dimmed nodes. */
export const DIM_LABEL_COLOUR = "#9AA1AD";
/** Colour of the highlighted path's edges. */
export const PATH_COLOUR = "#D81B60";

/** The colour of a node kind. */
export function kindColour(kind: string | undefined): string {
  return (kind && KIND_COLOURS[kind]) || FALLBACK_COLOUR;
}

/** The colour of a relationship type. */
export function typeColour(type: string | undefined): string {
  return (type && TYPE_COLOURS[type]) || FALLBACK_COLOUR;
}

/** Node radius on screen from its degree, relative to the graph's largest degree. */
export function nodeSize(degree: number, maxDegree: number): number {
  return 3 + 12 * Math.sqrt(degree / Math.max(1, maxDegree));
}

/** "global_union" -> "global union", "MEMBER_OF" -> "member of". */
export function humanise(name: string): string {
  return name.toLowerCase().replace(/_/g, " ");
}

/**
 * Sigma settings by graph size: labels spread on a grid, and for big graphs
 * edges and labels hidden while the camera moves (SwiftShader cannot redraw
 * 100k edges at interactive rates).
 */
export function sigmaSettingsFor(order: number, size: number) {
  const large = order > 2000 || size > 10000;
  const small = order <= 300;
  return {
    labelDensity: large ? 0.4 : small ? 1 : 0.7,
    labelGridCellSize: large ? 150 : small ? 120 : 130,
    labelRenderedSizeThreshold: large ? 9 : small ? 4 : 5,
    labelFont: "DejaVu Sans, Helvetica, Arial, sans-serif",
    labelColor: { attribute: "labelColor", color: "#1d2330" },
    labelSize: 13,
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    // Edge hovering draws every edge again for picking; only small graphs get it.
    enableEdgeEvents: order <= 500,
    renderEdgeLabels: false,
    zIndex: true,
    minEdgeThickness: 1,
  };
}
