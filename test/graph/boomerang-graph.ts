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
