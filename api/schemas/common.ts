// Shared request and response pieces: the id patterns and caps every route
// uses, the one error shape, and node and relationship records. Response
// schemas list their properties, so fast-json-stringify drops anything a
// store holds that is not part of the contract (no internal field leaks).
import { Type, type Static } from "@fastify/type-provider-typebox";
import { NODE_KINDS, NODE_LABELS, POLARITIES, REL_TYPES } from "../../graph/schema.js";

/** Longest free-text query (q, title) the API accepts. */
export const MAX_QUERY_LENGTH = 200;
/** Largest page of results. */
export const MAX_LIMIT = 500;

const ID = "[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,199}";
const TYPE_ALTERNATION = REL_TYPES.join("|");

/** A node or document id: a slug of letters, digits, `_`, `.`, `-` (never `..` paths: it starts with a letter or digit). */
export const IdSchema = Type.String({ pattern: `^${ID}$`, minLength: 1, maxLength: 200, description: "node id (slug)" });
/** A relationship id: TYPE:source:target[:absent]. */
export const RelationshipIdSchema = Type.String({
  pattern: `^(${TYPE_ALTERNATION}):[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{2,420}$`,
  maxLength: 440,
  description: "relationship id: TYPE:source:target[:absent]",
});
/** A comma-separated list of relationship types (unknown types are a 400). */
export const TypesListSchema = Type.String({
  pattern: `^(${TYPE_ALTERNATION})(,(${TYPE_ALTERNATION}))*$`,
  maxLength: 200,
  description: "comma-separated relationship types, e.g. TIE,MEMBER_OF",
});
/** A comma-separated list of node kinds. */
export const KindsListSchema = Type.String({
  pattern: `^(${NODE_KINDS.join("|")})(,(${NODE_KINDS.join("|")}))*$`,
  maxLength: 300,
});
/** ISO 3166-1 alpha-2 country code. */
export const CountrySchema = Type.String({ pattern: "^[A-Z]{2}$" });
export const CountriesListSchema = Type.String({ pattern: "^[A-Z]{2}(,[A-Z]{2})*$", maxLength: 300 });
/** A string that must be one of `values` (an OpenAPI enum), typed as their union. */
export function enumOf<T extends string>(values: readonly T[], options: Record<string, unknown> = {}) {
  return Type.Unsafe<T>({ type: "string", enum: [...values], ...options });
}

export const KindSchema = enumOf(NODE_KINDS);
export const LabelSchema = enumOf(NODE_LABELS);
export const RelTypeSchema = enumOf(REL_TYPES);
export const PolaritySchema = enumOf(POLARITIES);

/** The one error body of every 4xx and 5xx. */
export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    problems: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: "every 4xx/5xx answer" },
);
export type ApiError = Static<typeof ErrorSchema>;

/** Error responses a route may give, by status, for its schema. */
export function errors(...codes: number[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries([400, 429, 500, 503, ...codes].map((c) => [c, ErrorSchema]));
}

const Str = Type.String();
const OptStr = Type.Optional(Str);
const OptNum = Type.Optional(Type.Number());

/** Attributes of a node as the API shows them (SCHEMA.md's fields only). */
export const NodeAttributesSchema = Type.Object({
  nodeLabel: Str,
  kind: Str,
  name: Str,
  aliases: Type.Array(Str),
  documents: Type.Array(Str),
  mentions: Type.Number(),
  origin: OptStr,
  description: OptStr,
  country: OptStr,
  scope: OptStr,
  founded: OptNum,
  membership: OptNum,
  membershipYear: OptNum,
  ideology: OptStr,
  date: OptStr,
  place: OptStr,
  participants: OptNum,
  parties: Type.Optional(Type.Array(Str)),
  signed: OptNum,
  roles: Type.Optional(Type.Array(Str)),
  title: OptStr,
  authors: Type.Optional(Type.Array(Str)),
  year: OptNum,
  sha256: OptStr,
  file: OptStr,
  format: OptStr,
  bytes: OptNum,
  chars: OptNum,
});

export const NodeSchema = Type.Object({ id: Str, attributes: NodeAttributesSchema });

export const EvidenceSchema = Type.Object({
  document: Str,
  quote: Str,
  start: Type.Integer(),
  end: Type.Integer(),
  cue: OptStr,
  confidence: OptNum,
  strength: OptStr,
  since: OptNum,
  until: OptNum,
  role: OptStr,
  share: OptStr,
  amount: OptStr,
  date: OptStr,
});

export const ReviewSchema = Type.Object({
  decision: Str,
  by: Str,
  at: Str,
  note: OptStr,
  changes: Type.Optional(
    Type.Object({ polarity: OptStr, strength: OptStr, role: OptStr, since: OptNum, until: OptNum }),
  ),
});

export const EdgeAttributesSchema = Type.Object({
  type: Str,
  polarity: Str,
  confidence: Type.Number(),
  origin: Str,
  evidence: Type.Array(EvidenceSchema),
  since: OptNum,
  until: OptNum,
  strength: OptStr,
  role: OptStr,
  share: OptStr,
  amount: OptStr,
  date: OptStr,
  count: OptNum,
  review: Type.Optional(ReviewSchema),
});

export const RelationshipSchema = Type.Object(
  { id: Str, source: Str, target: Str, attributes: EdgeAttributesSchema },
);

export const NodeDetailSchema = Type.Object({
  node: NodeSchema,
  relationships: Type.Array(RelationshipSchema),
  neighbours: Type.Array(NodeSchema),
});

export const SubgraphSchema = Type.Object({ nodes: Type.Array(NodeSchema), relationships: Type.Array(RelationshipSchema) });

/** The query of a route that takes none: any parameter is a 400. */
export const NoQuerySchema = Type.Object({}, { additionalProperties: false });

export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

/** Splits a validated comma list; undefined stays undefined. */
export function list<T extends string>(value: string | undefined): T[] | undefined {
  return value ? (value.split(",") as T[]) : undefined;
}
