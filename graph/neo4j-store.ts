// The Neo4j GraphStore (see store.ts for the contract), on neo4j-driver 6.
// Every call runs in a managed transaction (executeRead with a time budget,
// executeWrite for writes) so the driver retries transient failures; every
// write unit is idempotent (graph/neo4j/write-document.ts); every query is a
// constant of graph/neo4j/queries.ts; driver errors are translated once, in
// `run` below. Why it is shaped this way: graph/neo4j/README.md.
import neo4j, { type Driver, type ManagedTransaction } from "neo4j-driver";
import { InvalidDataError, NotFoundError } from "./errors.js";
import { filterSerializedGraph } from "./filter.js";
import { canonicalEnds, deriveEdgeAttributes, mergeNodeAttributes, relationshipId, stripDerived } from "./merge.js";
import { DEFAULT_PATH_TYPES, REL_TYPES, isRelType, type RelType } from "./schema.js";
import type * as S from "./store.js";
import type { DocumentBundle, NodeAttributes, NodeRecord, RelationshipRecord, Review, SerializedGraph } from "./types.js";
import { validateBundle } from "./validate.js";
import { foldName } from "./text.js";
import { isUnreachable, translateError } from "./neo4j/errors.js";
import * as Q from "./neo4j/queries.js";
import { choosePaths } from "./neo4j/paths.js";
import { intParam, nodeRecord, relationshipRecord, toPlain } from "./neo4j/values.js";
import { byRelationship } from "./relationship-order.js";
import * as W from "./neo4j/write-document.js";
import { cypherBoomerangSource } from "./neo4j/boomerang.js";
import type { BoomerangSource } from "./algorithms/boomerang-source.js";

export interface Neo4jStoreOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  /** Time budget of one read transaction (ms); past it, QueryTimeoutError. Default 10 000. */
  readTimeoutMs?: number;
  /** How long the driver keeps retrying a transient failure (ms). Default 5 000. */
  maxRetryTimeMs?: number;
  /** Connection and pool acquisition timeouts (ms). Default 5 000. */
  connectionTimeoutMs?: number;
  maxConnectionPoolSize?: number;
  /** Rows per transaction in importGraph. Default 5 000. */
  importBatch?: number;
  /** Test seams: fault injection after write steps; a count of unit-of-work attempts. */
  hooks?: W.WriteHooks & { onWriteAttempt?: (unit: string) => void };
}

const PATH_ROW_CAP = 1000;

/** GraphStore on a Neo4j 5 server. Open before use; close to release the driver. */
export class Neo4jStore implements S.GraphStore {
  readonly kind = "neo4j" as const;
  private driverInstance: Driver | null = null;
  private opening: Promise<void> | null = null;
  /**
   * Set when a unit of work found Neo4j unreachable. While set, each unit first
   * probes the server (one connection attempt, no retries, shared by concurrent
   * units), so an outage costs callers a refused connection, not the driver's
   * retry budget; the first probe that reaches the server clears it.
   */
  private unreachable = false;
  private probing: Promise<void> | null = null;

  constructor(readonly options: Neo4jStoreOptions) {
    if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(options.uri)) throw new InvalidDataError(`neo4j store: "${options.uri}" is not a bolt:// or neo4j:// URI`);
  }

  /**
   * A store configured from NEO4J_URI (required), NEO4J_USER (default neo4j),
   * NEO4J_PASSWORD (none: no authentication) and NEO4J_DATABASE (default: the server's).
   * Throws InvalidDataError when NEO4J_URI is missing.
   */
  static fromEnv(env: Record<string, string | undefined>, extra: Partial<Neo4jStoreOptions> = {}): Neo4jStore {
    if (!env.NEO4J_URI) throw new InvalidDataError("neo4j store: NEO4J_URI is not set");
    return new Neo4jStore({ uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE || undefined, ...extra });
  }

  /** "neo4j at <uri>", the name errors carry. */
  get name(): string {
    return `neo4j at ${this.options.uri}`;
  }

  /** The driver (tests run units of work with it); throws before open(). */
  get driver(): Driver {
    if (!this.driverInstance) throw new InvalidDataError("neo4j store: open() first");
    return this.driverInstance;
  }

  async open(): Promise<void> {
    this.opening ??= this.connect().catch((error) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  private async connect(): Promise<void> {
    const o = this.options;
    const auth = o.password ? neo4j.auth.basic(o.user ?? "neo4j", o.password) : undefined;
    const timeout = o.connectionTimeoutMs ?? 5000;
    this.driverInstance = neo4j.driver(o.uri, auth, {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: o.maxRetryTimeMs ?? 5000,
      connectionTimeout: timeout,
      connectionAcquisitionTimeout: timeout,
      maxConnectionPoolSize: o.maxConnectionPoolSize ?? 50,
    });
    try {
      // Fails at once (no retries) when nothing answers, so a down server costs no wait here.
      await this.driverInstance.getServerInfo({ database: o.database }).catch((error: unknown) => {
        throw translateError(error, this.name);
      });
      for (const statement of Q.SCHEMA_STATEMENTS) await this.write((tx) => tx.run(statement));
      await this.read((tx) => tx.run(Q.AWAIT_INDEXES), 130_000);
    } catch (error) {
      await this.driverInstance.close();
      this.driverInstance = null;
      throw error;
    }
  }

  async close(): Promise<void> {
    const d = this.driverInstance;
    this.driverInstance = null;
    this.opening = null;
    await d?.close();
  }

  async health(): Promise<S.StoreHealth> {
    try {
      await this.open();
      const row = await this.read(async (tx) => (await tx.run(Q.SERVER_VERSION)).records[0], 3000);
      return { store: "neo4j", ok: true, detail: this.options.uri, version: `${row.get("version")} ${row.get("edition")}` };
    } catch (error) {
      return { store: "neo4j", ok: false, detail: `${this.name}: ${(error as Error).message}` };
    }
  }

  /** Runs a read unit in a managed transaction with a time budget; errors translated. */
  private read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.options.readTimeoutMs ?? 10_000): Promise<T> {
    return this.run("READ", work, timeoutMs);
  }

  /** Runs a write unit in a managed transaction (retried by the driver on transient errors). */
  private write<T>(work: (tx: ManagedTransaction) => Promise<T>, unit = "write"): Promise<T> {
    return this.run("WRITE", (tx) => {
      this.options.hooks?.onWriteAttempt?.(unit);
      return work(tx);
    });
  }

  private async run<T>(mode: "READ" | "WRITE", work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    // Connect lazily: a store opened while Neo4j was down starts working once it is back.
    if (!this.driverInstance) await this.open();
    if (this.unreachable) await this.probe();
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      const config = timeoutMs ? { timeout: timeoutMs } : undefined;
      return mode === "READ" ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw this.noteFailure(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** One connection attempt without retries; StoreUnavailableError when the server still does not answer. */
  private probe(): Promise<void> {
    this.probing ??= this.driver
      .getServerInfo({ database: this.options.database })
      .then(
        () => void (this.unreachable = false),
        (error: unknown) => {
          throw this.noteFailure(error);
        },
      )
      .finally(() => (this.probing = null));
    return this.probing;
  }

  /** Translates a driver error and remembers whether it says the server could not be reached. */
  private noteFailure(error: unknown): unknown {
    const translated = translateError(error, this.name);
    if (isUnreachable(error)) this.unreachable = true;
    return translated;
  }

  /** The boomerang analysis's reads in Cypher (graph/neo4j/boomerang.ts), on this store's driver. */
  boomerangSource(): BoomerangSource {
    return cypherBoomerangSource({ driver: this.driver, database: this.options.database, timeoutMs: this.options.readTimeoutMs ?? 60_000 });
  }

  // ---- writes -------------------------------------------------------------

  async upsertDocument(bundle: DocumentBundle): Promise<S.UpsertResult> {
    validateBundle(bundle);
    return this.write((tx) => W.writeDocument(tx, bundle, this.options.hooks), "upsertDocument");
  }

  async removeDocument(id: string): Promise<boolean> {
    return this.write(async (tx) => {
      if ((await tx.run(Q.DOCUMENT_HASH, { id })).records.length === 0) return false;
      await W.removeDocumentContribution(tx, id, false);
      return true;
    }, "removeDocument");
  }

  async reviewRelationship(id: string, review: Review): Promise<RelationshipRecord> {
    const type = W.typeOfId(id);
    if (!type) throw new NotFoundError("relationship", id);
    return this.write(async (tx) => {
      const res = await tx.run(Q.relationshipByIdQuery(type), { id });
      if (res.records.length === 0) throw new NotFoundError("relationship", id);
      const rec = relationshipRecord(res.records[0].toObject() as never);
      await tx.run(Q.WRITE_REVIEW, { id, json: JSON.stringify(review) });
      const { type: t, polarity, evidence, review: _old, ...extra } = rec.attributes;
      const attrs = deriveEdgeAttributes(t, polarity, evidence, stripDerived(extra, evidence.length > 0), review);
      await W.writeRelationships(tx, [{ id, source: rec.source, target: rec.target, attrs }]);
      return { ...rec, attributes: attrs };
    }, "reviewRelationship");
  }

  async importGraph(
    data: SerializedGraph,
    options: { mode?: "merge" | "replace"; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ nodes: number; relationships: number }> {
    for (const e of data.edges)
      if (!isRelType(e.attributes.type)) throw new InvalidDataError(`import: edge ${e.key} has unknown type ${String(e.attributes.type)}`);
    if (options.mode === "replace") await this.clear();
    const batch = this.options.importBatch ?? 5000;
    const total = data.nodes.length + data.edges.length;
    let done = 0;
    for (let i = 0; i < data.nodes.length; i += batch) {
      const slice = data.nodes.slice(i, i + batch);
      await this.write(async (tx) => {
        const existing = await W.readNodes(tx, slice.map((n) => n.key));
        const nodes = new Map<string, NodeAttributes>();
        for (const n of slice) {
          const incoming = { ...n.attributes, documents: n.attributes.documents ?? [], mentions: n.attributes.mentions ?? 0, aliases: n.attributes.aliases ?? [] };
          nodes.set(n.key, mergeNodeAttributes(nodes.get(n.key) ?? existing.get(n.key), incoming));
        }
        await W.writeNodes(tx, nodes);
      }, "importNodes");
      options.onProgress?.((done += slice.length), total);
    }
    for (let i = 0; i < data.edges.length; i += batch) {
      const slice = data.edges.slice(i, i + batch);
      await this.write(async (tx) => {
        const keyed = slice.map((e) => ({ e, key: relationshipId(e.attributes.type, e.source, e.target, e.attributes.polarity ?? "present") }));
        const old = await W.readRelationships(tx, keyed.map((k) => k.key));
        const reviews = await W.readReviews(tx, keyed.map((k) => k.key));
        const rows = new Map<string, W.RelRow>();
        for (const { e, key } of keyed) {
          const { evidence = [], type, polarity = "present", ...extra } = e.attributes;
          const before = rows.get(key)?.attrs ?? old.get(key);
          const attrs = deriveEdgeAttributes(type, polarity, [...(before?.evidence ?? []), ...evidence], extra, reviews.get(key));
          const [source, target] = canonicalEnds(type, e.source, e.target);
          rows.set(key, { id: key, source, target, attrs });
          // A review carried by the interchange file is kept apart too, so it survives re-ingests.
          if (attrs.review && !reviews.has(key)) await tx.run(Q.WRITE_REVIEW, { id: key, json: JSON.stringify(attrs.review) });
        }
        await W.writeRelationships(tx, [...rows.values()]);
      }, "importRelationships");
      options.onProgress?.((done += slice.length), total);
    }
    return { nodes: data.nodes.length, relationships: data.edges.length };
  }

  /** Stores a decoded text (content-addressed; used by migrate). */
  async putDocumentText(sha256: string, text: string): Promise<void> {
    await this.write((tx) => tx.run(Q.WRITE_TEXT, { sha256, text }), "putDocumentText");
  }

  async clear(): Promise<void> {
    for (;;) {
      const deleted = await this.write(async (tx) => Number(toPlain((await tx.run(Q.CLEAR_RELATIONSHIPS_BATCH)).records[0].get("deleted"))), "clear");
      if (deleted === 0) break;
    }
    for (;;) {
      const deleted = await this.write(async (tx) => Number(toPlain((await tx.run(Q.CLEAR_BATCH)).records[0].get("deleted"))), "clear");
      if (deleted === 0) return;
    }
  }

  // ---- reads --------------------------------------------------------------

  async documentHash(id: string): Promise<string | null> {
    return this.read(async (tx) => ((await tx.run(Q.DOCUMENT_HASH, { id })).records[0]?.get("sha256") as string | undefined) ?? null);
  }

  async listDocuments(): Promise<S.DocumentSummary[]> {
    const rows = await this.read(async (tx) => (await tx.run(Q.LIST_DOCUMENTS)).records.map((r) => nodeRecord(r.toObject() as never)));
    return rows.map((n) => ({ id: n.id, attributes: n.attributes }));
  }

  async documentText(id: string): Promise<string | null> {
    return this.read(async (tx) => ((await tx.run(Q.READ_TEXT, { id })).records[0]?.get("text") as string | undefined) ?? null);
  }

  async search(query: S.SearchQuery): Promise<S.SearchResult> {
    const params = { q: foldName(query.q ?? ""), label: query.label ?? null, kind: query.kind ?? null, country: query.country ?? null };
    const hits = await this.read(async (tx) => (await tx.run(Q.SEARCH, params)).records.map((r) => toPlain(r.toObject()) as { id: string; rank: number; mentions: number; name: string }));
    hits.sort((x, y) => y.rank - x.rank || (y.mentions ?? 0) - (x.mentions ?? 0) || x.name.localeCompare(y.name) || (x.id < y.id ? -1 : 1));
    const offset = query.offset ?? 0;
    const page = hits.slice(offset, offset + (query.limit ?? 20));
    return { total: hits.length, items: await this.getNodes(page.map((h) => h.id)) };
  }

  async getNodes(ids: readonly string[]): Promise<NodeRecord[]> {
    if (!ids.length) return [];
    const found = await this.read(async (tx) => (await tx.run(Q.NODES_BY_ID, { ids: [...new Set(ids)] })).records.map((r) => nodeRecord(r.toObject() as never)));
    const byId = new Map(found.map((n) => [n.id, n]));
    return ids.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  }

  async getNode(id: string): Promise<S.NodeDetail | null> {
    const [node] = await this.getNodes([id]);
    if (!node) return null;
    const relationships = (await this.read(async (tx) => (await tx.run(Q.NODE_RELATIONSHIPS, { id })).records.map((r) => relationshipRecord(r.toObject() as never)))).sort(byRelationship);
    const others = [...new Set(relationships.map((r) => (r.source === id ? r.target : r.source)))].sort();
    return { node, relationships, neighbours: await this.getNodes(others) };
  }

  async getRelationship(id: string): Promise<RelationshipRecord | null> {
    const type = W.typeOfId(id);
    if (!type) return null;
    return this.read(async (tx) => {
      const res = await tx.run(Q.relationshipByIdQuery(type), { id });
      return res.records.length ? relationshipRecord(res.records[0].toObject() as never) : null;
    });
  }

  async findRelationships(query: S.RelationshipQuery): Promise<RelationshipRecord[]> {
    const params = { types: checkTypes(query.types ?? REL_TYPES), polarity: query.polarity ?? null, document: query.document ?? null, source: query.source ?? null, target: query.target ?? null };
    const anchor = params.source ?? params.target;
    const rows = await this.read(async (tx) =>
      (anchor === null ? await tx.run(Q.FIND_RELATIONSHIPS, params) : await tx.run(Q.FIND_RELATIONSHIPS_AT, { ...params, anchor })).records.map((r) =>
        relationshipRecord(r.toObject() as never),
      ),
    );
    return rows.sort(byRelationship);
  }

  async neighbourhood(id: string, options: S.NeighbourhoodOptions = {}): Promise<S.Subgraph | null> {
    const types = checkTypes(options.types ?? DEFAULT_PATH_TYPES);
    const includeAbsent = !!options.includeAbsent;
    if (!(await this.getNodes([id])).length) return null;
    const depth = Math.max(1, Math.min(3, options.depth ?? 1));
    const limit = options.limit ?? 500;
    const seen = new Set([id]);
    let frontier = [id];
    for (let level = 0; level < depth && frontier.length && seen.size < limit; level++) {
      const order = new Map(frontier.map((n, i) => [n, i]));
      const rows = await this.read(async (tx) => (await tx.run(Q.NEIGHBOURS, { ids: frontier, types, includeAbsent })).records.map((r) => [r.get("from"), r.get("to")] as [string, string]));
      rows.sort((a, b) => order.get(a[0])! - order.get(b[0])! || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      const next: string[] = [];
      for (const [, other] of rows) {
        if (seen.has(other) || seen.size >= limit) continue;
        seen.add(other);
        next.push(other);
      }
      frontier = next.sort();
    }
    const ids = [...seen].sort();
    const relationships = await this.read(async (tx) => (await tx.run(Q.RELATIONSHIPS_AMONG, { ids, types, includeAbsent })).records.map((r) => relationshipRecord(r.toObject() as never)));
    return { nodes: await this.getNodes(ids), relationships: relationships.sort(byRelationship) };
  }

  async shortestPaths(from: string, to: string, options: S.ShortestPathOptions = {}): Promise<S.GraphPath[] | null> {
    const types = checkTypes(options.types ?? DEFAULT_PATH_TYPES);
    const query = Q.shortestPathQuery(types, options.maxHops ?? 8, true);
    const ends = await this.getNodes(from === to ? [from] : [from, to]);
    if (ends.length < (from === to ? 1 : 2)) return null;
    if (from === to) return [{ nodes: ends, hops: [] }];
    const rows = await this.read(async (tx) =>
      (await tx.run(query, { from, to, includeAbsent: !!options.includeAbsent, cap: intParam(PATH_ROW_CAP) })).records.map((r) => ({
        nodes: r.get("nodes") as string[],
        rels: (r.get("rels") as Array<Record<string, unknown>>).map((m) => relationshipRecord(m as never)),
      })),
    );
    const chosen = choosePaths(rows, options.all ? (options.limit ?? 20) : 1);
    const records = new Map((await this.getNodes([...new Set(chosen.flatMap((p) => p.nodes))])).map((n) => [n.id, n]));
    return chosen.map((p) => ({
      nodes: p.nodes.map((n) => records.get(n)!),
      hops: p.rels.map((relationship, i) => ({ from: p.nodes[i], to: p.nodes[i + 1], relationship })),
    }));
  }

  async exportGraph(filter: S.ExportFilter = {}): Promise<SerializedGraph> {
    const { nodes, edges } = await this.read(async (tx) => ({
      nodes: (await tx.run(Q.EXPORT_NODES)).records.map((r) => nodeRecord(r.toObject() as never)),
      edges: (await tx.run(Q.EXPORT_RELATIONSHIPS)).records.map((r) => relationshipRecord(r.toObject() as never)),
    }), 120_000);
    const graph: SerializedGraph = {
      options: { type: "mixed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes: nodes.map((n) => ({ key: n.id, attributes: n.attributes })),
      edges: edges.map((e) => ({
        key: e.id,
        source: e.source,
        target: e.target,
        attributes: e.attributes,
        ...(e.attributes.type === "TIE" ? { undirected: true } : {}),
      })),
    };
    return filterSerializedGraph(graph, filter);
  }

  async stats(): Promise<S.GraphStats> {
    return this.read(async (tx) => {
      const byKind: Record<string, number> = {};
      const byType: Record<string, number> = {};
      let nodes = 0;
      let documents = 0;
      for (const r of (await tx.run(Q.STATS_NODES)).records) {
        const { kind, label, count } = toPlain(r.toObject()) as { kind: string; label: string; count: number };
        byKind[kind] = (byKind[kind] ?? 0) + count;
        if (label === "Document") documents += count;
        else nodes += count;
      }
      let relationships = 0;
      for (const r of (await tx.run(Q.STATS_RELATIONSHIPS)).records) {
        const { type, count } = toPlain(r.toObject()) as { type: string; count: number };
        byType[type] = count;
        if (type !== "MENTIONS") relationships += count;
      }
      const byCountry: Record<string, number> = {};
      for (const r of (await tx.run(STATS_COUNTRIES)).records) {
        const { country, count } = toPlain(r.toObject()) as { country: string; count: number };
        byCountry[country] = count;
      }
      return { nodes, relationships, documents, byKind, byType, byCountry };
    });
  }
}

/** Non-Document nodes by country (the node_country index), for GraphStats.byCountry. */
const STATS_COUNTRIES =
  "MATCH (n:Node) WHERE n.attrs IS NOT NULL AND n.country IS NOT NULL AND n.nodeLabel <> 'Document' RETURN n.country AS country, count(*) AS count ORDER BY country";

/** Relationship types checked against SCHEMA.md's list (InvalidDataError otherwise). */
function checkTypes(types: readonly RelType[]): RelType[] {
  const bad = types.filter((t) => !isRelType(t));
  if (bad.length) throw new InvalidDataError("unknown relationship type", bad.map((t) => ({ path: "types", message: `"${String(t).slice(0, 40)}" is not a relationship type` })));
  return [...new Set(types)];
}
