// The GraphStore contract: what the embedded store (graphology, on disk) and
// the Neo4j store both promise. The contract suite in test/graph/ runs the
// same tests against both; ingest, the API and the CLI see only this.
import type { NodeKind, NodeLabel, Polarity, RelType } from "./schema.js";
import type {
  DocumentBundle,
  NodeRecord,
  RelationshipRecord,
  Review,
  SerializedGraph,
} from "./types.js";

export interface SearchQuery {
  /** Case-, accent- and punctuation-insensitive match against name, aliases and id. */
  q?: string;
  label?: NodeLabel;
  kind?: NodeKind;
  country?: string;
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  total: number;
  items: NodeRecord[];
}

export interface NodeDetail {
  node: NodeRecord;
  /** Every relationship touching the node, MENTIONS excluded, with evidence. */
  relationships: RelationshipRecord[];
  /** The nodes at the other ends, so a client can name them without another call. */
  neighbours: NodeRecord[];
}

export interface TraversalOptions {
  /** Relationship types to follow; default every type except MENTIONS. */
  types?: readonly RelType[];
  /** Follow relationships with `polarity: absent` too (default false: an absent tie is no tie). */
  includeAbsent?: boolean;
}

export interface NeighbourhoodOptions extends TraversalOptions {
  /** Hops from the centre, 1..3. */
  depth?: number;
  /** At most this many nodes (closest first). */
  limit?: number;
}

export interface Subgraph {
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
}

/** One step of a path: the relationship crossed, in the direction walked. */
export interface PathHop {
  from: string;
  to: string;
  relationship: RelationshipRecord;
}

export interface GraphPath {
  nodes: NodeRecord[];
  hops: PathHop[];
}

export interface ShortestPathOptions extends TraversalOptions {
  /** Every shortest path instead of one (capped by `limit`). */
  all?: boolean;
  /** Longest path considered, 1..8. */
  maxHops?: number;
  /** At most this many paths when `all` is set. */
  limit?: number;
}

export interface UpsertResult {
  document: string;
  /** `unchanged` when a document with the same sha256 is already stored. */
  status: "created" | "replaced" | "unchanged";
  nodes: number;
  relationships: number;
}

export interface ExportFilter extends TraversalOptions {
  /** Keep only these node kinds (and relationships between kept nodes). */
  kinds?: readonly NodeKind[];
  countries?: readonly string[];
  minConfidence?: number;
  /** Keep relationships whose years overlap this range. */
  fromYear?: number;
  toYear?: number;
  /** Leave out Document nodes and MENTIONS (default false: the full interchange graph). */
  withoutDocuments?: boolean;
  /** Only these node ids (e.g. the current view) and relationships among them. */
  nodeIds?: readonly string[];
  /**
   * An overview of a graph too large to draw whole: only the `top`
   * non-Document nodes with the most relationships the other filters keep
   * between such nodes (each counted at both ends; MENTIONS and rejected ones
   * never count), ties by id ascending, and the relationships among them, in
   * the full export's order. Documents are never kept with it
   * (graph/filter.ts). top <= 0 keeps nothing.
   */
  top?: number;
  /**
   * Node ids kept besides those `top` or `nodeIds` keep (nodes brought into
   * an overview), when they pass the node filters (kinds, countries;
   * Documents never with `top`); the relationships the filter keeps among
   * all kept nodes come with them. Without `top` or `nodeIds` it changes nothing.
   */
  include?: readonly string[];
  /**
   * Leave out the nodes no kept relationship touches (applied last, to what
   * the other filters keep): a viewer's export without the organisations it
   * hides for having no drawn tie.
   */
  withoutIsolated?: boolean;
}

export interface GraphStats {
  nodes: number;
  relationships: number;
  documents: number;
  byKind: Record<string, number>;
  byType: Record<string, number>;
  /** Non-Document nodes by country code (nodes without a country left out). */
  byCountry: Record<string, number>;
}

export interface StoreHealth {
  store: "memory" | "neo4j";
  ok: boolean;
  detail?: string;
  version?: string;
}

export interface DocumentSummary {
  id: string;
  attributes: DocumentBundle["document"]["attributes"];
}

/** A relationship pattern check for the boomerang analysis and other pattern queries. */
export interface RelationshipQuery {
  types?: readonly RelType[];
  source?: string;
  target?: string;
  polarity?: Polarity;
  /** Only relationships with evidence from this document. */
  document?: string;
}

/**
 * The store contract. Every method is async. Reads never return rejected
 * relationships (review decision `reject`) unless asked; an empty answer (no
 * path, no match) is a result, not an error.
 */
export interface GraphStore {
  readonly kind: "memory" | "neo4j";

  /** Connects or loads; idempotent. */
  open(): Promise<void>;
  /** Flushes and releases resources; idempotent. */
  close(): Promise<void>;
  /** Whether the store answers; never throws. */
  health(): Promise<StoreHealth>;

  /**
   * Writes one document's nodes and relationships as one unit, replacing what
   * that document contributed before. A failure leaves nothing of the new
   * version and all of the old one. A document whose sha256 equals the stored
   * one is left as it is (`unchanged`). Writing the same bundle twice gives the
   * same graph as writing it once.
   */
  upsertDocument(bundle: DocumentBundle): Promise<UpsertResult>;
  /**
   * Optional: starts saving a document's text ahead of its upsertDocument, so
   * that syncing it to disk overlaps the write before (an ingest of many small
   * files otherwise waits for each text's sync in turn). It names nothing:
   * texts are stored by content, and one no document names is never read.
   * Never throws; a failure is met again, and reported, by the upsertDocument
   * that needs the text.
   */
  stageText?(bundle: DocumentBundle): void;
  /**
   * Optional: runs a series of writes whose durability is deferred to the end
   * of the batch (or to a checkpoint between writes). Each write stays whole;
   * a crash loses the writes since the last checkpoint, never part of one.
   * Stores without it write as they go.
   */
  bulk?<T>(work: () => Promise<T>): Promise<T>;
  /** Removes a document's evidence, its relationships left with none, and nodes nothing else mentions. Returns false when absent. */
  removeDocument(id: string): Promise<boolean>;
  /** The stored sha256 of a document, or null. */
  documentHash(id: string): Promise<string | null>;
  listDocuments(): Promise<DocumentSummary[]>;
  /** The decoded text evidence offsets index into, or null. */
  documentText(id: string): Promise<string | null>;

  search(query: SearchQuery): Promise<SearchResult>;
  getNode(id: string): Promise<NodeDetail | null>;
  getRelationship(id: string): Promise<RelationshipRecord | null>;
  /** Relationships matching a pattern (used by pattern analyses such as the boomerang). */
  findRelationships(query: RelationshipQuery): Promise<RelationshipRecord[]>;
  /** Nodes by id, in the order given; unknown ids are skipped. */
  getNodes(ids: readonly string[]): Promise<NodeRecord[]>;
  neighbourhood(id: string, options?: NeighbourhoodOptions): Promise<Subgraph | null>;
  /**
   * Shortest path(s) between two nodes, treating every relationship as
   * walkable both ways. Null when either node is unknown; [] when no path exists.
   */
  shortestPaths(from: string, to: string, options?: ShortestPathOptions): Promise<GraphPath[] | null>;

  /** Records a person's review; it survives re-ingests of the document. */
  reviewRelationship(id: string, review: Review): Promise<RelationshipRecord>;

  /** The graph in the interchange format, filtered if asked. */
  exportGraph(filter?: ExportFilter): Promise<SerializedGraph>;
  /**
   * Loads nodes and relationships from the interchange format, merging into
   * what is stored (mode `merge`) or replacing it (mode `replace`, which needs
   * the caller's explicit consent). Returns counts written.
   */
  importGraph(graph: SerializedGraph, options?: { mode?: "merge" | "replace"; onProgress?: (done: number, total: number) => void }): Promise<{ nodes: number; relationships: number }>;
  stats(): Promise<GraphStats>;
  /** Deletes everything. Destructive: callers must have asked for it explicitly. */
  clear(): Promise<void>;
}
