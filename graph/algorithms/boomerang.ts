// The boomerang pattern (Keck and Sikkink 1998, SCHEMA.md): a domestic
// organisation blocked by its state (1) reaches across the border (2) to
// partners who press their own state or an intergovernmental body, or join an
// action against the first state (3), whose pressure comes back on the first
// state (4). For a state or one organisation, every complete chain and every
// broken one, each leg with its relationships and quotes, best first.
import { NotFoundError } from "../errors.js";
import type { GraphStore } from "../store.js";
import type { NodeRecord } from "../types.js";
import { chainsOf, type ChainEntry } from "./boomerang-chains.js";
import { loadBoomerangFacts } from "./boomerang-facts.js";
import { boomerangSourceFor, type BoomerangSource } from "./boomerang-source.js";
import {
  MAX_CHAINS_PER_ORG,
  MAX_ONWARD_PARTNERS,
  resolveBoomerangQuery,
  type BoomerangInstance,
  type BoomerangOptions,
  type BoomerangQuery,
  type BoomerangResult,
  type ResolvedBoomerangQuery,
} from "./boomerang-types.js";

export * from "./boomerang-types.js";
export { boomerangSourceFor, storeBoomerangSource, type Adjacent, type BoomerangCapableStore, type BoomerangSource } from "./boomerang-source.js";

/**
 * Boomerang chains over any GraphStore (through the store's own
 * BoomerangSource when it has one, e.g. Neo4j's Cypher).
 *
 * @param store an open store
 * @param query `state` (country code): every domestic organisation of that
 *   state that is blocked or reaches across the border; `org` (node id): that
 *   organisation's chains (its state is its country unless `state` is given)
 * @param options maxPartnerHops (1 | 2, default 2), includePartial (default
 *   true), limit (default 100)
 * @returns instances ranked complete first, then by legs present, then by
 *   weakest confidence; `summary` counts all found before `limit`
 * @throws InvalidDataError for a malformed query, NotFoundError for an unknown org
 */
export function analyzeBoomerang(store: GraphStore, query: BoomerangQuery, options?: BoomerangOptions): Promise<BoomerangResult> {
  return analyzeBoomerangWith(boomerangSourceFor(store), query, options);
}

/** Answers kept per graph state when the source offers it (BoomerangSource.answers), the least recently asked dropped first. */
export const MAX_KEPT_ANSWERS = 64;
/** Answers listing more instances than this are not kept (a state answer of 100 is ~280 KB): memory stays bounded. */
export const MAX_KEPT_INSTANCES = 200;

/**
 * The same analysis over any BoomerangSource (the Neo4j adapter passes its
 * Cypher-backed source). Reads in a fixed number of batched rounds. When the
 * source keeps answers for an unchanged graph, a query asked before is
 * answered from a copy of the kept answer.
 */
export async function analyzeBoomerangWith(source: BoomerangSource, query: BoomerangQuery, options?: BoomerangOptions): Promise<BoomerangResult> {
  const q = resolveBoomerangQuery(query, options);
  const answers = source.answers?.();
  const key = JSON.stringify([q.state, q.org, q.options.maxPartnerHops, q.options.includePartial, q.options.limit]);
  const kept = answers?.get(key);
  if (answers && kept) {
    answers.delete(key);
    answers.set(key, kept);
    return structuredClone(kept);
  }
  const result = await analyze(source, q);
  // Kept only when the graph did not change while the analysis read it (the source then gives a new map).
  if (answers && source.answers?.() === answers && result.instances.length <= MAX_KEPT_INSTANCES) {
    answers.set(key, structuredClone(result));
    if (answers.size > MAX_KEPT_ANSWERS) answers.delete(answers.keys().next().value!);
  }
  return result;
}

async function analyze(source: BoomerangSource, q: ResolvedBoomerangQuery): Promise<BoomerangResult> {
  const result: BoomerangResult = {
    query: { state: q.state, org: q.org },
    instances: [],
    summary: { complete: 0, partial: 0 },
    truncated: false,
    notes: [],
  };
  let state = q.state;
  let candidates: NodeRecord[];
  if (q.org) {
    const [org] = await source.nodes([q.org]);
    if (!org) throw new NotFoundError("node", q.org);
    const a = org.attributes;
    state ??= a.country ?? null;
    if (a.nodeLabel !== "Organization") result.notes.push(`${a.name} is not an organisation`);
    else if (a.kind === "government" || a.kind === "igo") result.notes.push(`${a.name} is a ${a.kind} body, not a domestic organisation`);
    else if (!state) result.notes.push(`${a.name} has no country, so no state of its own to be blocked by`);
    else if (a.country && a.country !== state) result.notes.push(`${a.name} belongs to ${a.country}, not ${state}`);
    if (result.notes.length) return result;
    candidates = [org];
  } else candidates = await source.domesticOrganizations(state!);
  result.query.state = state;

  const facts = await loadBoomerangFacts(source, state!, candidates, q.options.maxPartnerHops);
  let all: ChainEntry[] = [];
  let unlisted = 0;
  for (const domestic of candidates) {
    const chains = chainsOf(facts, domestic, q.options.maxPartnerHops, q.org !== null, q.org ? Infinity : MAX_CHAINS_PER_ORG);
    all.push(...chains.instances);
    result.summary.complete += chains.complete;
    result.summary.partial += chains.partial;
    unlisted += chains.unlisted;
  }
  if (facts.onwardCut) result.notes.push(`bounded: ${facts.onwardCut} onward partner(s) of hubs not followed (at most ${MAX_ONWARD_PARTNERS} per intermediary, the most promising)`);
  if (unlisted) result.notes.push(`bounded: ${unlisted} chain(s) counted but not listed (at most ${MAX_CHAINS_PER_ORG} per organisation, the best)`);
  if (!q.options.includePartial) all = all.filter((i) => i.complete);
  all.sort(rankInstances);
  result.truncated = all.length > q.options.limit || unlisted > 0;
  // Only the listed chains are built (their notes and relationship lists made).
  result.instances = all.slice(0, q.options.limit).map((c) => c.build());
  if (!all.length && result.summary.partial) result.notes.push(`no complete chain; ${result.summary.partial} broken one(s) left out (includePartial is false)`);
  else if (!all.length) result.notes.push(`no organisation of ${state} is blocked or reaches across the border`);
  return result;
}

/** Ranking: complete first, then more legs present, then higher weakest confidence, then id. */
export function rankInstances(a: Pick<BoomerangInstance, "id" | "complete" | "score">, b: Pick<BoomerangInstance, "id" | "complete" | "score">): number {
  return (
    Number(b.complete) - Number(a.complete) ||
    b.score.legsPresent - a.score.legsPresent ||
    b.score.weakestConfidence - a.score.weakestConfidence ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
