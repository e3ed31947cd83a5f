// Schemas of the relationship routes, including the review body. The body
// is closed (additionalProperties: false): origin, confidence, evidence or
// polarity at the top level are a 400, never written (mass assignment).
import { Type, type Static } from "@fastify/type-provider-typebox";
import { PARTICIPATION_ROLES, TIE_STRENGTHS } from "../../graph/schema.js";
import { enumOf, PolaritySchema, RelationshipIdSchema } from "./common.js";

export const RelationshipParamsSchema = Type.Object({ id: RelationshipIdSchema }, { additionalProperties: false });

export const ReviewChangesSchema = Type.Object(
  {
    polarity: Type.Optional(PolaritySchema),
    strength: Type.Optional(enumOf(TIE_STRENGTHS)),
    role: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: "^[^\\u0000-\\u001f]*$", examples: [...PARTICIPATION_ROLES] })),
    since: Type.Optional(Type.Integer({ minimum: 1000, maximum: 3000 })),
    until: Type.Optional(Type.Integer({ minimum: 1000, maximum: 3000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReviewBodySchema = Type.Object(
  {
    decision: Type.Union([Type.Literal("accept"), Type.Literal("reject"), Type.Literal("correct")]),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    changes: Type.Optional(ReviewChangesSchema),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBodySchema>;
