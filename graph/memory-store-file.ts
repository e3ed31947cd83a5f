// Writes the embedded store's graph.json without building the whole document
// in memory: nodes and relationships are serialised one by one (graphology's
// export shape) and written in chunks to a temporary file, which is synced
// and renamed over the old one, so a crash leaves the old or the new file.
// The source is the store's graphology graph or a prepared import
// (memory-import.ts); the bytes are the same for the same content.
import { close as fsClose, closeSync, existsSync, fstatSync, fsync, fsyncSync, open as fsOpen, openSync, readdirSync, rename as fsRename, renameSync, rmSync, write as fsWrite, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { PreparedGraph } from "./memory-import.js";
import type { WrittenFile } from "./memory-written-edges.js";
import type { EdgeAttributes, GraphAttributes, Review, UnionGraph } from "./types.js";

/**
 * Bytes per write: the file is encoded piece by piece into one reused buffer
 * of this size (no joined chunks, no per-piece byte count: the encoder says
 * how many bytes it wrote, which is also where each attributes text ends).
 */
const BUFFER_BYTES = 1 << 20;

/**
 * What graph.json is written from: graph options and attributes, then every
 * node and relationship in order, attributes as JSON text (a relationship's
 * as the UTF-8 bytes of that text when they are reused from the file it
 * replaces, see memory-written-edges.ts).
 */
export interface StoreFileSource {
  options: { type: string; multi: boolean; allowSelfLoops: boolean };
  attributes: GraphAttributes;
  forEachNode(callback: (key: string, json: string) => void): void;
  forEachEdge(callback: (key: string, json: string | Uint8Array, source: string, target: string, undirected: boolean) => void): void;
}

/**
 * Where each node's and relationship's attributes lie in a written graph.json
 * (byte offsets of their JSON text: start, end), in the order written. The
 * snapshot reads attributes from there instead of holding a second copy.
 */
export class AttributeSpans {
  /** SHA-256 (hex) of the whole file written, set once it is. */
  contentHash = "";
  readonly nodeKeys: string[] = [];
  readonly nodeStart: number[] = [];
  readonly nodeEnd: number[] = [];
  readonly edgeKeys: string[] = [];
  readonly edgeStart: number[] = [];
  readonly edgeEnd: number[] = [];
}

/**
 * A graphology graph as a file source.
 * @param previous the graph.json being replaced, whose relationship texts are copied for attribute objects written as they are
 * @param written receives each relationship's attribute object in the order written
 */
export function graphFileSource(graph: UnionGraph, previous: WrittenFile | null = null, written?: EdgeAttributes[]): StoreFileSource {
  return {
    options: { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops },
    attributes: graph.getAttributes(),
    forEachNode: (callback) => graph.forEachNode((key, attributes) => callback(key, JSON.stringify(attributes))),
    forEachEdge: (callback) =>
      graph.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
        written?.push(attributes);
        callback(key, previous?.textOf(key, attributes) ?? JSON.stringify(attributes), source, target, undirected);
      }),
  };
}

/** A prepared import as a file source (what its graphology graph would give). */
export function preparedFileSource(prepared: PreparedGraph): StoreFileSource {
  return {
    options: { type: "mixed", multi: true, allowSelfLoops: false },
    attributes: prepared.attributes,
    forEachNode: (callback) => {
      for (let i = 0; i < prepared.nodeKeys.length; i++) callback(prepared.nodeKeys[i], JSON.stringify(prepared.nodeAttrs[i]));
    },
    forEachEdge: (callback) => {
      for (let i = 0; i < prepared.edgeKeys.length; i++)
        callback(prepared.edgeKeys[i], JSON.stringify(prepared.edgeAttrs[i]), prepared.edgeSource[i], prepared.edgeTarget[i], prepared.undirected(i));
    },
  };
}

/**
 * Writes `{format, version, graph: graph.export(), reviews}` to `file` atomically.
 * @param header the `format` and `version` fields of the store file
 * @param spans when given, receives where each attributes text was written
 */
export function writeStoreFile(file: string, header: { format: string; version: number }, graph: StoreFileSource, reviews: Map<string, Review>, spans?: AttributeSpans): void {
  writeAtomically(file, (fd) => writeStoreContent(fd, header, graph, reviews, spans));
}

/**
 * writeStoreFile, with the file synced by the thread pool while `meanwhile`
 * runs on this thread (given the stamp graph.json will have: modification
 * time, size, inode); renamed over `file` once both are done. When
 * `meanwhile` throws, the file is still written and the error rethrown after.
 * @returns that stamp
 */
export async function writeStoreFileAsync(
  file: string,
  header: { format: string; version: number },
  graph: StoreFileSource,
  reviews: Map<string, Review>,
  spans: AttributeSpans | undefined,
  meanwhile: (stamp: string) => void,
): Promise<string> {
  const tmp = tempName(file);
  const fd = openSync(tmp, "w");
  let stamp: string;
  let later: { error: unknown } | null = null;
  try {
    writeStoreContent(fd, header, graph, reviews, spans);
    const s = fstatSync(fd);
    stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    const synced = inPool<void>((done) => fsync(fd, done));
    try {
      meanwhile(stamp);
    } catch (error) {
      later = { error };
    }
    // The descriptor stays open until the sync is done, whatever happened meanwhile.
    await synced;
    closeSync(fd);
    renameSync(tmp, file);
  } catch (error) {
    abandonTemp(fd, tmp);
    throw error;
  }
  if (later) throw later.error;
  return stamp;
}

/** graph.json's text, written to `fd` (see writeStoreFile). */
function writeStoreContent(fd: number, header: { format: string; version: number }, graph: StoreFileSource, reviews: Map<string, Review>, spans?: AttributeSpans): void {
  const out = new ByteWriter(fd);
  out.put(`{"format":${JSON.stringify(header.format)},"version":${header.version},"graph":{"options":${JSON.stringify(graph.options)},"attributes":${JSON.stringify(graph.attributes)},"nodes":[`);
  let first = true;
  graph.forEachNode((key, json) => {
    out.put(`${first ? "" : ","}{"key":${JSON.stringify(key)},"attributes":`);
    if (spans) {
      spans.nodeKeys.push(key);
      spans.nodeStart.push(out.at);
    }
    out.put(json);
    spans?.nodeEnd.push(out.at);
    out.put("}");
    first = false;
  });
  out.put(`],"edges":[`);
  first = true;
  graph.forEachEdge((key, json, source, target, undirected) => {
    out.put(`${first ? "" : ","}{"key":${JSON.stringify(key)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)},"attributes":`);
    if (spans) {
      spans.edgeKeys.push(key);
      spans.edgeStart.push(out.at);
    }
    if (typeof json === "string") out.put(json);
    else out.putBytes(json);
    spans?.edgeEnd.push(out.at);
    out.put(undirected ? ',"undirected":true}' : "}");
    first = false;
  });
  out.put(`]},"reviews":${JSON.stringify(Object.fromEntries(reviews))}}`);
  out.flush();
  if (spans) spans.contentHash = out.hash.digest("hex");
}

/** Text written to a file as UTF-8 through one reused buffer; `at` counts the bytes put so far. */
class ByteWriter {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  at = 0;
  /** Of every byte written (a few tenths of a second for 200 MB). */
  readonly hash = createHash("sha256");

  constructor(private readonly fd: number) {}

  put(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
    if (3 * text.length > BUFFER_BYTES - this.used) {
      this.flush();
      if (3 * text.length > BUFFER_BYTES) {
        const bytes = Buffer.from(text, "utf8");
        this.hash.update(bytes);
        writeAll(this.fd, bytes, bytes.length);
        this.at += bytes.length;
        return;
      }
    }
    const n = this.buffer.write(text, this.used, "utf8");
    this.used += n;
    this.at += n;
  }

  /** Puts bytes that are already UTF-8. */
  putBytes(bytes: Uint8Array): void {
    if (bytes.length > BUFFER_BYTES - this.used) {
      this.flush();
      if (bytes.length > BUFFER_BYTES) {
        this.hash.update(bytes);
        writeAll(this.fd, bytes, bytes.length);
        this.at += bytes.length;
        return;
      }
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
    this.at += bytes.length;
  }

  flush(): void {
    if (this.used) {
      this.hash.update(this.buffer.subarray(0, this.used));
      writeAll(this.fd, this.buffer, this.used);
    }
    this.used = 0;
  }
}

/** Writes the first `length` bytes of `bytes` (writeSync may write fewer than asked). */
export function writeAll(fd: number, bytes: Uint8Array, length: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done);
}

let tempCount = 0;

/** A temporary file name for `file` that names this process (see removeStaleTemps), unique within it. */
export function tempName(file: string): string {
  return `${file}.tmp-${process.pid}-${Date.now()}-${++tempCount}`;
}

/**
 * Writes `text` to `file` atomically (a synced temporary file renamed over
 * it), every step in the thread pool. Creating a file waits while the file
 * system commits its journal, which the syncs of other texts in flight keep
 * doing: on 2,560 news-sized texts written one ahead of their commits, a
 * synchronous open held this thread 2.6 s in all (1 ms a file). Each step
 * sent to the pool costs a round trip through this thread's event loop (12-20
 * ms a text in all on a busy machine, against 1.6 ms for the sync of a 512 KB
 * text on a quiet one), which an ingest hides by starting each text ahead of
 * its commit (GraphStore.stageText).
 */
export async function writeTextAtomicAsync(file: string, text: string): Promise<void> {
  const tmp = tempName(file);
  const bytes = Buffer.from(text, "utf8");
  // (the callback API: fs/promises' FileHandle cost ~0.3 ms of this thread's time a text)
  const fd = await inPool<number>((done) => fsOpen(tmp, "w", done));
  let closed = false;
  try {
    let written = 0;
    while (written < bytes.length) written += await inPool<number>((done) => fsWrite(fd, bytes, written, bytes.length - written, null, done));
    await inPool<void>((done) => fsync(fd, done));
    closed = true;
    await inPool<void>((done) => fsClose(fd, done));
    await inPool<void>((done) => fsRename(tmp, file, done));
  } catch (error) {
    if (!closed) await inPool<void>((done) => fsClose(fd, done)).catch(() => undefined);
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** A callback-style fs call as a promise. */
function inPool<T>(call: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value as T))));
}

/** Closes `fd` (if still open) and removes its temporary file `tmp`, after a failed write. */
function abandonTemp(fd: number, tmp: string): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
  rmSync(tmp, { force: true });
}

/** Runs `write` on a temporary file beside `file`, syncs it and renames it over `file`; on failure the temporary file is removed. */
export function writeAtomically(file: string, write: (fd: number) => void): void {
  const tmp = tempName(file);
  const fd = openSync(tmp, "w");
  try {
    write(fd);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (error) {
    abandonTemp(fd, tmp);
    throw error;
  }
}

const TEMP = /\.tmp-(\d+)(?:-\d+)*$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files a killed writer left in `dirs` (names ending in
 * `.tmp-<pid>[-<time>[-<count>]]` whose process is gone); those of live processes stay.
 * @returns the paths removed
 */
export function removeStaleTemps(dirs: string[]): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const m = TEMP.exec(name);
      if (!m || alive(Number(m[1]))) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(join(dir, name));
    }
  }
  return removed;
}
