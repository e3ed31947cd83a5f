// What the boomerang analysis reads from a graph, as four questions, and the
// answers given through the GraphStore interface (so any store works). The
// Neo4j adapter answers the same questions in Cypher (graph/neo4j/boomerang.ts);
// the chain logic in boomerang-chains.ts is shared, so both give the same result.
import type { RelType } from "../schema.js";
import type { GraphStore } from "../store.js";
import type { NodeRecord, RelationshipRecord } from "../types.js";
import type { BoomerangResult } from "./boomerang-types.js";

/** A relationship seen from one of its ends, with the node at the other end. */
export interface Adjacent {
  relationship: RelationshipRecord;
  other: NodeRecord;
}

/** The reads the boomerang analysis needs; every answer in a stable order. */
export interface BoomerangSource {
  /** Nodes by id, in the order given; unknown ids skipped. */
  nodes(ids: readonly string[]): Promise<NodeRecord[]>;
  /** Organizations of kind `government` with this country, by id. */
  stateBodies(state: string): Promise<NodeRecord[]>;
  /**
   * Organizations of this country that are neither government nor igo, by id.
   * A source may leave out those with no BLOCKS, TIE or MEMBER_OF at all.
   */
  domesticOrganizations(state: string): Promise<NodeRecord[]>;
  /**
   * For each id, its relationships of these types in either direction and
   * either polarity (rejected ones left out), each once, with the node at the other end.
   */
  adjacent(ids: readonly string[], types: readonly RelType[]): Promise<Map<string, Adjacent[]>>;
  /**
   * Optional: where answers may be kept while the graph stays as it is, by
   * query; a new map after any change. Sources that cannot tell leave it out.
   */
  answers?(): Map<string, BoomerangResult>;
}

/** A store that answers the boomerang reads itself (Neo4jStore does, in Cypher). */
export interface BoomerangCapableStore {
  boomerangSource(): BoomerangSource;
}

/**
 * The store's own BoomerangSource when it has one (the embedded store reads
 * its traversal index, Neo4j runs Cypher); else storeBoomerangSource(store).
 */
export function boomerangSourceFor(store: GraphStore): BoomerangSource {
  const capable = store as GraphStore & Partial<BoomerangCapableStore>;
  if (typeof capable.boomerangSource === "function") return capable.boomerangSource();
  return storeBoomerangSource(store);
}

const PAGE = 1000;

/**
 * A BoomerangSource over any GraphStore: search for the state's nodes, getNode
 * for each node's relationships (cached, so a hub is read once per analysis).
 */
export function storeBoomerangSource(store: GraphStore): BoomerangSource {
  const details = new Map<string, Adjacent[]>();

  const searchAll = async (country: string, kind?: "government"): Promise<NodeRecord[]> => {
    const out: NodeRecord[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.search({ label: "Organization", country, kind, limit: PAGE, offset });
      out.push(...page.items);
      if (page.items.length < PAGE || out.length >= page.total) break;
    }
    return out.sort(byId);
  };

  const load = async (id: string): Promise<Adjacent[]> => {
    const cached = details.get(id);
    if (cached) return cached;
    const detail = await store.getNode(id);
    const others = new Map((detail?.neighbours ?? []).map((n) => [n.id, n]));
    const list: Adjacent[] = [];
    for (const relationship of detail?.relationships ?? []) {
      const otherId = relationship.source === id ? relationship.target : relationship.source;
      const other = others.get(otherId);
      if (other) list.push({ relationship, other });
    }
    details.set(id, list);
    return list;
  };

  return {
    nodes: (ids) => store.getNodes(ids),
    stateBodies: (state) => searchAll(state, "government"),
    async domesticOrganizations(state) {
      return (await searchAll(state)).filter((n) => n.attributes.kind !== "government" && n.attributes.kind !== "igo");
    },
    async adjacent(ids, types) {
      const wanted = new Set<string>(types);
      const out = new Map<string, Adjacent[]>();
      for (const id of ids) out.set(id, (await load(id)).filter((a) => wanted.has(a.relationship.attributes.type)));
      return out;
    },
  };
}

function byId(a: NodeRecord, b: NodeRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
