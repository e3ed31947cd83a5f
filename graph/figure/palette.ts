// Colour-blind-safe colours for node kinds and relationship types, used by
// the figure renderer. Kinds take Paul Tol's "muted" and "bright" schemes
// (distinguishable under the common colour-vision deficiencies); types take
// Okabe–Ito. viz/style.ts holds the same values for the viewer (viz may not
// import graph/ at run time); test/viz/style.test.ts keeps the two in step.

/** Fill colour of each node kind (Paul Tol muted + bright). */
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

/** Stroke colour of each relationship type (Okabe–Ito). */
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

/** Fallback for kinds or types a newer schema adds. */
export const FALLBACK_COLOUR = "#777777";

/** The colour of a node kind, or the fallback. */
export function kindColour(kind: string | undefined): string {
  return (kind && KIND_COLOURS[kind]) || FALLBACK_COLOUR;
}

/** The colour of a relationship type, or the fallback. */
export function typeColour(type: string | undefined): string {
  return (type && TYPE_COLOURS[type]) || FALLBACK_COLOUR;
}
