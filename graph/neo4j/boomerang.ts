// The boomerang analysis on Neo4j: a BoomerangSource whose four reads are the
// parameterised Cypher statements of boomerang.cypher, each a batched read
// (one round trip per level of the chain, not one per node), and the shared
// chain logic on top. Neo4jStore exposes it as `boomerangSource()`, which
// analyzeBoomerang picks up, so GET /api/boomerang and the CLI use it unchanged.
import { readFileSync } from "node:fs";
import neo4j, { type Driver, type ManagedTransaction } from "neo4j-driver";
import { analyzeBoomerangWith } from "../algorithms/boomerang.js";
import type { Adjacent, BoomerangSource } from "../algorithms/boomerang-source.js";
import type { BoomerangOptions, BoomerangQuery, BoomerangResult } from "../algorithms/boomerang-types.js";
import { InvalidDataError } from "../errors.js";
import { isRelType, type RelType } from "../schema.js";
import type { NodeRecord } from "../types.js";
import { translateError } from "./errors.js";
import { nodeRecord, relationshipRecord } from "./values.js";

/** Where to run: the store's driver and database, and a time budget per read. */
export interface BoomerangCypherTarget {
  driver: Driver;
  database?: string;
  /** Per read transaction (ms); default 60 000. */
  timeoutMs?: number;
  /** Node ids per UNWIND batch; default 5 000. */
  batchSize?: number;
}

/** The statements of boomerang.cypher, by name. */
export const BOOMERANG_CYPHER: Readonly<Record<"nodes" | "state-bodies" | "domestic-organizations" | "adjacent", string>> = parseCypherFile(
  readFileSync(new URL("./boomerang.cypher", import.meta.url), "utf8"),
);

/**
 * Splits a .cypher file at its "// name: <name>" lines into statements
 * (comments kept, the trailing semicolon dropped).
 * @throws InvalidDataError when one of the four statements is missing
 */
export function parseCypherFile(text: string): typeof BOOMERANG_CYPHER {
  const out: Record<string, string> = {};
  const parts = text.split(/^\/\/ name: */m).slice(1);
  for (const part of parts) {
    const [name, ...body] = part.split("\n");
    out[name.trim()] = body.join("\n").trim().replace(/;\s*$/, "");
  }
  const missing = ["nodes", "state-bodies", "domestic-organizations", "adjacent"].filter((n) => !out[n]);
  if (missing.length) throw new InvalidDataError(`boomerang.cypher: missing statement(s) ${missing.join(", ")}`);
  return out as typeof BOOMERANG_CYPHER;
}

/**
 * A BoomerangSource reading Neo4j through the given driver. Every value is a
 * parameter; relationship types are checked against SCHEMA.md's list.
 */
export function cypherBoomerangSource(target: BoomerangCypherTarget): BoomerangSource {
  const batchSize = target.batchSize ?? 5000;
  const read = async <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    const session = target.driver.session({ database: target.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work, { timeout: target.timeoutMs ?? 60_000 });
    } catch (error) {
      throw translateError(error, "neo4j (boomerang)");
    } finally {
      await session.close().catch(() => undefined);
    }
  };
  const nodeRows = async (statement: string, params: Record<string, unknown>): Promise<NodeRecord[]> =>
    read(async (tx) => (await tx.run(statement, params)).records.map((r) => nodeRecord(r.toObject() as never)));

  return {
    async nodes(ids) {
      const found = new Map<string, NodeRecord>();
      for (const batch of chunks([...new Set(ids)], batchSize))
        for (const n of await nodeRows(BOOMERANG_CYPHER.nodes, { ids: batch })) found.set(n.id, n);
      return ids.filter((id) => found.has(id)).map((id) => found.get(id)!);
    },
    stateBodies: (state) => nodeRows(BOOMERANG_CYPHER["state-bodies"], { state }),
    domesticOrganizations: (state) => nodeRows(BOOMERANG_CYPHER["domestic-organizations"], { state }),
    async adjacent(ids, types) {
      const bad = types.filter((t) => !isRelType(t));
      if (bad.length) throw new InvalidDataError(`boomerang: unknown relationship type(s) ${bad.join(", ")}`);
      const out = new Map<string, Adjacent[]>(ids.map((id) => [id, []]));
      for (const batch of chunks([...new Set(ids)], batchSize)) {
        const rows = await read(async (tx) => (await tx.run(BOOMERANG_CYPHER.adjacent, { ids: batch, types: [...types] as RelType[] })).records);
        for (const row of rows) {
          const o = row.toObject();
          out.get(String(o.from))?.push({
            relationship: relationshipRecord(o as never),
            other: nodeRecord({ id: o.otherId, attrs: o.otherAttrs, documents: o.otherDocuments, mentions: o.otherMentions }),
          });
        }
      }
      return out;
    },
  };
}

/**
 * analyzeBoomerang on Neo4j through Cypher (same result as on the memory store
 * for the same graph).
 * @throws InvalidDataError, NotFoundError as analyzeBoomerang; StoreUnavailableError
 *   or QueryTimeoutError when the server fails
 */
export function analyzeBoomerangCypher(target: BoomerangCypherTarget, query: BoomerangQuery, options?: BoomerangOptions): Promise<BoomerangResult> {
  return analyzeBoomerangWith(cypherBoomerangSource(target), query, options);
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
