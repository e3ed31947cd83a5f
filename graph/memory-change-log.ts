// The embedded store's change log (graph.log beside graph.json). On a large
// graph, rewriting graph.json and its snapshot after every document costs
// seconds (100k organisations, 1M relationships: ~4 s, holding the event
// loop); a write there instead appends what it changed to this log, synced
// before the write returns, and graph.json is rewritten ("compacted") later:
// when the store closes, at the end of a batch, or once the log has passed
// 4 MB and a quarter of graph.json.
//
// The log's first line names the graph.json it follows by that file's
// SHA-256; each further line is one write: the state after it of every node,
// relationship and review it touched (its undo journal says which), null for
// one it removed. Replaying the lines over that graph.json in order gives the
// written graph's content again. A store reads the log only for the
// graph.json it names: a compaction renames the new graph.json into place
// before it removes the log, so a crash in between leaves a log that names
// the old file and is ignored. A crash during an append leaves a last line
// without its newline; that write never returned, so the line is ignored and
// cut off before the next append.
//
// Replay restores content, not the order graphology iterates in: an element
// a write removed and added again comes back in its old place, where the
// writing store had moved it to the end. Queries sort their answers; only
// the order of the lists in an export (and in the next graph.json) can
// differ from the writing store's, and what follows that order: Louvain's
// communities in the statistics may come out differently.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { InvalidDataError } from "./errors.js";
import { fileStamp } from "./memory-snapshot.js";
import { sha256Of } from "./memory-snapshot-scan.js";
import { writeAll, writeAtomically } from "./memory-store-file.js";
import type { WriteJournal } from "./memory-journal.js";
import type { EdgeAttributes, NodeAttributes, Review, UnionGraph } from "./types.js";

const LOG_FORMAT = "unionties-change-log";
const LOG_VERSION = 1;

/** A relationship's state after a write: its attributes and ends, or null when the write removed it. */
export type LoggedEdge = [key: string, attributes: EdgeAttributes, source: string, target: string, undirected: boolean] | [key: string, attributes: null];

/** What one write changed: the state after it of everything it touched. */
export interface LoggedChange {
  nodes: Array<[id: string, attributes: NodeAttributes | null]>;
  edges: LoggedEdge[];
  reviews: Array<[id: string, review: Review | null]>;
}

/** The log as read for one graph.json. */
export interface ReadLog {
  changes: LoggedChange[];
  /** Bytes up to the end of the last whole line (where the next append goes). */
  bytes: number;
  /** The log file's stamp when read (modification time, size, inode). */
  stamp: string;
}

/**
 * What a successful journaled write changed, from its journal and the graph after it (the graph's own attribute objects: serialise it before the next write).
 * @returns null when it touched nothing
 */
export function changeOf(journal: WriteJournal, graph: UnionGraph, reviews: Map<string, Review>): LoggedChange | null {
  const touched = journal.touched();
  if (!touched.nodes.length && !touched.edges.length && !touched.reviews.length) return null;
  return {
    nodes: touched.nodes.map((id) => [id, graph.hasNode(id) ? graph.getNodeAttributes(id) : null]),
    edges: touched.edges.map((key): LoggedEdge => (graph.hasEdge(key) ? [key, graph.getEdgeAttributes(key), graph.source(key), graph.target(key), graph.isUndirected(key)] : [key, null])),
    reviews: touched.reviews.map((id) => [id, reviews.get(id) ?? null]),
  };
}

/**
 * Applies one logged write to `graph` and `reviews`: nodes first (so
 * relationships have their ends), then relationships, then the nodes it
 * removed (their relationships are gone by then).
 */
export function replayChange(graph: UnionGraph, reviews: Map<string, Review>, change: LoggedChange): void {
  for (const [id, attributes] of change.nodes) {
    if (!attributes) continue;
    if (graph.hasNode(id)) graph.replaceNodeAttributes(id, attributes);
    else graph.addNode(id, attributes);
  }
  for (const edge of change.edges) {
    const key = edge[0];
    if (edge[1] === null) {
      if (graph.hasEdge(key)) graph.dropEdge(key);
      continue;
    }
    const [, attributes, source, target, undirected] = edge;
    if (graph.hasEdge(key)) graph.replaceEdgeAttributes(key, attributes);
    else if (undirected) graph.addUndirectedEdgeWithKey(key, source, target, attributes);
    else graph.addDirectedEdgeWithKey(key, source, target, attributes);
  }
  for (const [id, attributes] of change.nodes) if (!attributes && graph.hasNode(id)) graph.dropNode(id);
  for (const [id, review] of change.reviews) {
    if (review) reviews.set(id, review);
    else reviews.delete(id);
  }
}

function header(base: string): string {
  return `${JSON.stringify({ format: LOG_FORMAT, version: LOG_VERSION, base })}\n`;
}

/**
 * Reads the log at `file` from byte `from` (0: the whole log, checking that
 * it follows the graph.json whose SHA-256 is `base`).
 * @returns null when there is no log, or it follows another graph.json
 * @throws InvalidDataError when a whole line of it is not a logged write
 */
export function readChangeLog(file: string, base: string, from = 0): ReadLog | null {
  if (!existsSync(file)) return null;
  const stamp = fileStamp(file);
  const bytes = readFileSync(file);
  let at = from;
  const changes: LoggedChange[] = [];
  while (at < bytes.length) {
    const end = bytes.indexOf(0x0a, at);
    // a last line without its newline: a write that never returned
    if (end < 0) break;
    const line = bytes.toString("utf8", at, end);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InvalidDataError(`memory store: ${file} has a line that is not JSON at byte ${at} (with graph.log moved aside the store opens as graph.json holds it, without the writes the log holds)`, [{ path: file, message: String(error) }]);
    }
    if (at === 0) {
      const h = value as { format?: unknown; base?: unknown };
      if (h.format !== LOG_FORMAT) throw new InvalidDataError(`memory store: ${file} is not a unionties change log`);
      if (h.base !== base) return null;
    } else changes.push(value as LoggedChange);
    at = end + 1;
  }
  if (from === 0 && at === 0) return null; // not even a whole header: a log that was never written
  return { changes, bytes: at, stamp };
}

/**
 * Appends one write to the log at `file`, synced before it returns; starts a
 * new log for `base` (atomically) when `bytes` is 0. A torn last line past
 * `bytes` (a write that never returned) is cut off first; whole lines past
 * it (another process's writes, appended since this one read the log) are
 * kept, and `foreign` says so: the caller has not replayed them. When the
 * append fails the log is cut back, so it never holds part of this write.
 * @returns the log's length and stamp after the append
 */
export function appendChange(file: string, base: string, bytes: number, change: LoggedChange): { bytes: number; stamp: string; foreign: boolean } {
  const line = Buffer.from(`${JSON.stringify(change)}\n`, "utf8");
  if (bytes === 0) {
    const start = Buffer.from(header(base), "utf8");
    writeAtomically(file, (fd) => {
      writeAll(fd, start, start.length);
      writeAll(fd, line, line.length);
    });
    return { bytes: start.length + line.length, stamp: fileStamp(file), foreign: false };
  }
  const fd = openSync(file, "r+");
  let at = bytes;
  try {
    const size = fstatSync(fd).size;
    if (size > bytes) {
      const tail = Buffer.allocUnsafe(size - bytes);
      readSync(fd, tail, 0, tail.length, bytes);
      at = bytes + tail.lastIndexOf(0x0a) + 1;
    }
    if (size !== at) ftruncateSync(fd, at);
    try {
      let done = 0;
      while (done < line.length) done += writeSync(fd, line, done, line.length - done, at + done);
      fsyncSync(fd);
    } catch (error) {
      ftruncateSync(fd, at);
      throw error;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes: at + line.length, stamp: fileStamp(file), foreign: at > bytes };
}

/** The SHA-256 of a file's bytes (hex). */
export function fileHash(file: string): string {
  const fd = openSync(file, "r");
  try {
    return sha256Of(fd);
  } finally {
    closeSync(fd);
  }
}
