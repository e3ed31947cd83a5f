// The embedded store: a graphology graph in memory, persisted to
// <dir>/graph.json by writing a temporary file and renaming it over the old
// one, so a crash leaves either the old or the new file, never a torn one.
// Document texts live beside it in <dir>/texts/<sha256>.txt. On a large
// graph a document write appends what it changed to a change log
// (graph.log, memory-change-log.ts) instead of rewriting graph.json, which is
// rewritten when the store closes, at the end of a batch, or when the log
// has grown to a quarter of it. Large graphs
// also get a binary snapshot (graph.snapshot, see memory-snapshot.ts) so they
// open without parsing graph.json; the graphology graph is then built only
// when a query needs more than the traversal index. Paths and neighbourhoods
// run on the traversal index (algorithms/traversal-index.ts); counts,
// exports, documents and relationship reads of a store opened from its
// snapshot read the snapshot and graph.json's attribute texts
// (memory-snapshot-reads.ts).
//
// This file holds the store's state, its file lifecycle and the write queue;
// the work is in memory-writes.ts (documents), memory-import.ts (imports),
// memory-queries.ts (reads on the graph), memory-journal.ts (undo),
// memory-store-file.ts and memory-snapshot.ts (the files).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { appendChange, changeOf, fileHash, readChangeLog, replayChange, type LoggedChange } from "./memory-change-log.js";
import { join } from "node:path";
import { InvalidDataError, NotFoundError } from "./errors.js";
import { deriveEdgeAttributes, stripDerived, type SummaryCell } from "./merge.js";
import { indexBoomerangSource } from "./algorithms/boomerang-source-index.js";
import type { BoomerangSource } from "./algorithms/boomerang-source.js";
import { TraversalIndex, walkFilter } from "./algorithms/traversal-index.js";
import { allShortestPaths, bestEdgeBetween, bidirectionalPath, neighbourhoodOf, type IndexPath } from "./algorithms/traversal-search.js";
import { fileStamp, graphSnapshotSource, readSnapshot, stampOf, writeSnapshot, type OpenedSnapshot } from "./memory-snapshot.js";
import { WrittenEdges, WrittenFile } from "./memory-written-edges.js";
import { documentsFromSnapshot, edgeNumberFromSnapshot, edgeRecordFromSnapshot, exportFromSnapshot, relationshipsFromSnapshot, statsFromSnapshot } from "./memory-snapshot-reads.js";
import { AttributeSpans, graphFileSource, preparedFileSource, removeStaleTemps, writeStoreFile, writeStoreFileAsync, writeTextAtomicAsync } from "./memory-store-file.js";
import { mergeIntoGraph, prepareImport, type PreparedGraph } from "./memory-import.js";
import { WriteJournal } from "./memory-journal.js";
import { FolderLock } from "./memory-lock.js";
import { newUnionGraph } from "./memory-graph.js";
import { applyBundle, removeDocumentFrom, type WriteTarget } from "./memory-writes.js";
import { refuseIdClash } from "./id-clash.js";
import type {
  DocumentSummary,
  ExportFilter,
  GraphPath,
  GraphStats,
  GraphStore,
  NeighbourhoodOptions,
  NodeDetail,
  RelationshipQuery,
  SearchQuery,
  SearchResult,
  ShortestPathOptions,
  StoreHealth,
  Subgraph,
  UpsertResult,
} from "./store.js";
import type {
  DocumentBundle,
  EdgeAttributes,
  NodeAttributes,
  NodeRecord,
  RelationshipRecord,
  Review,
  SerializedGraph,
  UnionGraph,
} from "./types.js";
import { isSha256, validateBundle } from "./validate.js";
import { byRelationship, edgeRecord, exportFrom, findRelationshipsIn, listDocumentsOf, nodeDetail, nodeRecord, searchGraph, searchIn, statsOf, type SearchSource } from "./memory-queries.js";
import { NameIndex } from "./name-index.js";

const FILE_FORMAT = "unionties-store";
const FILE_VERSION = 1;

interface StoreFile {
  format: typeof FILE_FORMAT;
  version: number;
  graph: SerializedGraph;
  reviews: Record<string, Review>;
}

export interface MemoryStoreOptions {
  /** Folder of graph.json and texts/; no persistence when absent (tests). */
  dir?: string;
  /** Write graph.snapshot when the graph has at least this many relationships (default 50,000; Infinity: never). */
  snapshotMinRelationships?: number;
  /**
   * Inside bulk(), write the file at most this often (ms, default 30,000;
   * Infinity: only at the end), always between two writes: a batch killed
   * half way keeps the documents written before its last checkpoint. On a
   * graph whose writing takes longer than a tenth of that, checkpoints come
   * further apart (CHECKPOINT_SHARE).
   */
  checkpointMs?: number;
  /**
   * Document writes and reviews on a graph of at least this many
   * relationships append their changes to graph.log instead of rewriting
   * graph.json (default 50,000; Infinity: never).
   */
  logMinRelationships?: number;
  /** The change log is folded into graph.json once it holds this many bytes (default 4 MB) and a quarter of graph.json's size. */
  logCompactMinBytes?: number;
  /**
   * How long a write waits while another process holds the folder's write
   * lock (graph.lock, memory-lock.ts) before failing with
   * StoreUnavailableError (ms, default 10,000).
   */
  lockTimeoutMs?: number;
}

/** Nodes or relationships the sliced build of the graph (buildInSlices) adds between two turns of the event loop. */
const BUILD_SLICE = 20_000;
/** The most of a batch's time its checkpoints may take (see persist): on a large graph they come further apart than checkpointMs. */
export const CHECKPOINT_SHARE = 0.1;

/** The embedded GraphStore (see store.ts for the contract). */
export class MemoryStore implements GraphStore {
  readonly kind = "memory" as const;
  private current: UnionGraph | null = newGraph();
  /**
   * Nodes whose `documents`/`mentions` are known to equal what their MENTIONS
   * give (memory-writes.ts updates those by the change alone). Filled as
   * writes recompute nodes; emptied whenever the graph changes other than by
   * a document write: a rolled-back write, an import, a new or re-read graph.
   */
  private derived = new Set<string>();
  /** Relationships' evidence summaries for document writes (memory-writes.ts); a cache checked by list identity. */
  private summaries = new Map<string, SummaryCell>();
  /** Set while the store answers from a snapshot and the graph is not built yet. */
  private snapshot: OpenedSnapshot | null = null;
  /** Searches on that snapshot (see snapshotSearch). */
  private searchSource: { snapshot: OpenedSnapshot; source: SearchSource } | null = null;
  private index: TraversalIndex | null = null;
  private indexGraph: UnionGraph | null = null;
  private reviews = new Map<string, Review>();
  private texts = new Map<string, string>();
  /** Text files being written (path -> the write under way). */
  private textWrites = new Map<string, Promise<void>>();
  private loadedStamp = "";
  /** The relationship texts of graph.json as last read or written, reused by the next persist (memory-written-edges.ts). */
  private written: WrittenEdges | null = null;
  /** How many relationship texts the last persist copied from the graph.json it replaced (for tests and benchmarks). */
  reusedTexts = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private opened = false;
  /** The undo journal of the write under way (document writes and reviews). */
  private journal: WriteJournal | null = null;
  /** Depth of nested bulk() calls: while above 0, persisting waits for the end of the batch. */
  private bulkDepth = 0;
  private dirty = false;
  /** When the file was last written (performance.now(), the start of that write). */
  private persistedAt = performance.now();
  /** How long that write took (ms): a batch's checkpoints come no closer than CHECKPOINT_SHARE allows. */
  private persistMs = 0;
  /** SHA-256 of graph.json as last read or written (null: not computed yet); the change log names it. */
  private graphHash: string | null = null;
  /** The change log as last read or written: its stamp ("" when there is none), length and writes in it. */
  private logSeen = "";
  private logBytes = 0;
  /** Counts up whenever the graph may have changed: a write (done or undone), a replayed log, a new graph. */
  private changes = 0;
  /** stats() of the snapshot or graph `source` as of `changes`. */
  private counted: { source: OpenedSnapshot | UnionGraph; changes: number; stats: GraphStats } | null = null;
  /** This store's writes that the change log holds and graph.json does not (compacted on close). */
  loggedWrites = 0;

  /** The folder's write lock, held for each write, each batch and the compaction on close (none without a folder). */
  private readonly lock: FolderLock | null;

  constructor(readonly options: MemoryStoreOptions = {}) {
    this.lock = options.dir ? new FolderLock(options.dir, options.lockTimeoutMs) : null;
  }

  get file(): string | null {
    return this.options.dir ? join(this.options.dir, "graph.json") : null;
  }

  /** The path of the change log beside graph.json. */
  get logFile(): string | null {
    return this.options.dir ? join(this.options.dir, "graph.log") : null;
  }

  /** The path of the binary snapshot beside graph.json. */
  get snapshotFile(): string | null {
    return this.options.dir ? join(this.options.dir, "graph.snapshot") : null;
  }

  /** The graphology graph; built from graph.json on first use when the store was opened from a snapshot. */
  get graph(): UnionGraph {
    if (!this.current) this.materialize();
    return this.current!;
  }

  set graph(graph: UnionGraph) {
    this.current = graph;
    this.changes++;
    this.derived.clear();
    this.summaries.clear();
    this.snapshot?.close();
    this.snapshot = null;
  }

  /** True while the store answers from its snapshot without a graphology graph. */
  get fromSnapshot(): boolean {
    return this.current === null;
  }

  /** The snapshot the store answers from while its graphology graph is not built, else null. */
  private get unbuilt(): OpenedSnapshot | null {
    return this.current === null ? this.snapshot : null;
  }

  /** The boomerang analysis's reads on this store's traversal index (algorithms/boomerang-source-index.ts). */
  boomerangSource(): BoomerangSource {
    return indexBoomerangSource(this);
  }

  /**
   * The traversal index of the current graph, built or rebuilt when missing or
   * stale and patched on writes (see algorithms/traversal-index.ts for how to
   * walk it). Used by paths, neighbourhoods and pattern analyses.
   */
  traversalIndex(): TraversalIndex {
    this.load();
    const snap = this.unbuilt;
    if (snap) return snap.index;
    const graph = this.graph;
    if (!this.index || this.indexGraph !== graph || this.index.stale) {
      this.index?.detach();
      this.index = TraversalIndex.fromGraph(graph);
      this.index.attach(graph);
      this.indexGraph = graph;
    }
    return this.index;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    // A writer killed mid-write leaves its temporary file beside the real one (never in its place).
    if (this.options.dir) removeStaleTemps([this.options.dir, join(this.options.dir, "texts")]);
    this.load();
    this.opened = true;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.loggedWrites > 0) {
      // graph.json takes in what the change log holds, so the next open can use the snapshot.
      const compact = this.queue.then(() => this.compactOnClose());
      this.queue = compact.catch(() => undefined);
      await compact;
    }
    this.opened = false;
    if (this.snapshot) {
      // Release the snapshot's file; a later call reads it again.
      this.snapshot.close();
      this.snapshot = null;
      this.current = newGraph();
      this.derived.clear();
      this.index = null;
      this.loadedStamp = "";
    }
  }

  /**
   * Folds the change log into graph.json, under the lock and after reading
   * what other processes appended meanwhile (the fold rewrites graph.json
   * from this store's memory); nothing to do when another process has
   * folded this store's writes already.
   */
  private async compactOnClose(): Promise<void> {
    await this.lock?.acquire();
    try {
      this.load();
      if (this.loggedWrites > 0) await this.persistAtEnd();
    } finally {
      this.lock?.release();
    }
  }

  async health(): Promise<StoreHealth> {
    return { store: "memory", ok: true, detail: this.file ? "embedded store on disk" : "in memory only" };
  }

  /** Reads graph.json if present (and changed since last read), then its change log. */
  private load(): void {
    const file = this.file;
    if (!file || !existsSync(file)) return;
    const stamp = fileStamp(file);
    const log = fileStamp(this.logFile!);
    if (stamp === this.loadedStamp) {
      if (log === this.logSeen) return;
      // Only the log changed (another process wrote): read what it appended, or everything again.
      if (!this.catchUpLog(log)) {
        this.loadedStamp = "";
        this.load();
      }
      return;
    }
    this.loadFile(file, stamp);
    // (a snapshot valid for this graph.json knows its hash: no need to read the file for it)
    this.graphHash = this.snapshot?.contentHash ?? null;
    this.logSeen = "";
    this.logBytes = 0;
    this.loggedWrites = 0;
    if (log) this.replayLog(file, log);
  }

  /**
   * Replays the change log from the start when it follows this graph.json
   * (the graphology graph is built for it: a snapshot holds graph.json only).
   */
  private replayLog(file: string, stamp: string): void {
    const read = readChangeLog(this.logFile!, (this.graphHash ??= fileHash(file)));
    // No log for this graph.json (one a compaction left behind): the next write starts a new one over it.
    this.logSeen = read ? read.stamp : stamp;
    if (!read) return;
    this.logBytes = read.bytes;
    this.applyLogged(read.changes);
  }

  /**
   * Replays what another process wrote to the log since this one read it;
   * false when the log was replaced, cut or removed (read everything again).
   */
  private catchUpLog(stamp: string): boolean {
    if (!stamp) return false;
    // Nothing replayed yet: the graph is graph.json's, so the log applies from its start.
    if (this.logBytes === 0) {
      this.replayLog(this.file!, stamp);
      return true;
    }
    const [, size, inode] = stamp.split(":");
    if (inode !== this.logSeen.split(":")[2] || Number(size) < this.logBytes) return false;
    const read = readChangeLog(this.logFile!, this.graphHash!, this.logBytes);
    if (!read) return false;
    this.logSeen = read.stamp;
    this.logBytes = read.bytes;
    this.applyLogged(read.changes);
    return true;
  }

  /** Replays logged writes on the graph (built for them when the store answers from its snapshot). */
  private applyLogged(changes: LoggedChange[]): void {
    if (!changes.length) return;
    const graph = this.graph;
    this.changes++;
    for (const change of changes) replayChange(graph, this.reviews, change);
    // Derived values and evidence summaries are recomputed by the next writes that need them.
    this.derived.clear();
    this.summaries.clear();
  }

  /** Reads graph.json, or its snapshot when that is valid. */
  private loadFile(file: string, stamp: string): void {
    const snap = this.snapshotFile && this.options.snapshotMinRelationships !== Infinity ? readSnapshot(this.snapshotFile, stamp, file) : null;
    if (snap) {
      this.snapshot?.close();
      this.index?.detach();
      this.current = null;
      this.derived.clear();
      this.snapshot = snap;
      this.index = snap.index;
      this.indexGraph = null;
      this.reviews = snap.reviews;
      this.texts.clear();
      this.loadedStamp = stamp;
      return;
    }
    this.readGraphFile(file, stamp);
  }

  /**
   * Builds the graphology graph from the snapshot the store answers from, a
   * slice at a time with the event loop free in between (reads go on being
   * answered from the snapshot): the graph reading graph.json gives, in the
   * same order, with the same attribute objects for the next persist to
   * reuse. Used before a write, so the first write after opening a large
   * store does not hold the event loop for the whole build (~7 s on 100k/1M).
   * Gives up, leaving the build to the next use of the graph, when the
   * snapshot is replaced or the graph built meanwhile.
   */
  private async buildInSlices(): Promise<void> {
    const snap = this.unbuilt;
    if (!snap) return;
    const stamp = this.loadedStamp;
    const index = snap.index;
    const graph = newGraph();
    graph.replaceAttributes({ ...snap.graphAttributes });
    const nodes = snap.nodeFileOrder();
    const edges = snap.edgeFileOrder();
    const written: Array<{ key: string; attributes: EdgeAttributes }> = [];
    const addNode = (i: number, attributes: NodeAttributes) => void graph.addNode(index.nodeKeys[i], attributes);
    const addEdge = (e: number, attributes: EdgeAttributes, undirected: boolean) => {
      const key = index.edgeKey(e);
      const source = index.nodeKeys[index.edgeSource[e]];
      const target = index.nodeKeys[index.edgeTarget[e]];
      if (undirected) graph.addUndirectedEdgeWithKey(key, source, target, attributes);
      else graph.addDirectedEdgeWithKey(key, source, target, attributes);
      written.push({ key, attributes });
    };
    const slices: Array<() => void> = [];
    for (let from = 0; from < nodes.length; from += BUILD_SLICE) slices.push(() => snap.scanNodes(nodes.subarray(from, from + BUILD_SLICE), addNode));
    for (let from = 0; from < edges.length; from += BUILD_SLICE) slices.push(() => snap.scanEdges(edges.subarray(from, from + BUILD_SLICE), addEdge));
    for (const slice of slices) {
      slice();
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.snapshot !== snap || this.current !== null || this.loadedStamp !== stamp) return;
    }
    // What readGraphFile and materialize() leave, for the graph graph.json holds.
    this.graph = graph;
    this.written = WrittenEdges.fromSnapshot(stamp, written, snap.edgeTextSpans, edges);
    this.texts.clear();
    this.index = index;
    this.index.attach(graph);
    this.indexGraph = graph;
  }

  /** Builds the graphology graph from graph.json (after a snapshot open, on first need). */
  private materialize(): void {
    const file = this.file!;
    const snap = this.snapshot;
    this.readGraphFile(file, fileStamp(file), snap);
    // The snapshot index numbers the same content the same way: keep it and follow the graph from now on.
    if (snap && snap.stamp === this.loadedStamp) {
      this.index = snap.index;
      this.index.attach(this.current!);
      this.indexGraph = this.current;
    }
  }

  /**
   * Reads graph.json whole; with the snapshot made from it (`snap`), also
   * where each relationship's text lies, for the next persist to reuse.
   */
  private readGraphFile(file: string, stamp: string, snap: OpenedSnapshot | null = null): void {
    let data: StoreFile;
    try {
      data = JSON.parse(readFileSync(file, "utf8")) as StoreFile;
    } catch (error) {
      throw new InvalidDataError(`memory store: ${file} is not valid JSON`, [{ path: file, message: String(error) }]);
    }
    if (data.format !== FILE_FORMAT) throw new InvalidDataError(`memory store: ${file} is not a unionties store file`);
    const graph = newGraph();
    graph.import(data.graph as never);
    // graphology keeps the keys and attribute objects it is given, in the file's order.
    const written = snap && snap.stamp === stamp ? WrittenEdges.fromSnapshot(stamp, data.graph.edges, snap.edgeTextSpans, snap.edgeFileOrder()) : null;
    this.index?.detach();
    this.index = null;
    this.graph = graph;
    this.written = written;
    this.reviews = new Map(Object.entries(data.reviews ?? {}));
    this.texts.clear();
    this.loadedStamp = stamp;
  }

  /**
   * Runs writes one at a time, each on the latest file, each persisted before
   * the next (or at the end of a bulk() batch). A write that fails is undone:
   * journaled writes roll back what they touched, a whole-graph replacement
   * keeps the old graph, any other write restores a copy. `after` is what
   * the write needs on disk first (a document's text, being written by the
   * thread pool): when it fails, nothing changes. Inside bulk(), where a
   * write persists nothing and reads nothing from disk, the write's work runs
   * while `after` is under way and is undone when it fails; the write is
   * reported once both are done.
   */
  private write<T>(
    work: () => T,
    options: { replacesGraph?: boolean; journaled?: boolean; persists?: (result: T) => boolean; after?: Promise<void> } = {},
  ): Promise<T> {
    const run = this.queue.then(async () => {
      const overlap = this.bulkDepth > 0 && options.after !== undefined;
      if (options.after && !overlap) await options.after;
      // Held from before the read of what other processes wrote until the write is persisted (inside bulk(), the batch holds it).
      await this.lock?.acquire();
      try {
        return await this.writeLocked(work, options, overlap);
      } finally {
        this.lock?.release();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The part of write() done under the folder's lock. */
  private async writeLocked<T>(work: () => T, options: { replacesGraph?: boolean; journaled?: boolean; persists?: (result: T) => boolean; after?: Promise<void> }, overlap: boolean): Promise<T> {
    if (this.bulkDepth === 0) this.load();
    if (!options.replacesGraph) await this.buildInSlices();
    const journal = options.journaled ? new WriteJournal(this.graph, this.reviews) : null;
    // A write that replaces the whole graph leaves the old one untouched, so it needs no copy (nor a build from a snapshot).
    const snapshot = journal ? null : options.replacesGraph ? this.current : (this.graph.copy() as UnionGraph);
    // Journaled writes record the reviews they change; the others may change any.
    const reviews = journal ? this.reviews : new Map(this.reviews);
    this.journal = journal;
    try {
      const result = work();
      this.journal = null;
      // Nothing is persisted before what the write needs is on disk (graph.json never names a missing text).
      if (overlap) await options.after;
      if (!options.persists?.(result)) this.commit(journal);
      return result;
    } catch (error) {
      this.journal = null;
      // What the write had derived may be undone with it.
      this.derived.clear();
      if (journal) journal.rollback();
      else if (snapshot) this.graph = snapshot;
      else this.loadedStamp = "";
      this.reviews = reviews;
      throw error;
    } finally {
      this.changes++;
    }
  }

  /**
   * Runs `work` (a series of writes) with the file written at the end and,
   * for long batches, at checkpoints between writes (options.checkpointMs)
   * instead of after every write. Each write stays whole in memory; a crash
   * leaves the file as at the last checkpoint, so every document of the batch
   * is present or absent, none half-present. Used by the ingest for many
   * documents at once. The folder's lock is held for the whole batch: no
   * other process writes between its first write and its last persist.
   */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    // Taken in the queue, so no write of this store runs between the lock and the read after it.
    const start = this.queue.then(async () => {
      await this.lock?.acquire();
      try {
        if (this.bulkDepth === 0) this.load();
      } catch (error) {
        this.lock?.release();
        throw error;
      }
      this.bulkDepth++;
    });
    this.queue = start.catch(() => undefined);
    await start;
    try {
      return await work();
    } finally {
      this.bulkDepth--;
      try {
        if (this.bulkDepth === 0 && this.dirty) {
          const flush = this.queue.then(() => this.persistAtEnd());
          this.queue = flush.catch(() => undefined);
          await flush;
        }
      } finally {
        this.lock?.release();
      }
    }
  }

  /**
   * Makes a successful write durable: appended to the change log when the
   * graph is large enough (memory-change-log.ts), else by rewriting graph.json.
   * A write that changed nothing appends nothing.
   */
  private commit(journal: WriteJournal | null): void {
    const file = this.file;
    const min = this.options.logMinRelationships ?? 50_000;
    if (!journal || !file || this.bulkDepth > 0 || min === Infinity || this.graph.size < min || !existsSync(file)) {
      this.persist();
      return;
    }
    const change = changeOf(journal, this.graph, this.reviews);
    if (!change) return;
    const appended = appendChange(this.logFile!, (this.graphHash ??= fileHash(file)), this.logBytes, change);
    this.logBytes = appended.bytes;
    this.logSeen = appended.stamp;
    this.loggedWrites++;
    if (appended.foreign) {
      // Another process wrote to the log since this one read it: read graph.json and the whole log again.
      const own = this.loggedWrites;
      this.loadedStamp = "";
      try {
        this.load();
      } catch {
        // the write stands (it is in the log); the next read tries again
      }
      this.loggedWrites = own;
    }
    if (this.logBytes < (this.options.logCompactMinBytes ?? 4 * 1024 * 1024) || this.logBytes * 4 < statSync(file).size) return;
    try {
      this.persist();
    } catch {
      // The write is durable in the log already: it stands, and a later write or close() compacts.
    }
  }

  /** After graph.json was rewritten (with SHA-256 `hash`): it holds everything, so the change log goes. */
  private logCompacted(hash: string): void {
    this.graphHash = hash || null;
    if (this.logSeen || this.logBytes || existsSync(this.logFile!)) rmSync(this.logFile!, { force: true });
    this.logSeen = "";
    this.logBytes = 0;
    this.loggedWrites = 0;
  }

  private persist(): void {
    const file = this.file;
    if (!file) return;
    // In a batch, a checkpoint: after checkpointMs, and after nine times as long as the last write took, so that a
    // batch spends at most CHECKPOINT_SHARE of its time rewriting the file. A checkpoint's cost grows with the graph
    // (7-8 s on the graph of a 300 MB corpus, by profile, with the workers idle), so at a fixed period an ingest
    // became quadratic in its size.
    if (this.bulkDepth > 0 && performance.now() - this.persistedAt < Math.max(this.options.checkpointMs ?? 30_000, this.persistMs / CHECKPOINT_SHARE)) {
      this.dirty = true;
      return;
    }
    const withSnapshot = this.startPersist();
    const write = this.persistSource(file);
    try {
      writeStoreFile(file, { format: FILE_FORMAT, version: FILE_VERSION }, write.source, this.reviews, write.spans);
    } finally {
      write.previous?.close();
    }
    this.loadedStamp = fileStamp(file);
    this.logCompacted(write.spans.contentHash);
    write.written(this.loadedStamp);
    if (withSnapshot) this.writeGraphSnapshot(write.spans, this.loadedStamp);
    else rmSync(this.snapshotFile!, { force: true });
    this.persistMs = performance.now() - this.persistedAt;
  }

  /**
   * persist() at the end of a batch: graph.json is synced by the thread pool
   * while the snapshot is built and written (it only needs graph.json's
   * stamp), instead of one after the other. The snapshot may land first: it
   * names graph.json's new inode, so next to the old graph.json it is ignored.
   */
  private async persistAtEnd(): Promise<void> {
    const file = this.file;
    if (!file) return;
    const withSnapshot = this.startPersist();
    const write = this.persistSource(file);
    try {
      this.loadedStamp = await writeStoreFileAsync(file, { format: FILE_FORMAT, version: FILE_VERSION }, write.source, this.reviews, write.spans, (stamp) => {
        // graph.json's texts are all written by now: the old file is no longer read.
        write.previous?.close();
        if (withSnapshot) this.writeGraphSnapshot(write.spans, stamp);
      });
    } finally {
      write.previous?.close();
    }
    this.logCompacted(write.spans.contentHash);
    write.written(this.loadedStamp);
    if (!withSnapshot) rmSync(this.snapshotFile!, { force: true });
    this.persistMs = performance.now() - this.persistedAt;
  }

  /**
   * What a persist writes graph.json from: the graph, with the relationship
   * texts of the file it replaces reused (memory-written-edges.ts), and where
   * each text goes (the snapshot reads them there, the next persist reuses
   * them). `written(stamp)` records them once the file is in place.
   */
  private persistSource(file: string) {
    const spans = new AttributeSpans();
    const order: EdgeAttributes[] = [];
    const previous = WrittenFile.open(file, this.written, stampOf);
    return {
      spans,
      previous,
      source: graphFileSource(this.graph, previous, order),
      written: (stamp: string) => {
        this.reusedTexts = previous?.reused ?? 0;
        this.written = WrittenEdges.written(stamp, spans.edgeKeys, order, spans.edgeStart, spans.edgeEnd);
      },
    };
  }

  /** What every persist does first; true when the graph is large enough for a snapshot. */
  private startPersist(): boolean {
    this.dirty = false;
    this.persistedAt = performance.now();
    mkdirSync(this.options.dir!, { recursive: true });
    return this.graph.size >= (this.options.snapshotMinRelationships ?? 50_000);
  }

  /** Rebuilds the traversal index and writes graph.snapshot for the graph.json written with `spans` and `stamp`. */
  private writeGraphSnapshot(spans: AttributeSpans, stamp: string): void {
    const graph = this.graph;
    this.index?.detach();
    this.index = TraversalIndex.fromGraph(graph);
    this.index.attach(graph);
    this.indexGraph = graph;
    writeSnapshot(this.snapshotFile!, graphSnapshotSource(graph, spans), this.index, stamp, this.reviews);
  }

  /** Where the text of this sha256 is kept: null without a folder, or for anything but 64 hex digits (a graph.json edited or written by another tool), which never names a file. */
  private textPath(sha256: string): string | null {
    return this.options.dir && isSha256(sha256) ? join(this.options.dir, "texts", `${sha256}.txt`) : null;
  }

  // ---- writes -------------------------------------------------------------

  async upsertDocument(bundle: DocumentBundle): Promise<UpsertResult> {
    validateBundle(bundle);
    const id = bundle.document.id;
    const sha = bundle.document.attributes.sha256;
    // The text is content-addressed, so writing it first can never corrupt anything. It is written
    // by the thread pool (this thread meanwhile serves other work) and is on disk before the graph changes.
    const textWritten = sha ? this.saveText(sha, bundle.text) : undefined;
    if (sha) this.texts.set(sha, bundle.text);
    return this.write(() => {
      refuseIdClash(bundle, (node) => (this.graph.hasNode(node) ? this.graph.getNodeAttribute(node, "nodeLabel") : undefined));
      const existed = this.graph.hasNode(id);
      if (existed && sha && this.graph.getNodeAttribute(id, "sha256") === sha) {
        return { document: id, status: "unchanged" as const, nodes: bundle.nodes.length, relationships: bundle.relationships.length };
      }
      if (existed) removeDocumentFrom(this.writeTarget(), id);
      applyBundle(this.writeTarget(), bundle);
      return {
        document: id,
        status: existed ? ("replaced" as const) : ("created" as const),
        nodes: bundle.nodes.length,
        relationships: bundle.relationships.length,
      };
    }, { journaled: true, after: textWritten });
  }

  stageText(bundle: DocumentBundle): void {
    const sha = bundle.document.attributes.sha256;
    if (!isSha256(sha) || typeof bundle.text !== "string") return;
    try {
      void this.saveText(sha, bundle.text);
    } catch {
      // (the folder cannot be made: upsertDocument meets the same error and reports it)
    }
  }

  /** Starts saving a text under its sha256 unless it is on disk already: the pending write, or undefined (none, or no folder). */
  private saveText(sha: string, text: string): Promise<void> | undefined {
    const file = this.textPath(sha);
    return file && !existsSync(file) ? this.writeText(file, text) : undefined;
  }

  /** Writes a text file atomically, once however many writes wait for it (see upsertDocument). */
  private writeText(file: string, text: string): Promise<void> {
    let pending = this.textWrites.get(file);
    if (!pending) {
      mkdirSync(join(this.options.dir!, "texts"), { recursive: true });
      pending = writeTextAtomicAsync(file, text).finally(() => this.textWrites.delete(file));
      // Awaited by the write that needs it; this keeps a failure before then from counting as unhandled.
      pending.catch(() => undefined);
      this.textWrites.set(file, pending);
    }
    return pending;
  }

  /** What the document writes of memory-writes.ts work on. */
  private writeTarget(): WriteTarget {
    return { graph: this.graph, journal: this.journal, reviews: this.reviews, derived: this.derived, summaries: this.summaries };
  }

  async removeDocument(id: string): Promise<boolean> {
    return this.write(() => {
      if (!this.graph.hasNode(id) || this.graph.getNodeAttribute(id, "nodeLabel") !== "Document") return false;
      removeDocumentFrom(this.writeTarget(), id);
      return true;
    }, { journaled: true });
  }

  async reviewRelationship(id: string, review: Review): Promise<RelationshipRecord> {
    return this.write(() => {
      if (!this.graph.hasEdge(id)) throw new NotFoundError("relationship", id);
      this.journal?.touchReview(id);
      this.reviews.set(id, review);
      this.journal?.touchEdge(id);
      // A review may correct a MENTIONS count: the node's sum is recomputed on its next write.
      this.derived.delete(this.graph.target(id));
      const { type, polarity, evidence, review: _old, ...extra } = this.graph.getEdgeAttributes(id);
      this.graph.replaceEdgeAttributes(id, deriveEdgeAttributes(type, polarity, evidence, stripDerived(extra, evidence.length > 0), review));
      return this.edgeRecord(id);
    }, { journaled: true });
  }

  async importGraph(
    data: SerializedGraph,
    options: { mode?: "merge" | "replace"; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ nodes: number; relationships: number }> {
    const counts = { nodes: data.nodes.length, relationships: data.edges.length };
    const replace = options.mode === "replace";
    let wroteFiles = false;
    return this.write(() => {
      // Imported nodes and MENTIONS may hold any documents/mentions.
      this.derived.clear();
      // Into an empty store: prepared in one pass, then stored whole (see memory-import.ts).
      if (replace || (this.current !== null && this.current.order === 0)) {
        const attributes = replace ? {} : { ...this.current!.getAttributes() };
        const prepared = prepareImport(data, attributes, replace ? new Map() : this.reviews, options.onProgress);
        if (replace) this.reviews.clear();
        if (this.writesSnapshotFor(prepared.size)) {
          this.writePrepared(prepared);
          wroteFiles = true;
        } else if (replace) this.graph = prepared.toGraph();
        else prepared.addTo(this.graph);
        return counts;
      }
      mergeIntoGraph(this.graph, data, this.reviews, options.onProgress);
      return counts;
    }, { replacesGraph: replace, persists: () => wroteFiles });
  }

  /** True when a graph of `size` relationships would be persisted now with a snapshot. */
  private writesSnapshotFor(size: number): boolean {
    const min = this.options.snapshotMinRelationships ?? 50_000;
    return this.file !== null && this.bulkDepth === 0 && min !== Infinity && size >= min;
  }

  /**
   * Writes a prepared import as graph.json and graph.snapshot (the bytes
   * persist() would write for its graph), then answers from the snapshot.
   */
  private writePrepared(prepared: PreparedGraph): void {
    const file = this.file!;
    const snapshotFile = this.snapshotFile!;
    mkdirSync(this.options.dir!, { recursive: true });
    // Atomic: when this throws, the old file and the old graph stay.
    // Where each attributes text went: the snapshot reads them from graph.json.
    const spans = new AttributeSpans();
    writeStoreFile(file, { format: FILE_FORMAT, version: FILE_VERSION }, preparedFileSource(prepared), this.reviews, spans);
    this.logCompacted(spans.contentHash);
    // graph.json is the truth from here on; the snapshot is a cache of it.
    try {
      const index = TraversalIndex.fromGraph(prepared.asIndexSource());
      const node = (key: string) => prepared.nodeAttrs[prepared.nodeIndex.get(key)!];
      writeSnapshot(snapshotFile, { attributes: prepared.attributes, spans, node }, index, fileStamp(file), this.reviews);
    } catch {
      // Without a snapshot the store opens from graph.json (slower, same answers); a stale one is ignored.
      rmSync(snapshotFile, { force: true });
    }
    this.dirty = false;
    this.index?.detach();
    this.index = null;
    this.graph = newGraph();
    this.loadedStamp = "";
    this.load();
  }

  async clear(): Promise<void> {
    await this.write(() => {
      this.graph = newGraph();
      this.reviews.clear();
    }, { replacesGraph: true });
  }

  // ---- reads --------------------------------------------------------------

  async documentHash(id: string): Promise<string | null> {
    this.load();
    return this.shaOf(id);
  }

  /** A node's sha256 (null when the node or the attribute is missing), from the snapshot while the graph is not built. */
  private shaOf(id: string): string | null {
    const snap = this.unbuilt;
    if (snap) {
      const i = snap.index.indexOf(id);
      return i < 0 ? null : (snap.nodeAttributes(i).sha256 ?? null);
    }
    return this.graph.hasNode(id) ? (this.graph.getNodeAttribute(id, "sha256") ?? null) : null;
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    this.load();
    const snap = this.unbuilt;
    if (snap) return documentsFromSnapshot(snap);
    return listDocumentsOf(this.graph);
  }

  async documentText(id: string): Promise<string | null> {
    this.load();
    const sha = this.shaOf(id);
    if (!sha) return null;
    const cached = this.texts.get(sha);
    if (cached !== undefined) return cached;
    const file = this.textPath(sha);
    if (!file || !existsSync(file)) return null;
    const text = readFileSync(file, "utf8");
    this.texts.set(sha, text);
    return text;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    this.load();
    const snap = this.unbuilt;
    if (snap) return searchIn(this.snapshotSearch(snap), query);
    return searchGraph(this.graph, query);
  }

  /** The search source of an opened snapshot (its names indexed on the first search), kept while the snapshot is. */
  private snapshotSearch(snapshot: OpenedSnapshot): SearchSource {
    if (this.searchSource?.snapshot !== snapshot) {
      const ix = snapshot.index;
      const forEachNode = (visit: (id: string, a: NodeAttributes) => void) => {
        for (let i = 0; i < ix.nodeKeys.length; i++) visit(ix.nodeKeys[i], snapshot.nodeAttributes(i));
      };
      const source = { index: new NameIndex(forEachNode), attributes: (id: string) => snapshot.nodeAttributes(ix.indexOf(id)), forEachNode };
      this.searchSource = { snapshot, source };
    }
    return this.searchSource.source;
  }

  async getNode(id: string): Promise<NodeDetail | null> {
    this.load();
    const snap = this.unbuilt;
    if (snap) return this.nodeDetailFromSnapshot(snap.index, id);
    return nodeDetail(this.graph, id);
  }

  /**
   * What nodeDetail gives, read from the snapshot's index and attributes (a
   * viewer's click or `unionties show` on a large store then needs no whole
   * graph): every relationship but MENTIONS and rejected ones, in the read order.
   */
  private nodeDetailFromSnapshot(ix: TraversalIndex, id: string): NodeDetail | null {
    const u = ix.indexOf(id);
    if (u < 0) return null;
    const relationships: RelationshipRecord[] = [];
    const neighbours = new Set<number>();
    ix.forEachNeighbour(u, walkFilter({ includeAbsent: true }), (v, e) => {
      relationships.push(this.edgeRecordAt(ix, e));
      neighbours.add(v);
    });
    relationships.sort(byRelationship);
    // neighbours in the order of their ids, as nodeDetail lists them
    const keys = ix.nodeKeys;
    const order = [...neighbours].sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    return { node: this.nodeRecordAt(ix, u), relationships, neighbours: order.map((v) => this.nodeRecordAt(ix, v)) };
  }

  async getRelationship(id: string): Promise<RelationshipRecord | null> {
    this.load();
    const snap = this.unbuilt;
    if (snap) {
      const e = edgeNumberFromSnapshot(snap, id);
      return e < 0 ? null : edgeRecordFromSnapshot(snap, e);
    }
    return this.graph.hasEdge(id) ? this.edgeRecord(id) : null;
  }

  async getNodes(ids: readonly string[]): Promise<NodeRecord[]> {
    this.load();
    // From the snapshot while the graph is not built: a path or a node by id needs no whole graph.
    const snap = this.unbuilt;
    if (snap) {
      const ix = snap.index;
      return ids.map((id) => ix.indexOf(id)).filter((i) => i >= 0).map((i) => this.nodeRecordAt(ix, i));
    }
    return ids.filter((id) => this.graph.hasNode(id)).map((id) => this.nodeRecord(id));
  }

  async findRelationships(query: RelationshipQuery): Promise<RelationshipRecord[]> {
    this.load();
    const snap = this.unbuilt;
    if (snap) return relationshipsFromSnapshot(snap, query);
    return findRelationshipsIn(this.graph, query);
  }

  async neighbourhood(id: string, options: NeighbourhoodOptions = {}): Promise<Subgraph | null> {
    const ix = this.traversalIndex();
    const centre = ix.indexOf(id);
    if (centre < 0) return null;
    const depth = Math.max(1, Math.min(3, options.depth ?? 1));
    const found = neighbourhoodOf(ix, centre, walkFilter(options), depth, options.limit ?? 500);
    return {
      nodes: found.nodes.map((i) => this.nodeRecordAt(ix, i)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      relationships: found.edges.map((e) => this.edgeRecordAt(ix, e)).sort(byRelationship),
    };
  }

  async shortestPaths(from: string, to: string, options: ShortestPathOptions = {}): Promise<GraphPath[] | null> {
    const ix = this.traversalIndex();
    const s = ix.indexOf(from);
    const t = ix.indexOf(to);
    if (s < 0 || t < 0) return null;
    const filter = walkFilter(options);
    const maxHops = options.maxHops ?? 8;
    let paths: IndexPath[];
    if (options.all) paths = allShortestPaths(ix, s, t, filter, maxHops, options.limit ?? 20);
    else {
      const path = bidirectionalPath(ix, s, t, filter, maxHops);
      // Among parallel relationships, report the most confident one.
      paths = path ? [{ nodes: path.nodes, edges: path.nodes.slice(1).map((v, i) => bestEdgeBetween(ix, path.nodes[i], v, filter)) }] : [];
    }
    return paths.map((p) => ({
      nodes: p.nodes.map((i) => this.nodeRecordAt(ix, i)),
      hops: p.edges.map((e, i) => ({ from: ix.nodeKeys[p.nodes[i]], to: ix.nodeKeys[p.nodes[i + 1]], relationship: this.edgeRecordAt(ix, e) })),
    }));
  }

  async exportGraph(filter: ExportFilter = {}): Promise<SerializedGraph> {
    this.load();
    // From the snapshot while the graph is not built: the same answer without building it (memory-snapshot-reads.ts).
    const snap = this.unbuilt;
    if (snap) return exportFromSnapshot(snap, filter);
    return exportFrom(this.graph, filter);
  }

  async stats(): Promise<GraphStats> {
    this.load();
    // Counted once per state of the store (a viewer asks with every overview; 0.2-0.5 s on 100k/1M), from its snapshot while the graph is not built.
    const snap = this.unbuilt;
    const source = snap ?? this.graph;
    if (this.counted?.source !== source || this.counted.changes !== this.changes)
      this.counted = { source, changes: this.changes, stats: snap ? statsFromSnapshot(snap) : statsOf(this.graph) };
    return structuredClone(this.counted.stats);
  }

  /**
   * A node record by index number, from the graph (the attribute object the
   * index holds for it, else a lookup) or, before it is built, the snapshot.
   */
  private nodeRecordAt(ix: TraversalIndex, i: number): NodeRecord {
    const id = ix.nodeKeys[i];
    const snap = this.unbuilt;
    if (snap) return { id, attributes: snap.nodeAttributes(i) };
    const attributes = ix.nodeAttributes(i);
    return attributes ? { id, attributes } : this.nodeRecord(id);
  }

  /**
   * A relationship record by index number, from the graph (ends and attribute
   * object as the index holds them, else a lookup) or, before it is built, the snapshot.
   */
  private edgeRecordAt(ix: TraversalIndex, e: number): RelationshipRecord {
    const snap = this.unbuilt;
    if (snap) return edgeRecordFromSnapshot(snap, e);
    const attributes = ix.edgeAttributes(e);
    if (attributes) return { id: ix.edgeKey(e), source: ix.nodeKeys[ix.edgeSource[e]], target: ix.nodeKeys[ix.edgeTarget[e]], attributes };
    return this.edgeRecord(ix.edgeKey(e));
  }

  private nodeRecord(id: string): NodeRecord {
    return nodeRecord(this.graph, id);
  }

  private edgeRecord(edge: string): RelationshipRecord {
    return edgeRecord(this.graph, edge);
  }
}

function newGraph(): UnionGraph {
  return newUnionGraph();
}

/** Relationship order used by every read (re-exported from memory-queries.ts). */
export { byRelationship };
