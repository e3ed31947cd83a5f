// The review file (seeds/review.yaml): a person's accept / reject / correct
// decisions about extracted relationships, by relationship id. Applied after
// every ingest through the store, so decisions survive re-ingests.
import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { InvalidDataError, NotFoundError, type FieldProblem } from "../graph/errors.js";
import type { GraphStore } from "../graph/store.js";
import type { Review } from "../graph/types.js";

/** One decision of the review file. */
export interface ReviewEntry extends Review {
  id: string;
}

const DECISIONS = new Set(["accept", "reject", "correct"]);
const CHANGE_KEYS = new Set(["polarity", "strength", "role", "since", "until"]);

/**
 * Reads a review file; a missing file is an empty list.
 * @throws InvalidDataError listing every malformed entry
 */
export function loadReviews(path: string): ReviewEntry[] {
  if (!existsSync(path)) return [];
  let data: unknown;
  try {
    data = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InvalidDataError(`review file ${path} is not valid YAML`, [{ path, message: String(error) }]);
  }
  if (data == null) return [];
  if (!Array.isArray(data)) throw new InvalidDataError(`review file ${path}`, [{ path: "(root)", message: "must be a list" }]);
  const problems: FieldProblem[] = [];
  const out: ReviewEntry[] = [];
  data.forEach((raw, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const at = `[${i}]`;
    if (typeof e.id !== "string" || !e.id) problems.push({ path: `${at}.id`, message: "relationship id is required" });
    if (!DECISIONS.has(String(e.decision))) problems.push({ path: `${at}.decision`, message: "must be accept, reject or correct" });
    const changes = e.changes as Record<string, unknown> | undefined;
    if (changes !== undefined && (typeof changes !== "object" || Object.keys(changes).some((k) => !CHANGE_KEYS.has(k))))
      problems.push({ path: `${at}.changes`, message: `may only change ${[...CHANGE_KEYS].join(", ")}` });
    if (e.decision === "correct" && !changes) problems.push({ path: `${at}.changes`, message: "a correction needs changes" });
    out.push({
      id: String(e.id),
      decision: e.decision as Review["decision"],
      by: typeof e.by === "string" ? e.by : "reviewer",
      at: e.at ? String(e.at) : new Date(0).toISOString().slice(0, 10),
      ...(e.note ? { note: String(e.note) } : {}),
      ...(changes ? { changes: changes as Review["changes"] } : {}),
    });
  });
  if (problems.length) throw new InvalidDataError(`review file ${path} is invalid`, problems);
  return out;
}

/**
 * Applies decisions through the store. Ids the store does not hold (yet) are
 * returned, not thrown: a review may name a relationship of a document not ingested.
 */
export async function applyReviews(store: GraphStore, reviews: ReviewEntry[]): Promise<{ applied: number; unknown: string[] }> {
  let applied = 0;
  const unknown: string[] = [];
  for (const { id, ...review } of reviews) {
    try {
      const current = await store.getRelationship(id);
      if (current?.attributes.review && JSON.stringify(current.attributes.review) === JSON.stringify(review)) {
        applied++;
        continue;
      }
      await store.reviewRelationship(id, review);
      applied++;
    } catch (error) {
      if (error instanceof NotFoundError) unknown.push(id);
      else throw error;
    }
  }
  return { applied, unknown };
}
