// Schemas of GET /api/boomerang: the query (a state or an organisation) and
// BoomerangResult of graph/algorithms/boomerang-types.ts.
import { Type } from "@fastify/type-provider-typebox";
import { BOOMERANG_LEGS } from "../../graph/algorithms/boomerang-types.js";
import { CountrySchema, enumOf, IdSchema, NodeSchema, RelationshipSchema } from "./common.js";

export const BoomerangQuerySchema = Type.Object(
  {
    state: Type.Optional(CountrySchema),
    org: Type.Optional(IdSchema),
    maxPartnerHops: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
    includePartial: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

const LegSchema = Type.Object({
  leg: enumOf(BOOMERANG_LEGS),
  label: Type.String(),
  status: Type.Union([Type.Literal("present"), Type.Literal("absent"), Type.Literal("missing")]),
  relationships: Type.Array(RelationshipSchema),
  note: Type.Optional(Type.String()),
});

const InstanceSchema = Type.Object({
  id: Type.String(),
  complete: Type.Boolean(),
  score: Type.Object({ legsPresent: Type.Integer(), legsTotal: Type.Integer(), weakestConfidence: Type.Number() }),
  nodes: Type.Object({
    state: Type.String(),
    stateBodies: Type.Array(NodeSchema),
    domestic: NodeSchema,
    partners: Type.Array(NodeSchema),
    pressurer: Type.Optional(NodeSchema),
    target: Type.Optional(NodeSchema),
  }),
  legs: Type.Array(LegSchema),
  missing: Type.Array(Type.String()),
  brokenAt: Type.Optional(Type.String()),
});

export const BoomerangResultSchema = Type.Object({
  query: Type.Object({ state: Type.Union([Type.String(), Type.Null()]), org: Type.Union([Type.String(), Type.Null()]) }),
  instances: Type.Array(InstanceSchema),
  summary: Type.Object({ complete: Type.Integer(), partial: Type.Integer() }),
  truncated: Type.Boolean(),
  notes: Type.Array(Type.String()),
});
