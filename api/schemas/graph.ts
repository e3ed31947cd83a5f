// Schemas of the graph-wide routes: shortest paths, the interchange export,
// file exports, statistics, health and the schema description.
import { Type, type Static } from "@fastify/type-provider-typebox";
import { CountriesListSchema, enumOf, IdSchema, KindsListSchema, NodeSchema, RelationshipSchema, TypesListSchema } from "./common.js";

export const ShortestPathQuerySchema = Type.Object(
  {
    from: IdSchema,
    to: IdSchema,
    types: Type.Optional(TypesListSchema),
    all: Type.Optional(Type.Boolean({ default: false, description: "every shortest path (up to limit)" })),
    maxHops: Type.Optional(Type.Integer({ minimum: 1, maximum: 8, default: 8 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    includeAbsent: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type ShortestPathQuery = Static<typeof ShortestPathQuerySchema>;

export const GraphPathSchema = Type.Object({
  nodes: Type.Array(NodeSchema),
  hops: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), relationship: RelationshipSchema })),
});

export const ShortestPathResultSchema = Type.Object({ from: Type.String(), to: Type.String(), paths: Type.Array(GraphPathSchema) });

/** The largest overview GET /api/graph and /api/export give (`top`). */
export const MAX_TOP = 100_000;

/** Comma-separated node ids, at most 500 (`nodes`, `include`). */
const ID_LIST_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,199}(,[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,199}){0,499}$";

const filterProperties = {
  types: Type.Optional(TypesListSchema),
  kinds: Type.Optional(KindsListSchema),
  countries: Type.Optional(CountriesListSchema),
  minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  fromYear: Type.Optional(Type.Integer({ minimum: 1000, maximum: 3000 })),
  toYear: Type.Optional(Type.Integer({ minimum: 1000, maximum: 3000 })),
  nodes: Type.Optional(Type.String({ pattern: ID_LIST_PATTERN, maxLength: 101_000, description: "comma-separated node ids (at most 500)" })),
  include: Type.Optional(
    Type.String({
      pattern: ID_LIST_PATTERN,
      maxLength: 101_000,
      description:
        "comma-separated node ids (at most 500) kept besides those `top` or `nodes` keeps, when the node filters (kinds, countries) keep them, with the relationships among all kept nodes: the nodes a viewer brought into an overview; without `top` or `nodes` it changes nothing",
    }),
  ),
  withoutDocuments: Type.Optional(Type.Boolean({ default: false })),
  withoutIsolated: Type.Optional(Type.Boolean({ default: false, description: "leave out the nodes no kept relationship touches (applied last)" })),
  includeAbsent: Type.Optional(Type.Boolean()),
  top: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_TOP,
      description:
        "an overview: only the `top` non-Document nodes with the most relationships the other filters keep (ties by id), and the relationships among them; the answer then carries X-Total-Nodes and X-Total-Relationships (the store's counts)",
    }),
  ),
};

/** Filters of GET /api/graph (graph/filter.ts ExportFilter). */
export const GraphQuerySchema = Type.Object(filterProperties, { additionalProperties: false });
export type GraphQuery = Static<typeof GraphQuerySchema>;

/** Formats GET /api/export knows (svg/png appear when graph/figure exists). */
export const EXPORT_FORMATS = ["json", "gexf", "graphml", "csv-nodes", "csv-edges", "svg", "png"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuerySchema = Type.Object(
  {
    ...filterProperties,
    format: Type.Optional(enumOf(EXPORT_FORMATS, { default: "json" })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuerySchema>;

/** The interchange format (graphology's serialisation); attributes are passed through whole. */
export const SerializedGraphSchema = Type.Object({
  attributes: Type.Object({}, { additionalProperties: true }),
  options: Type.Object({ type: Type.String(), multi: Type.Boolean(), allowSelfLoops: Type.Boolean() }),
  nodes: Type.Array(Type.Object({ key: Type.String(), attributes: Type.Object({}, { additionalProperties: true }) })),
  edges: Type.Array(
    Type.Object({
      key: Type.String(),
      source: Type.String(),
      target: Type.String(),
      undirected: Type.Optional(Type.Boolean()),
      attributes: Type.Object({}, { additionalProperties: true }),
    }),
  ),
});

const Counts = Type.Record(Type.String(), Type.Number());

/** GET /api/facets: what the whole store holds, for a client's filter lists (the store's counts, cheap). */
export const FacetsSchema = Type.Object({
  nodes: Type.Integer({ description: "non-Document nodes" }),
  relationships: Type.Integer({ description: "relationships other than MENTIONS (rejected ones left out)" }),
  kinds: Type.Record(Type.String(), Type.Integer(), { description: "non-Document nodes by kind" }),
  countries: Type.Record(Type.String(), Type.Integer(), { description: "non-Document nodes by country code (nodes without one left out)" }),
});
export type Facets = Static<typeof FacetsSchema>;
const Ranked = Type.Array(Type.Object({ id: Type.String(), name: Type.String(), value: Type.Number() }));

export const StatsSchema = Type.Object({
  counts: Type.Object({ nodes: Type.Integer(), relationships: Type.Integer(), documents: Type.Integer(), byKind: Counts, byType: Counts }),
  degree: Ranked,
  betweenness: Ranked,
  /** Sources the betweenness was computed from: the node count when exact, fewer when it is estimated from a sample. */
  betweennessSources: Type.Integer(),
  communities: Type.Object({
    count: Type.Integer(),
    modularity: Type.Number(),
    groups: Type.Array(Type.Object({ id: Type.Integer(), size: Type.Integer(), members: Type.Array(Type.String()) })),
  }),
});
export type Stats = Static<typeof StatsSchema>;

export const StatsQuerySchema = Type.Object(
  { top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  { additionalProperties: false },
);

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("degraded")]),
  store: Type.Object({ store: Type.String(), ok: Type.Boolean(), detail: Type.Optional(Type.String()), version: Type.Optional(Type.String()) }),
  version: Type.String(),
});

export const SchemaDescriptionSchema = Type.Object({}, { additionalProperties: true, description: "describeSchema() of graph/schema.ts" });
