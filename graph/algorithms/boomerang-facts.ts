// The part of the graph one boomerang analysis looks at, read from a
// BoomerangSource level by level (domestic organisations, their partners one
// and two hops away, the partners' pressure and events, the pressurers'
// pressure back) and kept in memory, so that the chain logic runs without I/O
// and every node is read once however many chains pass through it.
import type { RelType } from "../schema.js";
import type { NodeRecord, RelationshipRecord } from "../types.js";
import type { Adjacent, BoomerangSource } from "./boomerang-source.js";
import {
  PARTICIPATION_TYPES,
  REACH_TYPES,
  isAcrossBorder,
  isPresent,
  isPressurable,
  isStateBody,
  isStateTarget,
} from "./boomerang-rules.js";

/** How a pressurer was reached from a partner. */
export interface PressureStep {
  pressurer: NodeRecord;
  /** Each route is one sequence of relationships from the partner to the pressurer ([] when the partner is the pressurer). */
  routes: RelationshipRecord[][];
  /** Relationships from the pressurer to the first state (PRESSURES, or TARGETS for an Event). */
  back: RelationshipRecord[];
  /**
   * Set for a joint action (see jointSteps): the partner's compatriots who took
   * part in the Event with the domestic organisation. Each route is then
   * [a compatriot's PARTICIPATED_IN, the domestic organisation's PARTICIPATED_IN].
   */
  joint?: NodeRecord[];
}

// The type lists out() is asked for, one array each: its caches are keyed by the array.
const BLOCKS: readonly RelType[] = ["BLOCKS"];
const PRESSURES: readonly RelType[] = ["PRESSURES"];
const TARGETS: readonly RelType[] = ["TARGETS"];
const PARTICIPATED_IN: readonly RelType[] = ["PARTICIPATED_IN"];
const NO_STEPS: readonly PressureStep[] = Object.freeze([]);
const NONE: Adjacent[] = Object.freeze([]) as unknown as Adjacent[];

/** An intermediary's second hops (see secondHops), with each path's key "<intermediary>><partner>". */
export interface SecondHops {
  pressing: Adjacent[];
  quiet: Adjacent[];
  pressingKeys: string[];
  quietKeys: string[];
}

/** What was read, indexed by node id and relationship type. */
export class BoomerangFacts {
  /** Per node, per type: what was read (each relationship once). */
  private readonly adj = new Map<string, Map<string, Adjacent[]>>();
  /** out()'s answers by type list (the array itself), then node id: leaving, and arriving. */
  private readonly outCache = new Map<readonly RelType[], Map<string, Adjacent[]>>();
  private readonly inCache = new Map<readonly RelType[], Map<string, Adjacent[]>>();
  private readonly steps = new Map<string, readonly PressureStep[]>();
  private readonly linkCache = new Map<string, Adjacent[]>();
  private readonly hopCache = new Map<string, SecondHops>();
  private readonly jointCache = new Map<string, readonly PressureStep[]>();

  /** Onward partners left out by secondHops' cap. */
  onwardCut = 0;

  constructor(readonly state: string) {}

  /**
   * Adds what a source answered. A relationship read again for the same node
   * replaces the first reading in its place (de-duplicated by id).
   */
  add(answer: Map<string, Adjacent[]>): void {
    for (const [id, list] of answer) {
      let byType = this.adj.get(id);
      if (!byType) this.adj.set(id, (byType = new Map()));
      for (const cache of this.outCache.values()) cache.delete(id);
      for (const cache of this.inCache.values()) cache.delete(id);
      // A source gives each relationship once per node in an answer (BoomerangSource.adjacent), so only
      // types this node already had need a look-up: positions by id, made on the first such relationship.
      const before = byType.size ? new Set(byType.keys()) : null;
      let held: Map<string, Map<string, number>> | null = null;
      for (const a of list) {
        const type = a.relationship.attributes.type;
        let known = byType.get(type);
        if (!known) byType.set(type, (known = []));
        if (!before?.has(type)) {
          known.push(a);
          continue;
        }
        let at = (held ??= new Map()).get(type);
        if (!at) held.set(type, (at = new Map(known.map((k, i) => [k.relationship.id, i]))));
        const i = at.get(a.relationship.id);
        if (i === undefined) at.set(a.relationship.id, known.push(a) - 1);
        else known[i] = a;
      }
    }
  }

  /**
   * Relationships of these types leaving `id` (TIE: either way; `incoming` for
   * those arriving), by other end then id. Cached per `types` array (pass the
   * same array each time for the cache to serve).
   */
  out(id: string, types: readonly RelType[], incoming = false): Adjacent[] {
    const caches = incoming ? this.inCache : this.outCache;
    let cache = caches.get(types);
    if (!cache) caches.set(types, (cache = new Map()));
    const cached = cache.get(id);
    if (cached) return cached;
    const byType = this.adj.get(id);
    // Nothing of these types (most nodes for most types): the shared empty list, not cached.
    if (!byType || !types.some((t) => byType.has(t))) return NONE;
    const list: Adjacent[] = [];
    for (const type of types)
      for (const a of byType?.get(type) ?? []) {
        const r = a.relationship;
        if (type === "TIE" || (incoming ? r.target === id : r.source === id)) list.push(a);
      }
    if (list.length > 1) list.sort(byOtherThenId);
    cache.set(id, list);
    return list;
  }

  /** TIE or MEMBER_OF (either direction) to other organisations, the state's bodies left out. Cached. */
  links(id: string): Adjacent[] {
    const cached = this.linkCache.get(id);
    if (cached) return cached;
    // Every TIE and every MEMBER_OF read for `id` (each leaves or reaches it), sorted once.
    const list: Adjacent[] = [];
    const byType = this.adj.get(id);
    for (const type of REACH_TYPES)
      for (const a of byType?.get(type) ?? []) if (a.other.attributes.nodeLabel === "Organization" && a.other.id !== id && !isStateBody(a.other, this.state)) list.push(a);
    if (list.length > 1) list.sort(byOtherThenId);
    this.linkCache.set(id, list);
    return list;
  }

  /**
   * The second hop from an intermediary `id`: present links to partners across
   * the border, split into those whose partner has a pressure step (all) and
   * quiet ones (only the first `quietCap`: they show reach, they lead nowhere);
   * at most `onwardCap` pressing ones, the most promising (counted in `onwardCut`). Cached.
   */
  secondHops(id: string, quietCap: number, onwardCap = Infinity): SecondHops {
    const cached = this.hopCache.get(id);
    if (cached) return cached;
    const hops: SecondHops = { pressing: [], quiet: [], pressingKeys: [], quietKeys: [] };
    for (const a of this.links(id)) {
      if (a.relationship.attributes.polarity === "absent" || !isAcrossBorder(a.other, this.state)) continue;
      if (this.pressureSteps(a.other).length) hops.pressing.push(a);
      else if (hops.quiet.length < quietCap) hops.quiet.push(a);
    }
    if (hops.pressing.length > onwardCap) {
      // The most promising onward partners: pressure that comes back first, then stated pressure, then confidence.
      const quality = new Map(hops.pressing.map((a) => [a, promise(this.pressureSteps(a.other)) + weakestOf(a)]));
      hops.pressing.sort((x, y) => quality.get(y)! - quality.get(x)! || cmp(x.other.id, y.other.id) || cmp(x.relationship.id, y.relationship.id));
      this.onwardCut += hops.pressing.length - onwardCap;
      hops.pressing.length = onwardCap;
    }
    hops.pressingKeys = hops.pressing.map((a) => `${id}>${a.other.id}`);
    hops.quietKeys = hops.quiet.map((a) => `${id}>${a.other.id}`);
    this.hopCache.set(id, hops);
    return hops;
  }

  /** BLOCKS from the state's bodies to `id`. */
  blocks(id: string): RelationshipRecord[] {
    return this.out(id, BLOCKS, true)
      .filter((a) => a.relationship.target === id && isStateBody(a.other, this.state))
      .map((a) => a.relationship);
  }

  /** Where pressure from partner `p` can go: its state or an igo (directly or by an Event), or the first state by an Event. Cached. */
  pressureSteps(p: NodeRecord): readonly PressureStep[] {
    const cached = this.steps.get(p.id);
    if (cached) return cached;
    const pressing = this.out(p.id, PRESSURES);
    const joining = this.out(p.id, PARTICIPATION_TYPES);
    if (!pressing.length && !joining.length && !isPressurable(p, p, this.state)) {
      // No way to press anything (most partners).
      this.steps.set(p.id, NO_STEPS);
      return NO_STEPS;
    }
    const byPressurer = new Map<string, PressureStep>();
    const add = (pressurer: NodeRecord, route: RelationshipRecord[], back?: RelationshipRecord[]) => {
      let step = byPressurer.get(pressurer.id);
      if (!step) byPressurer.set(pressurer.id, (step = { pressurer, routes: [], back: back ?? this.pressureBack(pressurer.id) }));
      step.routes.push(route);
    };
    if (isPressurable(p, p, this.state)) add(p, []);
    for (const a of pressing) if (isPressurable(a.other, p, this.state)) add(a.other, [a.relationship]);
    for (const a of joining) {
      if (a.other.attributes.nodeLabel !== "Event") continue;
      const targets = this.out(a.other.id, TARGETS);
      const atState = targets.filter((t) => isStateTarget(t.other, this.state)).map((t) => t.relationship);
      if (atState.length) add(a.other, [a.relationship], atState);
      for (const t of targets) if (isPressurable(t.other, p, this.state)) add(t.other, [a.relationship, t.relationship]);
    }
    const list = [...byPressurer.values()].sort((x, y) => cmp(x.pressurer.id, y.pressurer.id));
    this.steps.set(p.id, list);
    return list;
  }

  /**
   * Joint actions of `domestic` with compatriots of partner `p`: Events that
   * TARGET the first state (a body or an agreement), in which `domestic` took
   * part (PARTICIPATED_IN, present) together with an organisation of p's
   * country (not the first state's; present participation). The pressure comes
   * back through the foreign network even though p itself is not recorded in
   * the event. Events p itself joins are left to pressureSteps. Cached.
   */
  jointSteps(domestic: NodeRecord, p: NodeRecord): readonly PressureStep[] {
    // No event of its own: no joint action with anyone (most organisations).
    const mineAll = this.out(domestic.id, PARTICIPATED_IN);
    if (!mineAll.length) return NO_STEPS;
    const key = `${domestic.id}>${p.id}`;
    const cached = this.jointCache.get(key);
    if (cached) return cached;
    const list: PressureStep[] = [];
    const country = p.attributes.country;
    if (country && country !== this.state && p.attributes.kind !== "igo" && p.attributes.kind !== "global_union") {
      const own = new Set(this.pressureSteps(p).map((s) => s.pressurer.id));
      const seen = new Set<string>();
      for (const mine of mineAll) {
        const event = mine.other;
        if (event.attributes.nodeLabel !== "Event" || !isPresent(mine.relationship) || own.has(event.id) || seen.has(event.id)) continue;
        const back = this.out(event.id, TARGETS).filter((t) => isStateTarget(t.other, this.state)).map((t) => t.relationship);
        if (!back.length) continue;
        const co = this.out(event.id, PARTICIPATED_IN, true).filter(
          (a) =>
            isPresent(a.relationship) &&
            a.other.id !== domestic.id &&
            a.other.attributes.nodeLabel === "Organization" &&
            a.other.attributes.kind !== "government" &&
            a.other.attributes.country === country,
        );
        if (!co.length) continue;
        seen.add(event.id);
        list.push({ pressurer: event, routes: co.map((a) => [a.relationship, mine.relationship]), back, joint: co.map((a) => a.other) });
      }
      list.sort((x, y) => cmp(x.pressurer.id, y.pressurer.id));
    }
    this.jointCache.set(key, list);
    return list;
  }

  /** PRESSURES from `id` to a body or agreement of the first state. */
  pressureBack(id: string): RelationshipRecord[] {
    return this.out(id, PRESSURES).filter((a) => isStateTarget(a.other, this.state)).map((a) => a.relationship);
  }

  /** The node at the far end of a relationship from `id`, if read. */
  other(id: string, rel: RelationshipRecord): NodeRecord | undefined {
    return this.adj.get(id)?.get(rel.attributes.type)?.find((a) => a.relationship.id === rel.id)?.other;
  }
}

/**
 * Reads everything the chains of `candidates` can touch, in five batched
 * rounds (a sixth, for joint actions, only when a candidate joins an event that targets the state). Each node's relationships are asked for only once per round.
 */
export async function loadBoomerangFacts(
  source: BoomerangSource,
  state: string,
  candidates: readonly NodeRecord[],
  maxPartnerHops: 1 | 2,
): Promise<BoomerangFacts> {
  const facts = new BoomerangFacts(state);
  const candidateIds = candidates.map((c) => c.id);
  // Round 1: blocks and reach, and the events the candidates themselves join (for joint actions with a partner's compatriots).
  facts.add(await source.adjacent(candidateIds, ["BLOCKS", ...REACH_TYPES, "PARTICIPATED_IN"]));

  // Round 2: the first hop. Every neighbour can lead on (2 hops); those across the border are partners.
  const hop1 = new Map<string, NodeRecord>();
  for (const id of candidateIds) for (const a of facts.links(id)) hop1.set(a.other.id, a.other);
  const partners = new Map([...hop1].filter(([, n]) => isAcrossBorder(n, state)));
  if (maxPartnerHops === 2) {
    facts.add(await source.adjacent(sortedKeys(hop1), REACH_TYPES));
    const candidateSet = new Set(candidateIds);
    for (const id of hop1.keys())
      for (const a of facts.links(id))
        if (isAcrossBorder(a.other, state) && !candidateSet.has(a.other.id)) partners.set(a.other.id, a.other);
  }

  // Round 3: what partners press and which events they join.
  facts.add(await source.adjacent(sortedKeys(partners), ["PRESSURES", ...PARTICIPATION_TYPES]));
  const events = new Set<string>();
  for (const p of partners.values())
    for (const a of facts.out(p.id, PARTICIPATION_TYPES)) if (a.other.attributes.nodeLabel === "Event") events.add(a.other.id);

  const ownEvents = new Set<string>();
  for (const id of candidateIds)
    for (const a of facts.out(id, PARTICIPATED_IN)) if (a.other.attributes.nodeLabel === "Event" && isPresent(a.relationship)) ownEvents.add(a.other.id);

  // Round 4: what those events target.
  facts.add(await source.adjacent([...new Set([...events, ...ownEvents])].sort(), ["TARGETS"]));

  // Round 4b: who else took part in the candidates' events that target the first state.
  const jointEvents = [...ownEvents].filter((e) => facts.out(e, TARGETS).some((t) => isStateTarget(t.other, state))).sort();
  if (jointEvents.length) facts.add(await source.adjacent(jointEvents, ["PARTICIPATED_IN"]));

  // Round 5: whether the pressurers press the first state.
  const pressurers = new Set<string>();
  for (const p of partners.values()) {
    if (isPressurable(p, p, state)) pressurers.add(p.id);
    for (const a of facts.out(p.id, PRESSURES)) if (isPressurable(a.other, p, state)) pressurers.add(a.other.id);
    for (const a of facts.out(p.id, PARTICIPATION_TYPES))
      for (const t of facts.out(a.other.id, TARGETS)) if (isPressurable(t.other, p, state)) pressurers.add(t.other.id);
  }
  facts.add(await source.adjacent([...pressurers].sort(), ["PRESSURES"]));
  return facts;
}

/** How far the best pressure step of a partner gets: 4 when it comes back, +2 when the pressure is stated present, + its confidence. */
function promise(steps: readonly PressureStep[]): number {
  let best = 0;
  for (const s of steps) {
    const back = s.back.some((r) => r.attributes.polarity !== "absent") ? 4 : 0;
    const routes = s.routes.filter((r) => r.every((x) => x.attributes.polarity !== "absent"));
    const route = routes.length ? 2 + Math.max(...routes.map((r) => r.reduce((m, x) => Math.min(m, x.attributes.confidence ?? 0), 1))) : 0;
    best = Math.max(best, back + route);
  }
  return best;
}

function weakestOf(a: Adjacent): number {
  return (a.relationship.attributes.confidence ?? 0) / 10;
}

function sortedKeys(m: Map<string, unknown>): string[] {
  return [...m.keys()].sort();
}

/** Order of adjacency lists: the other end's id, then the relationship's. */
function byOtherThenId(x: Adjacent, y: Adjacent): number {
  const a = x.other.id;
  const b = y.other.id;
  if (a !== b) return a < b ? -1 : 1;
  return cmp(x.relationship.id, y.relationship.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
