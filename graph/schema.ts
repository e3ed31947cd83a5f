// The graph model of ../shared/SCHEMA.md as constant data. Every other module
// (stores, ingest, API, viewer through GET /api/schema) reads its node kinds,
// relationship types and endpoint rules from here, never from string literals.

/** Neo4j labels, one per node family. */
export const NODE_LABELS = ["Organization", "Event", "Agreement", "Person", "Document"] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** The `kind` values each label allows, in SCHEMA.md's order. */
export const KINDS_BY_LABEL = {
  Organization: [
    "union",
    "federation",
    "confederation",
    "global_union",
    "ngo",
    "movement",
    "government",
    "igo",
    "business",
    "party",
    "research",
  ],
  Event: ["protest", "conference", "summit", "campaign", "dispute"],
  Agreement: ["epa", "fta", "treaty", "declaration", "charter"],
  Person: ["person"],
  Document: ["document"],
} as const satisfies Record<NodeLabel, readonly string[]>;

export type OrganizationKind = (typeof KINDS_BY_LABEL.Organization)[number];
export type EventKind = (typeof KINDS_BY_LABEL.Event)[number];
export type AgreementKind = (typeof KINDS_BY_LABEL.Agreement)[number];
export type NodeKind = (typeof KINDS_BY_LABEL)[NodeLabel][number];

/** Every kind, each mapped to its label (each kind is listed under one label only). */
export const LABEL_OF_KIND: Readonly<Record<NodeKind, NodeLabel>> = Object.freeze(
  Object.fromEntries(
    (Object.entries(KINDS_BY_LABEL) as [NodeLabel, readonly NodeKind[]][]).flatMap(([label, kinds]) =>
      kinds.map((kind) => [kind, label]),
    ),
  ) as Record<NodeKind, NodeLabel>,
);
export const NODE_KINDS = Object.keys(LABEL_OF_KIND) as NodeKind[];

export const REL_TYPES = [
  "TIE",
  "MEMBER_OF",
  "FUNDS",
  "FOUNDED",
  "PARTICIPATED_IN",
  "TARGETS",
  "PRESSURES",
  "OPPOSES",
  "BLOCKS",
  "ROLE_IN",
  "MENTIONS",
] as const;
export type RelType = (typeof REL_TYPES)[number];

export interface RelTypeSpec {
  /** Labels allowed at the source end. */
  readonly from: readonly NodeLabel[];
  /** Labels allowed at the target end. */
  readonly to: readonly NodeLabel[];
  /** False only for TIE, which has no direction. */
  readonly directed: boolean;
  /** What the relationship means in the text (SCHEMA.md's wording). */
  readonly meaning: string;
}

export const REL_SPECS: Readonly<Record<RelType, RelTypeSpec>> = {
  TIE: { from: ["Organization"], to: ["Organization"], directed: false, meaning: "contacts, cooperation, exchanges, solidarity, ties, partners" },
  MEMBER_OF: { from: ["Organization"], to: ["Organization"], directed: true, meaning: "affiliation, membership, part of, joined" },
  FUNDS: { from: ["Organization"], to: ["Organization", "Event"], directed: true, meaning: "money or material support" },
  FOUNDED: { from: ["Organization"], to: ["Organization", "Event"], directed: true, meaning: "set up, established, initiated" },
  PARTICIPATED_IN: { from: ["Organization", "Person"], to: ["Event"], directed: true, meaning: "took part in, organised, supported" },
  TARGETS: { from: ["Event"], to: ["Organization", "Agreement"], directed: true, meaning: "what a protest or campaign was directed against" },
  PRESSURES: { from: ["Organization"], to: ["Organization", "Agreement"], directed: true, meaning: "lobbying, demands, requests, pressure" },
  OPPOSES: { from: ["Organization"], to: ["Organization", "Agreement"], directed: true, meaning: "stated opposition, rivalry or conflict" },
  BLOCKS: { from: ["Organization"], to: ["Organization"], directed: true, meaning: "excluded from decision-making, refused, rejected, repressed" },
  ROLE_IN: { from: ["Person"], to: ["Organization"], directed: true, meaning: "chairperson, co-representative, director" },
  MENTIONS: {
    from: ["Document"],
    to: ["Organization", "Event", "Agreement", "Person"],
    directed: true,
    meaning: "the document names the node",
  },
};

export const POLARITIES = ["present", "absent"] as const;
export type Polarity = (typeof POLARITIES)[number];

export const ORIGINS = ["extracted", "reviewed", "manual"] as const;
export type RelOrigin = (typeof ORIGINS)[number];

/** Where a node came from: the codebook, the ingest's own recognition, or a person. */
export const NODE_ORIGINS = ["codebook", "extracted", "manual", "imported"] as const;
export type NodeOrigin = (typeof NODE_ORIGINS)[number];

/** TIE strengths, strongest first: the order used when evidence disagrees. */
export const TIE_STRENGTHS = ["strong", "regular", "weak", "potential", "unspecified"] as const;
export type TieStrength = (typeof TIE_STRENGTHS)[number];

/** PARTICIPATED_IN roles, most involved first. */
export const PARTICIPATION_ROLES = ["organizer", "participant", "supporter"] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

export const SCOPES = ["national", "regional", "international"] as const;

/** Relationship types that connect organisations in the sense of a network tie (paths use these by default). */
export const DEFAULT_PATH_TYPES: readonly RelType[] = REL_TYPES.filter((t) => t !== "MENTIONS");

/** True when `value` is one of SCHEMA.md's relationship types. */
export function isRelType(value: unknown): value is RelType {
  return typeof value === "string" && (REL_TYPES as readonly string[]).includes(value);
}

/** True when `value` is one of SCHEMA.md's node labels. */
export function isNodeLabel(value: unknown): value is NodeLabel {
  return typeof value === "string" && (NODE_LABELS as readonly string[]).includes(value);
}

/** True when `value` is a node kind of any label. */
export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(LABEL_OF_KIND, value);
}

/** The whole model as plain data: what GET /api/schema serves to the viewer. */
export function describeSchema() {
  return {
    version: 1,
    labels: NODE_LABELS,
    kinds: KINDS_BY_LABEL,
    relTypes: REL_TYPES,
    relSpecs: REL_SPECS,
    polarities: POLARITIES,
    origins: ORIGINS,
    tieStrengths: TIE_STRENGTHS,
    participationRoles: PARTICIPATION_ROLES,
  };
}
