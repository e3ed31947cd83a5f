// Attribute types of nodes and relationships, the interchange format (graphology's
// own serialisation) and the records that stores take and return.
import type Graph from "graphology";
import type {
  NodeKind,
  NodeLabel,
  NodeOrigin,
  ParticipationRole,
  Polarity,
  RelOrigin,
  RelType,
  TieStrength,
} from "./schema.js";

/** One piece of evidence: `quote === text.slice(start, end)` of `document`'s decoded text. */
export interface Evidence {
  document: string;
  quote: string;
  start: number;
  end: number;
  /** The rule or cue word that produced the relationship from this span. */
  cue?: string;
  /** Confidence of this one reading (0..1); the relationship's confidence is the highest. */
  confidence?: number;
  /** Attributes this span supports; the relationship's attributes are derived from them. */
  strength?: TieStrength;
  since?: number;
  until?: number;
  role?: string;
  share?: string;
  amount?: string;
  date?: string;
}

export interface NodeAttributes {
  /** Neo4j label (not `label`: graphology consumers read `label` as a display name). */
  nodeLabel: NodeLabel;
  kind: NodeKind;
  name: string;
  aliases: string[];
  /** Ids of the documents that mention the node; derived from MENTIONS. */
  documents: string[];
  /** Total mentions over all documents; derived from MENTIONS. */
  mentions: number;
  origin: NodeOrigin;
  description?: string;
  // Organization
  country?: string;
  scope?: "national" | "regional" | "international";
  founded?: number;
  membership?: number;
  membershipYear?: number;
  ideology?: string;
  // Event
  date?: string;
  place?: string;
  participants?: number;
  // Agreement
  parties?: string[];
  signed?: number;
  // Person
  roles?: string[];
  // Document
  title?: string;
  authors?: string[];
  year?: number;
  sha256?: string;
  file?: string;
  format?: string;
  bytes?: number;
  chars?: number;
  [extra: string]: unknown;
}

/** A person's decision about one relationship; kept across re-ingests. */
export interface Review {
  decision: "accept" | "reject" | "correct";
  by: string;
  at: string;
  note?: string;
  /** For `correct`: the corrected attributes (type, polarity, strength, role, since, until). */
  changes?: Partial<Pick<EdgeAttributes, "polarity" | "strength" | "role" | "since" | "until">>;
}

export interface EdgeAttributes {
  type: RelType;
  polarity: Polarity;
  confidence: number;
  origin: RelOrigin;
  evidence: Evidence[];
  since?: number;
  until?: number;
  strength?: TieStrength;
  role?: ParticipationRole | string;
  share?: string;
  amount?: string;
  date?: string;
  /** MENTIONS only. */
  count?: number;
  review?: Review;
  [extra: string]: unknown;
}

export interface GraphAttributes {
  name?: string;
  [extra: string]: unknown;
}

export type UnionGraph = Graph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** graphology's serialisation (`graph.export()`): the JSON interchange format. */
export interface SerializedNode {
  key: string;
  attributes: NodeAttributes;
}
export interface SerializedEdge {
  key: string;
  source: string;
  target: string;
  undirected?: boolean;
  attributes: EdgeAttributes;
}
export interface SerializedGraph {
  attributes: GraphAttributes;
  options: { type: "mixed" | "directed" | "undirected"; multi: boolean; allowSelfLoops: boolean };
  nodes: SerializedNode[];
  edges: SerializedEdge[];
}

/** A node as stores return it: the key is the stable id. */
export interface NodeRecord {
  id: string;
  attributes: NodeAttributes;
}

/** A relationship as stores return it. `id` is stable across re-ingests (see relationshipId). */
export interface RelationshipRecord {
  id: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
}

/** What one document contributes: the unit that is written, replaced or removed as a whole. */
export interface DocumentBundle {
  /** The Document node (kind `document`). Its id is the `document` of every evidence item. */
  document: NodeRecord;
  /** The document's decoded text, which evidence offsets index into. */
  text: string;
  /** Nodes the document mentions, with how often (`mentions`). */
  nodes: Array<NodeRecord & { mentions: number }>;
  /** Relationships whose evidence all comes from this document. MENTIONS are derived by the store. */
  relationships: Array<Omit<RelationshipRecord, "id"> & { id?: string }>;
}
