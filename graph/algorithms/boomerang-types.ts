// The result shape of the boomerang analysis (Keck and Sikkink 1998, as
// SCHEMA.md states it), its options with their defaults, and the check of a
// query. The viewer draws exactly this JSON; the API serves it as it is.
import { InvalidDataError, type FieldProblem } from "../errors.js";
import type { NodeRecord, RelationshipRecord } from "../types.js";

/** The four legs of a boomerang chain, in the order the pressure travels. */
export const BOOMERANG_LEGS = ["block", "reach", "pressure", "boomerang"] as const;
export type BoomerangLegName = (typeof BOOMERANG_LEGS)[number];

/** Human-readable names of the legs (what `missing` lists). */
export const LEG_LABELS: Readonly<Record<BoomerangLegName, string>> = {
  block: "blocked by its state",
  reach: "reach across the border",
  pressure: "partner pressure",
  boomerang: "pressure back on the state",
};

/**
 * One leg of one instance. `present`: a relationship with polarity present
 * supports it; `absent`: the text says it does not exist (the relationships
 * are the absent-polarity ones, with their quotes); `missing`: nothing in the
 * graph says either way.
 */
export interface Leg {
  leg: BoomerangLegName;
  label: string;
  status: "present" | "absent" | "missing";
  /** The relationships that make up the leg, each with its evidence quotes. */
  relationships: RelationshipRecord[];
  note?: string;
}

/** One chain (complete or broken) for one domestic organisation. */
export interface BoomerangInstance {
  /** Stable: the chain's node ids joined by ">", plus "#<where it breaks>" for grouped partial chains. */
  id: string;
  complete: boolean;
  score: { legsPresent: number; legsTotal: 4; weakestConfidence: number };
  nodes: {
    /** Country code of the first state. */
    state: string;
    /** The state's bodies the chain touches (blockers, boomerang targets). */
    stateBodies: NodeRecord[];
    domestic: NodeRecord;
    /** Partners across the border, in the order reached (one or two for a chain, several for a grouped broken one). */
    partners: NodeRecord[];
    /** Who carries the pressure: the partner's state, an intergovernmental body, or a joint Event. */
    pressurer?: NodeRecord;
    /** What the pressure lands on: a body of the first state or one of its agreements. */
    target?: NodeRecord;
  };
  /** Always four, in BOOMERANG_LEGS order. */
  legs: Leg[];
  /** LEG_LABELS of the legs not present, in leg order. */
  missing: string[];
  /** The first leg of the chain reach → pressure → boomerang that is not present (the break); absent when complete. */
  brokenAt?: BoomerangLegName;
}

export interface BoomerangQuery {
  /** ISO 3166-1 alpha-2 code of the first state. */
  state?: string;
  /** Id of a domestic organisation: its chains only. */
  org?: string;
}

export interface BoomerangOptions {
  /** Hops from the domestic organisation to the partner (1 or 2). */
  maxPartnerHops?: 1 | 2;
  /** List broken chains too (default true). */
  includePartial?: boolean;
  /** At most this many instances, best first. */
  limit?: number;
}

export interface BoomerangResult {
  query: { state: string | null; org: string | null };
  instances: BoomerangInstance[];
  /** Counts over every instance found, before `limit`. */
  summary: { complete: number; partial: number };
  /** True when `limit` cut the list. */
  truncated: boolean;
  /** Why a query has no answer (e.g. the organisation has no country). */
  notes: string[];
}

/** Defaults of BoomerangOptions. */
export const BOOMERANG_DEFAULTS: Readonly<Required<BoomerangOptions>> = {
  maxPartnerHops: 2,
  includePartial: true,
  limit: 100,
};

/** Largest accepted `limit`. */
export const BOOMERANG_MAX_LIMIT = 10_000;

/** Reach paths listed in one grouped broken chain; the rest are counted in its note. */
export const MAX_LISTED_PATHS = 25;

/** Onward partners followed from one intermediary on the second hop (the most promising ones): a hub does not multiply the work. */
export const MAX_ONWARD_PARTNERS = 25;

/**
 * A pressure leg carried by a joint action (the domestic organisation and the
 * partner's compatriots in an Event that targets the first state, the partner
 * itself not recorded there) has this share of its weakest participation's
 * confidence, so it ranks below a chain where the partner itself acts on the
 * same evidence.
 */
export const JOINT_ACTION_PENALTY = 0.9;

/** Chains through a pressurer listed per organisation in a state query (the best ones; the rest are counted in the summary). */
export const MAX_CHAINS_PER_ORG = 20;

/** A checked query: state upper-cased, options filled in. */
export interface ResolvedBoomerangQuery {
  state: string | null;
  org: string | null;
  options: Required<BoomerangOptions>;
}

/**
 * Checks a query and its options, gathering every problem.
 * @throws InvalidDataError when neither state nor org is given, the state is
 *   not a two-letter code, or an option is out of range
 */
export function resolveBoomerangQuery(query: BoomerangQuery, options: BoomerangOptions = {}): ResolvedBoomerangQuery {
  const problems: FieldProblem[] = [];
  const state = query.state?.trim().toUpperCase() || null;
  const org = query.org?.trim() || null;
  if (!state && !org) problems.push({ path: "query", message: "give a state (country code) or an org (node id)" });
  if (state && !/^[A-Z]{2}$/.test(state)) problems.push({ path: "state", message: `expected an ISO 3166-1 alpha-2 code, got "${query.state}"` });
  const resolved = { ...BOOMERANG_DEFAULTS, ...stripUndefined(options) };
  if (resolved.maxPartnerHops !== 1 && resolved.maxPartnerHops !== 2)
    problems.push({ path: "maxPartnerHops", message: `expected 1 or 2, got ${String(options.maxPartnerHops)}` });
  if (!Number.isInteger(resolved.limit) || resolved.limit < 1 || resolved.limit > BOOMERANG_MAX_LIMIT)
    problems.push({ path: "limit", message: `expected a whole number from 1 to ${BOOMERANG_MAX_LIMIT}, got ${String(options.limit)}` });
  if (typeof resolved.includePartial !== "boolean") problems.push({ path: "includePartial", message: "expected true or false" });
  if (problems.length) throw new InvalidDataError("boomerang: invalid query", problems);
  return { state, org, options: resolved };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
