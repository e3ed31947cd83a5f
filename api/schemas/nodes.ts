// Request and response schemas of the node routes: search (organisations,
// events, agreements, people, any node), one node, its neighbourhood.
import { Type, type Static } from "@fastify/type-provider-typebox";
import { CountrySchema, KindSchema, LabelSchema, MAX_LIMIT, MAX_QUERY_LENGTH, NodeSchema, TypesListSchema } from "./common.js";

/** Query of every search route (label only on /api/nodes). */
export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH, description: "name, alias or id; case and accent insensitive" })),
    kind: Type.Optional(KindSchema),
    country: Type.Optional(CountrySchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const NodeSearchQuerySchema = Type.Object(
  { ...SearchQuerySchema.properties, label: Type.Optional(LabelSchema) },
  { additionalProperties: false },
);
export type NodeSearchQuery = Static<typeof NodeSearchQuerySchema>;

export const SearchResultSchema = Type.Object({ total: Type.Integer(), items: Type.Array(NodeSchema) });

export const NeighbourhoodQuerySchema = Type.Object(
  {
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 1 })),
    types: Type.Optional(TypesListSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 500 })),
    includeAbsent: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type NeighbourhoodQuery = Static<typeof NeighbourhoodQuerySchema>;
