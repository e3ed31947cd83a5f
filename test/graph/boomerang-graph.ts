// Builds the small constructed graphs the boomerang tests use, in the
// interchange format (SerializedGraph), so the same graph loads into either
// store with importGraph. Each relationship carries one evidence quote.
import type { NodeKind, Polarity, RelType } from "../../graph/schema.js";
import { LABEL_OF_KIND, REL_SPECS } from "../../graph/schema.js";
import { relationshipId } from "../../graph/merge.js";
import type { NodeAttributes, SerializedGraph } from "../../graph/types.js";

/** A node: id, kind, and optional country / parties / name. */
export interface NodeSpec {
  id: string;
  kind: NodeKind;
  country?: string;
  parties?: string[];
  name?: string;
}

/** A relationship: type, ends, confidence, polarity (default present) and the quote that supports it. */
export interface RelSpec {
  type: RelType;
  source: string;
  target: string;
  confidence?: number;
  polarity?: Polarity;
  quote?: string;
}

/** A graph in the interchange format from node and relationship specs. */
export function buildGraph(nodes: NodeSpec[], rels: RelSpec[]): SerializedGraph {
  let offset = 0;
  return {
    attributes: {},
    options: { type: "mixed", multi: true, allowSelfLoops: false },
    nodes: nodes.map((n) => {
      const attributes: NodeAttributes = {
        nodeLabel: LABEL_OF_KIND[n.kind],
        kind: n.kind,
        name: n.name ?? n.id.toUpperCase(),
        aliases: [],
        documents: ["doc"],
        mentions: 1,
        origin: "manual",
      };
      if (n.country) attributes.country = n.country;
      if (n.parties) attributes.parties = n.parties;
      return { key: n.id, attributes };
    }),
    edges: rels.map((r) => {
      const polarity = r.polarity ?? "present";
      const quote = r.quote ?? `${r.source} ${r.type.toLowerCase()} ${r.target}${polarity === "absent" ? " (not)" : ""}`;
      const start = offset;
      offset += quote.length + 1;
      return {
        key: relationshipId(r.type, r.source, r.target, polarity),
        source: r.source,
        target: r.target,
        undirected: !REL_SPECS[r.type].directed,
        attributes: {
          type: r.type,
          polarity,
          confidence: r.confidence ?? 0.8,
          origin: "manual",
          evidence: [{ document: "doc", quote, start, end: start + quote.length, confidence: r.confidence ?? 0.8 }],
        },
      };
    }),
  };
}

/** The nodes of the reference chain: a Japanese NGO, two Japanese bodies, a Korean union and the Korean state. */
export const BASE_NODES: NodeSpec[] = [
  { id: "gov-jp", kind: "government", country: "JP" },
  { id: "moj", kind: "government", country: "JP" },
  { id: "ngo-a", kind: "ngo", country: "JP" },
  { id: "union-k", kind: "confederation", country: "KR" },
  { id: "gov-kr", kind: "government", country: "KR" },
];

/** The four legs of the reference chain, one relationship each. */
export const BASE_RELS: Record<"block" | "reach" | "pressure" | "boomerang", RelSpec> = {
  block: { type: "BLOCKS", source: "moj", target: "ngo-a", confidence: 0.9, quote: "the Ministry of Justice refused to hear NGO-A" },
  reach: { type: "TIE", source: "union-k", target: "ngo-a", confidence: 0.8, quote: "NGO-A works closely with UNION-K" },
  pressure: { type: "PRESSURES", source: "union-k", target: "gov-kr", confidence: 0.7, quote: "UNION-K lobbied the Korean government" },
  boomerang: { type: "PRESSURES", source: "gov-kr", target: "gov-jp", confidence: 0.6, quote: "Seoul raised the matter with Tokyo" },
};

/** A constructed graph and the queries to ask of it (for comparing stores). */
export interface BoomerangScenario {
  name: string;
  nodes: NodeSpec[];
  rels: RelSpec[];
  queries: Array<{ state?: string; org?: string; maxPartnerHops?: 1 | 2 }>;
}

const KR2: NodeSpec = { id: "union-k2", kind: "union", country: "KR" };
const NGO_B: NodeSpec = { id: "ngo-b", kind: "ngo", country: "JP" };

/** Graphs covering every leg, polarity and route, for the two-store comparison. */
export const SCENARIOS: BoomerangScenario[] = [
  { name: "complete chain", nodes: BASE_NODES, rels: Object.values(BASE_RELS), queries: [{ state: "JP" }, { org: "ngo-a" }, { state: "KR" }] },
  ...(["block", "reach", "pressure", "boomerang"] as const).map((leg) => ({
    name: `${leg} missing`,
    nodes: BASE_NODES,
    rels: Object.entries(BASE_RELS).filter(([k]) => k !== leg).map(([, r]) => r),
    queries: [{ state: "JP" }, { org: "ngo-a" }],
  })),
  {
    name: "absent legs",
    nodes: [...BASE_NODES, { id: "union-t", kind: "union", country: "TH" }],
    rels: [
      { ...BASE_RELS.block, polarity: "absent", quote: "the ministry did not exclude NGO-A" },
      BASE_RELS.reach,
      BASE_RELS.pressure,
      { ...BASE_RELS.boomerang, polarity: "absent", quote: "Seoul never raised the matter with Tokyo" },
      { type: "TIE", source: "ngo-a", target: "union-t", polarity: "absent", quote: "no ties with Thai unions" },
    ],
    queries: [{ state: "JP" }, { org: "ngo-a" }],
  },
  {
    name: "international body and event",
    nodes: [
      ...BASE_NODES,
      { id: "jp-net", kind: "ngo", country: "JP" },
      { id: "gu", kind: "global_union" },
      { id: "ilo", kind: "igo" },
      { id: "protest", kind: "protest" },
      { id: "epa", kind: "epa", parties: ["JP", "KR"] },
    ],
    rels: [
      BASE_RELS.block,
      BASE_RELS.reach,
      { type: "MEMBER_OF", source: "ngo-a", target: "jp-net", confidence: 0.9 },
      { type: "MEMBER_OF", source: "jp-net", target: "gu", confidence: 0.7 },
      { type: "PRESSURES", source: "gu", target: "ilo", confidence: 0.8 },
      { type: "PRESSURES", source: "ilo", target: "gov-jp", confidence: 0.9 },
      { type: "PARTICIPATED_IN", source: "union-k", target: "protest", confidence: 0.75 },
      { type: "TARGETS", source: "protest", target: "epa", confidence: 0.85 },
      { type: "TARGETS", source: "protest", target: "ilo", confidence: 0.4 },
    ],
    queries: [{ state: "JP" }, { org: "ngo-a", maxPartnerHops: 1 }, { state: "KR" }],
  },
  {
    name: "cycles",
    nodes: [...BASE_NODES, KR2, NGO_B],
    rels: [
      ...Object.values(BASE_RELS),
      { type: "TIE", source: "union-k", target: "union-k2" },
      { type: "TIE", source: "union-k2", target: "ngo-a" },
      { type: "MEMBER_OF", source: "union-k", target: "ngo-a" },
      { type: "MEMBER_OF", source: "ngo-a", target: "ngo-b" },
      { type: "MEMBER_OF", source: "ngo-b", target: "ngo-a" },
      { type: "TIE", source: "ngo-b", target: "union-k" },
      { type: "PRESSURES", source: "gov-jp", target: "gov-kr" },
    ],
    queries: [{ state: "JP" }, { state: "KR" }, { org: "ngo-b" }],
  },
  {
    name: "joint action with the partner's compatriots",
    nodes: [
      ...BASE_NODES,
      NGO_B,
      { id: "kr-movements", kind: "ngo", country: "KR" },
      { id: "jp-movements", kind: "ngo", country: "JP" },
      { id: "protest", kind: "protest" },
      { id: "rally", kind: "protest" },
      { id: "epa", kind: "epa", parties: ["JP", "KR"] },
    ],
    rels: [
      BASE_RELS.block,
      BASE_RELS.reach,
      { type: "TIE", source: "ngo-b", target: "union-k", confidence: 0.6 },
      { type: "PARTICIPATED_IN", source: "ngo-a", target: "protest", confidence: 0.9 },
      { type: "PARTICIPATED_IN", source: "kr-movements", target: "protest", confidence: 0.7 },
      { type: "PARTICIPATED_IN", source: "jp-movements", target: "protest", confidence: 0.7 },
      { type: "TARGETS", source: "protest", target: "epa", confidence: 0.85 },
      { type: "PARTICIPATED_IN", source: "ngo-b", target: "rally", confidence: 0.8 },
      { type: "PARTICIPATED_IN", source: "jp-movements", target: "rally", confidence: 0.8 },
      { type: "TARGETS", source: "rally", target: "moj", confidence: 0.8 },
    ],
    queries: [{ state: "JP" }, { org: "ngo-a" }, { org: "ngo-b" }, { state: "KR" }],
  },
];
