// Seeded scale-free graphs of organisations for the benchmarks: Barabási–
// Albert preferential attachment (each new node attaches to `m` distinct
// existing nodes, picked in proportion to degree), so degrees follow a power
// law. Nodes are organisations with kinds and countries; relationships are
// organisation-to-organisation types of the schema (TIE, MEMBER_OF, ...).
import { relationshipId } from "../../graph/merge.js";
import { REL_SPECS, type OrganizationKind, type RelType } from "../../graph/schema.js";
import type { SerializedEdge, SerializedGraph, SerializedNode } from "../../graph/types.js";
import { randomInt, seededRandom, weightedPick } from "./random.js";

/** Parameters of a generated graph. */
export interface GeneratorOptions {
  /** Number of organisations. */
  nodes: number;
  /** Relationships each new node brings (edges ≈ nodes × m). */
  m: number;
  seed: number;
  /** Share of relationships with polarity `absent` (default 0: every edge walkable). */
  absentShare?: number;
}

/** The sizes the benchmarks use: name → nodes and m. */
export const GRAPH_SIZES = {
  "10k": { nodes: 10_000, m: 5 },
  "50k": { nodes: 50_000, m: 5 },
  "100k": { nodes: 100_000, m: 10 },
} as const;
export type GraphSize = keyof typeof GRAPH_SIZES;

const KINDS: OrganizationKind[] = ["union", "federation", "confederation", "global_union", "ngo", "movement", "government", "igo", "business", "party", "research"];
const KIND_WEIGHTS = [40, 15, 3, 2, 15, 6, 6, 2, 7, 2, 2];
const COUNTRIES = ["JP", "KR", "PH", "TH", "ID", "MY", "VN", "TW", "HK", "CN", "IN", "BD", "LK", "NP", "KH", "MM", "SG", "AU", "DE", "US"];
const TYPES: RelType[] = ["TIE", "MEMBER_OF", "PRESSURES", "OPPOSES", "FUNDS", "FOUNDED", "BLOCKS"];
const TYPE_WEIGHTS = [55, 15, 8, 6, 6, 3, 7];

/** The key of generated node number `i` (the edge list and pairs files use `i`). */
export const nodeKey = (i: number) => `o${i}`;

/**
 * Visits the edges of a Barabási–Albert graph in generation order.
 * @param visit called with (new node, existing node) for every edge
 */
export function barabasiAlbert(nodes: number, m: number, seed: number, visit: (u: number, v: number) => void): number {
  if (!(Number.isInteger(nodes) && Number.isInteger(m) && m >= 1 && nodes > m)) throw new Error(`barabasiAlbert: need whole numbers with nodes > m ≥ 1, got ${nodes}, ${m}`);
  const random = seededRandom(seed);
  const ends = new Int32Array(2 * m * (nodes - m));
  let filled = 0;
  const picked = new Int32Array(m);
  for (let v = m; v < nodes; v++) {
    let count = 0;
    while (count < m) {
      // The first new node attaches to the m seed nodes; later ones by degree.
      const t = filled === 0 ? count : ends[randomInt(random, filled)];
      let dup = false;
      for (let k = 0; k < count; k++) if (picked[k] === t) dup = true;
      if (!dup) picked[count++] = t;
    }
    for (let k = 0; k < m; k++) {
      visit(v, picked[k]);
      ends[filled++] = v;
      ends[filled++] = picked[k];
    }
  }
  return filled / 2;
}

/**
 * Generates the graph in the interchange format, with the same edges as
 * `barabasiAlbert(nodes, m, seed)` in the same order.
 * @returns the graph and its edge list as node numbers (u, v pairs)
 */
export function generateScaleFree(options: GeneratorOptions): { graph: SerializedGraph; edgeList: Int32Array } {
  const { nodes: n, m, seed, absentShare = 0 } = options;
  const random = seededRandom(seed ^ 0x5eed);
  const nodes: SerializedNode[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = weightedPick(random, KINDS, KIND_WEIGHTS);
    const international = kind === "global_union" || kind === "igo";
    nodes[i] = {
      key: nodeKey(i),
      attributes: {
        nodeLabel: "Organization",
        kind,
        name: `Organisation ${i}`,
        aliases: [],
        documents: [],
        mentions: 0,
        origin: "imported",
        ...(international ? { scope: "international" as const } : { country: COUNTRIES[randomInt(random, COUNTRIES.length)] }),
      },
    };
  }
  const edges: SerializedEdge[] = [];
  const edgeList = new Int32Array(2 * m * (n - m));
  let k = 0;
  barabasiAlbert(n, m, seed, (u, v) => {
    edgeList[k++] = u;
    edgeList[k++] = v;
    const type = weightedPick(random, TYPES, TYPE_WEIGHTS);
    const polarity = random() < absentShare ? "absent" : "present";
    const directed = REL_SPECS[type].directed;
    const [s, t] = directed || u < v ? [u, v] : [v, u];
    const source = nodeKey(s);
    const target = nodeKey(t);
    const [a, b] = directed ? [source, target] : [source, target].sort();
    edges.push({
      key: relationshipId(type, source, target, polarity),
      source: a,
      target: b,
      undirected: !directed,
      attributes: { type, polarity, confidence: Math.round((0.5 + random() * 0.5) * 100) / 100, origin: "manual", evidence: [] },
    });
  });
  return {
    graph: { attributes: { name: `ba-${n}-${m}-${seed}` }, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes, edges },
    edgeList,
  };
}

/**
 * Seeded random pairs of distinct nodes.
 * @returns [source, target] node numbers
 */
export function randomPairs(nodes: number, count: number, seed: number): Array<[number, number]> {
  const random = seededRandom(seed);
  const pairs: Array<[number, number]> = [];
  while (pairs.length < count) {
    const a = randomInt(random, nodes);
    const b = randomInt(random, nodes);
    if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}
