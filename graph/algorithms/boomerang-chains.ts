// The chains of one domestic organisation, found from facts already read:
// one instance per (reach path, pressurer) that gets as far as the pressure
// leg, plus one grouped instance for each place the chain breaks earlier
// (no reach, reach stated as absent, partners who press nothing). A chain is
// found with what ranking needs (its id, legs present, weakest confidence);
// its legs' notes and relationship lists are made only when it is built, so a
// state query builds only the instances it lists.
import type { NodeRecord, RelationshipRecord } from "../types.js";
import type { BoomerangFacts, PressureStep } from "./boomerang-facts.js";
import { describe, isAcrossBorder, isPresent, isStateBody, strongest, weakest } from "./boomerang-rules.js";
import { BOOMERANG_LEGS, JOINT_ACTION_PENALTY, LEG_LABELS, MAX_LISTED_PATHS, MAX_ONWARD_PARTNERS, type BoomerangInstance, type BoomerangLegName, type Leg } from "./boomerang-types.js";

/** One way across the border: the partners in order, and each sequence of relationships that walks it. */
interface ReachPath {
  partners: NodeRecord[];
  alts: RelationshipRecord[][];
}

interface LegDraft {
  status: Leg["status"];
  /** Made when the instance is built (a boomerang leg's also to find the target). */
  relationships: () => RelationshipRecord[];
  note: () => string;
  /** Confidence of a present leg; undefined when the leg has no relationships of its own. */
  confidence?: number;
}

/** A chain found: what ranking needs (the same values as the built instance's), and how to build it. */
export interface ChainEntry {
  id: string;
  complete: boolean;
  score: BoomerangInstance["score"];
  build(): BoomerangInstance;
}

/** The chains of one organisation, and how many there were in all. */
export interface OrgChains {
  /** Unranked, not built. */
  instances: ChainEntry[];
  complete: number;
  partial: number;
  /** Chains found but not built because of `cap`. */
  unlisted: number;
}

type LaterLegs = Record<Exclude<BoomerangLegName, "block">, LegDraft>;

/**
 * Every chain of `domestic` (complete and broken), unranked.
 * @param facts what loadBoomerangFacts read for this organisation
 * @param maxPartnerHops 1 or 2
 * @param always list a "reach missing" instance even when the organisation is neither blocked nor reaches out (org queries)
 * @param cap build at most this many chains through a pressurer (the best), counting the rest
 */
export function chainsOf(facts: BoomerangFacts, domestic: NodeRecord, maxPartnerHops: 1 | 2, always: boolean, cap = Infinity): OrgChains {
  const state = facts.state;
  const block = blockLeg(facts, domestic);
  const { present, absent } = reachPaths(facts, domestic, maxPartnerHops);
  const result: OrgChains = { instances: [], complete: 0, partial: 0, unlisted: 0 };
  if (!always && block.status === "missing" && !present.length && !absent.length) return result;

  const build = (id: string, paths: ReachPath[], legs: LaterLegs, step?: PressureStep) => entry(id, state, domestic, block, paths, legs, step, facts);
  const out = result.instances;
  const quiet: ReachPath[] = [];
  const pending: Array<{ id: string; path: ReachPath; step: PressureStep; legs: LaterLegs; score: BoomerangInstance["score"] }> = [];
  for (const path of present) {
    const last = path.partners[path.partners.length - 1];
    // The partner's own pressure, then joint actions of the organisation with the partner's compatriots.
    const own = facts.pressureSteps(last);
    const joint = facts.jointSteps(domestic, last);
    if (!own.length && !joint.length) {
      quiet.push(path);
      continue;
    }
    for (const step of own.length && joint.length ? [...own, ...joint] : own.length ? own : joint) {
      const ids = [domestic.id, ...path.partners.map((p) => p.id)];
      if (step.pressurer.id !== last.id) ids.push(step.pressurer.id);
      const legs = { reach: reachDraft([path]), pressure: pressureDraft(step, last, domestic), boomerang: backDraft(step, state) };
      pending.push({ id: ids.join(">"), path, step, legs, score: scoreOf({ block, ...legs }) });
    }
  }
  for (const p of pending) result[p.score.legsPresent === 4 ? "complete" : "partial"]++;
  if (pending.length > cap) {
    pending.sort((a, b) => b.score.legsPresent - a.score.legsPresent || b.score.weakestConfidence - a.score.weakestConfidence || (a.id < b.id ? -1 : 1));
    result.unlisted = pending.length - cap;
    pending.length = cap;
  }
  for (const p of pending) out.push(build(p.id, [p.path], p.legs, p.step));
  if (quiet.length) {
    const what = `is recorded pressing its own state or an intergovernmental body, or joining an action against ${state}`;
    const missing = quiet.length === 1 ? `${describe(lastOf(quiet[0]))} ${what.replace("is", "is not")}` : `none of the ${quiet.length} partners reached ${what}`;
    out.push(
      build(`${domestic.id}#pressure-missing`, quiet, {
        reach: reachDraft(quiet),
        pressure: { status: "missing", relationships: none, note: () => missing },
        boomerang: breaksBefore,
      }),
    );
  }
  if (absent.length) {
    out.push(
      build(`${domestic.id}#reach-absent`, absent, {
        reach: {
          status: "absent",
          relationships: () => unique(absent.flatMap((p) => p.alts.flat())),
          note: () => `the text states that ${domestic.attributes.name} has no tie with ${unique(absent.flatMap((p) => p.partners)).map(describe).join(", ")}`,
        },
        pressure: breaksBefore,
        boomerang: breaksBefore,
      }),
    );
  }
  if (!present.length && !absent.length) {
    out.push(
      build(`${domestic.id}#reach-missing`, [], {
        reach: { status: "missing", relationships: none, note: () => `no tie or membership of ${domestic.attributes.name} reaches an organisation outside ${state} or an international body` },
        pressure: breaksBefore,
        boomerang: breaksBefore,
      }),
    );
  }
  result.partial += out.length - pending.length;
  return result;
}

function blockLeg(facts: BoomerangFacts, domestic: NodeRecord): LegDraft {
  const rels = facts.blocks(domestic.id);
  const name = domestic.attributes.name;
  const present = rels.filter(isPresent);
  if (present.length)
    return { status: "present", relationships: () => present, note: () => `${names(facts, domestic.id, present)} block${present.length === 1 ? "s" : ""} ${name}`, confidence: strongest(present) };
  if (rels.length) {
    const note = () => {
      const who = names(facts, domestic.id, rels);
      return `the text states that ${who} ${who.includes(", ") ? "do" : "does"} not block ${name}`;
    };
    return { status: "absent", relationships: () => rels, note };
  }
  return { status: "missing", relationships: none, note: () => `no body of ${facts.state} is recorded as blocking ${name} or excluding it` };
}

/** Paths of one or two hops to partners across the border; a path with an absent relationship is absent. */
function reachPaths(facts: BoomerangFacts, domestic: NodeRecord, maxPartnerHops: 1 | 2): { present: ReachPath[]; absent: ReachPath[] } {
  const state = facts.state;
  // Parallel relationships (a TIE and a MEMBER_OF, membership both ways) walk the same path: one path, several alternatives.
  const present = new Map<string, ReachPath>();
  const absent = new Map<string, ReachPath>();
  // A path's key: its partners' ids joined by ">" (for two hops, made once per intermediary by secondHops).
  const add = (into: Map<string, ReachPath>, key: string, partners: NodeRecord[], rels: RelationshipRecord[]) => {
    const path = into.get(key);
    if (path) path.alts.push(rels);
    else into.set(key, { partners, alts: [rels] });
  };
  const firsts = facts.links(domestic.id);
  for (const first of firsts) {
    const x = first.other;
    if (!isPresent(first.relationship)) {
      if (isAcrossBorder(x, state)) add(absent, x.id, [x], [first.relationship]);
      continue;
    }
    if (isAcrossBorder(x, state)) add(present, x.id, [x], [first.relationship]);
  }
  if (maxPartnerHops === 2) {
    const listedVia = new Map<string, number>();
    for (const first of firsts) {
      const x = first.other;
      if (!isPresent(first.relationship)) continue;
      // An absent tie of the intermediary is not the domestic organisation's own break: secondHops leaves it out.
      const { pressing, quiet, pressingKeys, quietKeys } = facts.secondHops(x.id, MAX_LISTED_PATHS + 1, MAX_ONWARD_PARTNERS);
      for (let k = 0; k < pressing.length; k++) {
        const second = pressing[k];
        if (second.other.id !== domestic.id) add(present, pressingKeys[k], [x, second.other], [first.relationship, second.relationship]);
      }
      // A hub's quiet partners only show that reach exists; listing a few is enough.
      for (let k = 0; k < quiet.length; k++) {
        const second = quiet[k];
        const y = second.other;
        if (y.id === domestic.id) continue;
        const key = quietKeys[k];
        const known = present.has(key);
        if (!known && (listedVia.get(x.id) ?? 0) >= MAX_LISTED_PATHS) continue;
        if (!known) listedVia.set(x.id, (listedVia.get(x.id) ?? 0) + 1);
        add(present, key, [x, y], [first.relationship, second.relationship]);
      }
    }
  }
  return { present: [...present.values()], absent: [...absent.values()] };
}

function reachDraft(paths: ReachPath[]): LegDraft {
  const listed = paths.slice(0, MAX_LISTED_PATHS);
  const more = paths.length - listed.length;
  const note = () => listed.map((p) => p.partners.map(describe).join(" → ")).join("; ") + (more > 0 ? `; and ${more} more` : "");
  const confidence = Math.max(...listed.flatMap((p) => p.alts.map(weakest)));
  return { status: "present", relationships: () => unique(listed.flatMap((p) => p.alts.flat())), note, confidence };
}

function pressureDraft(step: PressureStep, partner: NodeRecord, domestic: NodeRecord): LegDraft {
  if (step.joint) {
    // Every route of a joint action is present (jointSteps keeps only present participation).
    const joint = step.joint;
    const note = () =>
      `${describe(domestic)} takes part in ${describe(step.pressurer)}: a joint action with ${joint.map((n) => n.attributes.name).join(", ")} from ${partner.attributes.country}, compatriots of ${describe(partner)}`;
    return { status: "present", relationships: () => unique(step.routes.flat()), note, confidence: JOINT_ACTION_PENALTY * Math.max(...step.routes.map(weakest)) };
  }
  const whole = step.routes.filter((r) => r.every(isPresent));
  const routes = whole.length ? whole : step.routes;
  const relationships = () => unique(routes.flat());
  const p = () => describe(partner);
  const to = () => describe(step.pressurer);
  if (!whole.length) return { status: "absent", relationships, note: () => `the text states that ${p()} does not press ${to()}` };
  const self = routes.some((r) => r.length === 0);
  const note = () =>
    self ? `${p()} is itself an intergovernmental body` : step.pressurer.attributes.nodeLabel === "Event" ? `${p()} takes part in ${to()}` : `${p()} presses ${to()}`;
  const confidence = self ? undefined : Math.max(...routes.map(weakest));
  return { status: "present", relationships, note, confidence };
}

function backDraft(step: PressureStep, state: string): LegDraft {
  const present = step.back.filter(isPresent);
  const by = () => describe(step.pressurer);
  if (present.length)
    return { status: "present", relationships: () => present, note: () => `${by()} ${step.pressurer.attributes.nodeLabel === "Event" ? "targets" : "presses"} ${state}`, confidence: strongest(present) };
  if (step.back.length) return { status: "absent", relationships: () => step.back, note: () => `the text states that ${by()} does not press ${state}` };
  return { status: "missing", relationships: none, note: () => `no record of ${by()} pressing a body or an agreement of ${state}` };
}

/** A chain's id, completeness and score now; its instance when built. */
function entry(
  id: string,
  state: string,
  domestic: NodeRecord,
  block: LegDraft,
  paths: ReachPath[],
  drafts: LaterLegs,
  step: PressureStep | undefined,
  facts: BoomerangFacts,
): ChainEntry {
  const all: Record<BoomerangLegName, LegDraft> = { block, ...drafts };
  const score = scoreOf(all);
  const back = drafts.boomerang.status === "present" ? drafts.boomerang.relationships() : [];
  const best = [...back].sort((a, b) => b.attributes.confidence - a.attributes.confidence || (a.id < b.id ? -1 : 1))[0];
  const target = best && step ? facts.other(step.pressurer.id, best) : undefined;
  return {
    id: target ? `${id}>${target.id}` : id,
    complete: score.legsPresent === 4,
    score,
    build: () => instance(id, state, domestic, block, paths, all, score, step, target, facts),
  };
}

function instance(
  id: string,
  state: string,
  domestic: NodeRecord,
  block: LegDraft,
  paths: ReachPath[],
  all: Record<BoomerangLegName, LegDraft>,
  score: BoomerangInstance["score"],
  step: PressureStep | undefined,
  target: NodeRecord | undefined,
  facts: BoomerangFacts,
): BoomerangInstance {
  const legs: Leg[] = BOOMERANG_LEGS.map((leg) => ({ leg, label: LEG_LABELS[leg], status: all[leg].status, relationships: all[leg].relationships(), note: all[leg].note() }));
  const partners = unique(paths.slice(0, MAX_LISTED_PATHS).flatMap((p) => p.partners));
  const bodies = new Map<string, NodeRecord>();
  for (const r of block.status === "present" ? block.relationships() : []) {
    const body = facts.other(domestic.id, r);
    if (body) bodies.set(body.id, body);
  }
  if (target && isStateBody(target, state)) bodies.set(target.id, target);
  const complete = score.legsPresent === 4;
  const brokenAt = (["reach", "pressure", "boomerang"] as const).find((l) => all[l].status !== "present");
  return {
    id: target ? `${id}>${target.id}` : id,
    complete,
    score,
    nodes: {
      state,
      stateBodies: [...bodies.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      domestic,
      partners,
      ...(step ? { pressurer: step.pressurer } : {}),
      ...(target ? { target } : {}),
    },
    legs,
    missing: legs.filter((l) => l.status !== "present").map((l) => l.label),
    ...(brokenAt ? { brokenAt } : {}),
  };
}

/** Legs present, and the lowest confidence among them (0 when none is present). */
function scoreOf(all: Record<BoomerangLegName, LegDraft>): BoomerangInstance["score"] {
  const presentLegs = BOOMERANG_LEGS.filter((l) => all[l].status === "present");
  const confidences = presentLegs.map((l) => all[l].confidence).filter((c): c is number => c !== undefined);
  return { legsPresent: presentLegs.length, legsTotal: 4, weakestConfidence: presentLegs.length ? round3(Math.min(1, ...confidences)) : 0 };
}

const none = (): RelationshipRecord[] => [];
const breaksBefore: LegDraft = { status: "missing", relationships: none, note: () => "the chain breaks before this leg" };

function names(facts: BoomerangFacts, id: string, rels: RelationshipRecord[]): string {
  return unique(rels.map((r) => facts.other(id, r)).filter((n): n is NodeRecord => !!n)).map((n) => n.attributes.name).join(", ");
}

function lastOf(path: ReachPath): NodeRecord {
  return path.partners[path.partners.length - 1];
}

function unique<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
