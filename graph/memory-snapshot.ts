// The embedded store's binary snapshot (<dir>/graph.snapshot), written beside
// graph.json so a large store opens without parsing JSON for every node: the
// traversal index as typed arrays, node and relationship keys as text, and
// where in graph.json each node's and relationship's attributes lie (byte
// offsets of their JSON text), read from graph.json (positioned reads) only
// when a query returns them; relationship keys too are decoded one at a time.
// graph.json stays the truth; the snapshot records the stamp of the
// graph.json it was made from (modification time, size, inode) and the
// SHA-256 of its bytes, and is ignored when the stamp differs unless the
// bytes still hash the same (a copied or restored store: hashing 200 MB takes
// well under a second, parsing it ten or more); the file it reads attributes
// from is the one it checked (an open descriptor, which a later rename over
// graph.json does not change).
//
// Layout: "UTSNAP01", a uint32 header length, the header (JSON: version,
// stamp, counts, section offsets, graph attributes, reviews, node classes),
// then sections, each aligned to 8 bytes. Written to a temporary file and
// renamed. The node class section (each node's kind and whether it is a
// document, for counts without parsing attributes) is optional: snapshots
// written before it existed are read as they are, and counts then parse the
// node attributes instead.
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, writeSync } from "node:fs";
import { TraversalIndex, type TraversalArrays } from "./algorithms/traversal-index.js";
import { fileOrder, scanSpans, sha256Of, textIndexOf } from "./memory-snapshot-scan.js";
import type { AttributeSpans } from "./memory-store-file.js";
import type { EdgeAttributes, GraphAttributes, NodeAttributes, Review, UnionGraph } from "./types.js";

const MAGIC = "UTSNAP01";
const VERSION = 3;
/** Parsed attributes kept after reading (then the cache starts over). */
const CACHE_ENTRIES = 20_000;

interface Header {
  version: number;
  stamp: string;
  nodes: number;
  edges: number;
  sections: Record<string, [offset: number, bytes: number]>;
  graphAttributes: GraphAttributes;
  reviews: Record<string, Review>;
  /** The node classes the "nodeClass" section numbers (absent in older snapshots). */
  nodeClasses?: NodeClass[];
  /**
   * SHA-256 (hex) of the graph.json it was made from (absent in older
   * snapshots): a copy of the store (a new inode, perhaps a new modification
   * time) keeps its snapshot when graph.json's bytes are still these.
   */
  contentHash?: string;
}

/** What node counts need of a node: the key statsOf counts its kind under (String(kind)) and whether it is a document. */
export type NodeClass = [kind: string, document: boolean];

/** Each node's class, by index number (codes into `table`). */
export interface NodeClasses {
  table: NodeClass[];
  codes: Int32Array;
}

/** A snapshot opened for reading: the index and lazily parsed attributes. */
export interface OpenedSnapshot {
  stamp: string;
  /** SHA-256 (hex) of the graph.json it was opened for, when the snapshot records it (older ones do not). */
  contentHash?: string;
  index: TraversalIndex;
  graphAttributes: GraphAttributes;
  reviews: Map<string, Review>;
  /** Each node's class; null for a snapshot written without them. */
  nodeClasses: NodeClasses | null;
  nodeAttributes(i: number): NodeAttributes;
  edgeAttributes(e: number): EdgeAttributes;
  /** Node numbers in graph.json's order (the order a graph read from it has). */
  nodeFileOrder(): Int32Array;
  /** Relationship numbers in graph.json's order. */
  edgeFileOrder(): Int32Array;
  /** Where each relationship's attributes text lies in graph.json: bytes start, end by relationship number. */
  edgeTextSpans: Float64Array;
  /**
   * Parses the attributes of nodes `items` (best in graph.json's order: the
   * file is then read in large sequential pieces), fresh objects the cache
   * does not hold, and calls `visit` with each.
   */
  scanNodes(items: ArrayLike<number>, visit: (i: number, attributes: NodeAttributes) => void): void;
  /**
   * scanNodes for relationships; `undirected` as graph.json records it. With
   * `containing`, only relationships whose stored text holds that text (a
   * byte search before parsing; the caller still tests what it parses).
   */
  scanEdges(items: ArrayLike<number>, visit: (e: number, attributes: EdgeAttributes, undirected: boolean) => void, containing?: string): void;
  /** The number of the relationship with key `key` (a search of the stored keys' bytes), or -1. */
  edgeNumberOf(key: string): number;
  /** Releases the open file. */
  close(): void;
}

/** Texts written back to back, and where each starts (byte offsets; one more at the end). */
class TextBlob {
  readonly offsets: Float64Array;
  readonly byteLength: number;
  constructor(readonly lines: string[]) {
    this.offsets = new Float64Array(lines.length + 1);
    let at = 0;
    for (let i = 0; i < lines.length; i++) {
      this.offsets[i] = at;
      at += Buffer.byteLength(lines[i]);
    }
    this.offsets[lines.length] = at;
    this.byteLength = at;
  }

  /** Writes the texts in chunks (never one huge string). */
  writeTo(fd: number): void {
    for (let i = 0; i < this.lines.length; i += 10_000) writeSync(fd, this.lines.slice(i, i + 10_000).join(""));
  }
}

function keysText(keys: string[]): Buffer {
  if (keys.some((k) => k.includes("\n"))) return Buffer.from("J" + JSON.stringify(keys));
  return Buffer.from("L" + keys.join("\n"));
}

function readKeys(text: string): string[] {
  if (text[0] === "J") return JSON.parse(text.slice(1)) as string[];
  return text.length > 1 ? text.slice(1).split("\n") : [];
}

/**
 * What a snapshot is written from besides the index: the graph attributes and
 * where graph.json (just written) holds each node's and relationship's attributes.
 */
export interface SnapshotSource {
  attributes: GraphAttributes;
  spans: AttributeSpans;
  /** A node's attributes by key, for the node classes (without it the snapshot has none). */
  node?: (key: string) => NodeAttributes;
}

/** A graphology graph as a snapshot source, with the spans of the graph.json just written from it. */
export function graphSnapshotSource(graph: UnionGraph, spans: AttributeSpans): SnapshotSource {
  return { attributes: graph.getAttributes(), spans, node: (key) => graph.getNodeAttributes(key) };
}

/** Each node's class (see NodeClass) in index order. */
function nodeClassesOf(keys: string[], node: (key: string) => NodeAttributes): NodeClasses {
  const table: NodeClass[] = [];
  const codes = new Int32Array(keys.length);
  const known = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const a = node(keys[i]);
    const document = a.nodeLabel === "Document";
    const kind = String(a.kind);
    const name = `${document ? 1 : 0}${kind}`;
    let code = known.get(name);
    if (code === undefined) {
      code = table.length;
      known.set(name, code);
      table.push([kind, document]);
    }
    codes[i] = code;
  }
  return { table, codes };
}

/**
 * The start and end offsets of each of `keys` (index order) as pairs
 * [start0, end0, start1, …], from spans recorded in written order (the same
 * order as a rule: then no lookup). Throws when a key was not written.
 */
function spansInOrder(keys: { length: number; [i: number]: string }, written: string[], start: number[], end: number[]): Float64Array {
  const out = new Float64Array(2 * keys.length);
  let byKey: Map<string, number> | null = null;
  for (let i = 0; i < keys.length; i++) {
    let w = i;
    if (written[i] !== keys[i]) {
      byKey ??= new Map(written.map((k, j) => [k, j]));
      const found = byKey.get(keys[i]);
      if (found === undefined) throw new Error(`snapshot: ${keys[i]} is not in graph.json`);
      w = found;
    }
    out[2 * i] = start[w];
    out[2 * i + 1] = end[w];
  }
  return out;
}

/**
 * Writes the snapshot of the graph `source` describes (whose index is
 * `index`, freshly built) for the graph.json with stamp `stamp`. Atomic: a
 * temporary file renamed over the old one.
 */
export function writeSnapshot(file: string, source: SnapshotSource, index: TraversalIndex, stamp: string, reviews: Map<string, Review>): void {
  const arrays = index.toArrays();
  const { spans } = source;
  const nodeSpans = spansInOrder(arrays.nodeKeys, spans.nodeKeys, spans.nodeStart, spans.nodeEnd);
  const edgeSpans = spansInOrder(arrays.edgeKeys, spans.edgeKeys, spans.edgeStart, spans.edgeEnd);
  const edgeKeys = new TextBlob(arrays.edgeKeys);
  const classes = source.node ? nodeClassesOf(arrays.nodeKeys, source.node) : null;
  const sections: Array<[string, Uint8Array | TextBlob]> = [
    ["offsets", u8(arrays.offsets)], ["adjNode", u8(arrays.adjNode)], ["adjEdge", u8(arrays.adjEdge)],
    ["edgeBits", u8(arrays.edgeBits)], ["edgeConf", u8(arrays.edgeConf)], ["edgeSource", u8(arrays.edgeSource)], ["edgeTarget", u8(arrays.edgeTarget)],
    ["nodeAttrSpans", u8(nodeSpans)], ["edgeAttrSpans", u8(edgeSpans)],
    ["edgeKeyOffsets", u8(edgeKeys.offsets)],
    ["nodeKeys", keysText(arrays.nodeKeys)], ["edgeKeys", edgeKeys],
  ];
  if (classes) sections.push(["nodeClass", u8(classes.codes)]);
  const layout: Header["sections"] = {};
  let at = 0;
  for (const [name, bytes] of sections) {
    layout[name] = [at, bytes.byteLength];
    at += align8(bytes.byteLength);
  }
  const header: Header = { version: VERSION, stamp, nodes: arrays.nodeKeys.length, edges: arrays.edgeKeys.length, sections: layout, graphAttributes: source.attributes, reviews: Object.fromEntries(reviews) };
  if (classes) header.nodeClasses = classes.table;
  if (spans.contentHash) header.contentHash = spans.contentHash;
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(align8(12 + headerBytes.length));
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(prefix, 12);
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, prefix);
    const pad = Buffer.alloc(8);
    for (const [, bytes] of sections) {
      if (bytes instanceof TextBlob) bytes.writeTo(fd);
      else writeSync(fd, bytes);
      const rest = align8(bytes.byteLength) - bytes.byteLength;
      if (rest) writeSync(fd, pad, 0, rest);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The stamp of an open file: modification time, size and inode (as the store stamps graph.json). */
export function stampOf(fd: number): string {
  const s = fstatSync(fd);
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}

/** The stamp of the file at `path` (as stampOf), or "" when there is none. */
export function fileStamp(path: string): string {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : "";
}

/** The size a stamp (modification time:size:inode) names. */
function sizeOf(stamp: string): string {
  return stamp.split(":")[1] ?? "";
}

/** Reads `bytes` bytes of `fd` at `position`. */
function readAt(fd: number, position: number, bytes: number): Buffer {
  const buf = Buffer.allocUnsafeSlow(bytes);
  let done = 0;
  while (done < bytes) {
    const n = readSync(fd, buf, done, bytes - done, position + done);
    if (n === 0) throw new Error("snapshot: unexpected end of file");
    done += n;
  }
  return buf;
}

/**
 * Opens a snapshot if it exists and was made from the graph.json with
 * `stamp`, and `jsonFile` (that graph.json) still has that stamp; null
 * otherwise (missing, stale, another version or damaged). Reads the index and
 * node keys now; relationship keys and attributes (from `jsonFile`) on demand.
 */
export function readSnapshot(file: string, stamp: string, jsonFile: string): OpenedSnapshot | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, "r");
  let jsonFd = -1;
  let keep = false;
  try {
    const read = (position: number, bytes: number): Buffer => readAt(fd, position, bytes);
    const prefix = read(0, 12);
    if (prefix.toString("latin1", 0, 8) !== MAGIC) return null;
    const headerLength = prefix.readUInt32LE(8);
    const header = JSON.parse(read(12, headerLength).toString("utf8")) as Header;
    if (header.version !== VERSION) return null;
    jsonFd = openSync(jsonFile, "r");
    if (stampOf(jsonFd) !== stamp) return null;
    // Another stamp: the same bytes still do (a copied or restored store), found by their hash.
    if (header.stamp !== stamp && !(header.contentHash && sizeOf(header.stamp) === sizeOf(stamp) && sha256Of(jsonFd) === header.contentHash)) return null;
    const base = align8(12 + headerLength);
    const where = (name: string) => {
      const [offset, bytes] = header.sections[name];
      return [base + offset, bytes] as const;
    };
    const section = (name: string) => {
      const [position, bytes] = where(name);
      const buf = read(position, bytes);
      return { ab: buf.buffer as ArrayBuffer, o: buf.byteOffset, b: bytes, buf };
    };
    const i32 = (name: string) => {
      const { ab, o, b } = section(name);
      return new Int32Array(ab, o, b / 4);
    };
    const f64 = (name: string) => {
      const { ab, o, b } = section(name);
      return new Float64Array(ab, o, b / 8);
    };
    const nodeAttrSpans = f64("nodeAttrSpans");
    const edgeAttrSpans = f64("edgeAttrSpans");
    const edgeKeyOffsets = f64("edgeKeyOffsets");
    const edgeKeyBlob = section("edgeKeys").buf;
    const edgeBits = section("edgeBits");
    const edgeConf = section("edgeConf");
    const arrays: TraversalArrays = {
      nodeKeys: readKeys(section("nodeKeys").buf.toString("utf8")),
      edgeKeys: { count: header.edges, get: (i) => edgeKeyBlob.toString("utf8", edgeKeyOffsets[i], edgeKeyOffsets[i + 1]) },
      offsets: i32("offsets"),
      adjNode: i32("adjNode"),
      adjEdge: i32("adjEdge"),
      edgeBits: new Uint16Array(edgeBits.ab, edgeBits.o, edgeBits.b / 2),
      edgeConf: new Float32Array(edgeConf.ab, edgeConf.o, edgeConf.b / 4),
      edgeSource: i32("edgeSource"),
      edgeTarget: i32("edgeTarget"),
    };
    if (arrays.nodeKeys.length !== header.nodes || edgeKeyOffsets.length !== header.edges + 1) return null;
    if (nodeAttrSpans.length !== 2 * header.nodes || edgeAttrSpans.length !== 2 * header.edges) return null;
    const classCodes = header.nodeClasses ? i32("nodeClass") : null;
    if (classCodes && classCodes.length !== header.nodes) return null;
    let open = true;
    // Recently read attributes, bounded: hubs and popular nodes are read again and again.
    const cache = new Map<number, unknown>();
    const line = (spans: Float64Array, i: number, id: number) => {
      if (!open) throw new Error("snapshot: read after close");
      const hit = cache.get(id);
      if (hit !== undefined) return hit;
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      const value = JSON.parse(readAt(jsonFd, spans[2 * i], spans[2 * i + 1] - spans[2 * i]).toString("utf8"));
      cache.set(id, value);
      return value;
    };
    const scan = (spans: Float64Array, items: ArrayLike<number>, visit: (i: number, value: unknown, next: number) => void, containing?: string) => {
      if (!open) throw new Error("snapshot: read after close");
      scanSpans(jsonFd, spans, items, visit, undefined, containing === undefined ? undefined : Buffer.from(containing, "utf8"));
    };
    let nodeOrder: Int32Array | null = null;
    let edgeOrder: Int32Array | null = null;
    keep = true;
    return {
      stamp,
      contentHash: header.contentHash,
      index: TraversalIndex.fromArrays(arrays),
      graphAttributes: header.graphAttributes ?? {},
      reviews: new Map(Object.entries(header.reviews ?? {})),
      nodeClasses: classCodes ? { table: header.nodeClasses!, codes: classCodes } : null,
      nodeAttributes: (i) => line(nodeAttrSpans, i, -1 - i) as NodeAttributes,
      edgeAttributes: (e) => line(edgeAttrSpans, e, e) as EdgeAttributes,
      nodeFileOrder: () => (nodeOrder ??= fileOrder(nodeAttrSpans)),
      edgeFileOrder: () => (edgeOrder ??= fileOrder(edgeAttrSpans)),
      edgeTextSpans: edgeAttrSpans,
      scanNodes: (items, visit) => scan(nodeAttrSpans, items, (i, value) => visit(i, value as NodeAttributes)),
      // graph.json writes `,"undirected":true` right after an undirected relationship's attributes.
      scanEdges: (items, visit, containing) => scan(edgeAttrSpans, items, (e, value, next) => visit(e, value as EdgeAttributes, next === COMMA), containing),
      edgeNumberOf: (key) => textIndexOf(edgeKeyBlob, edgeKeyOffsets, key),
      close: () => {
        if (open) {
          closeSync(fd);
          closeSync(jsonFd);
        }
        open = false;
      },
    };
  } catch {
    return null;
  } finally {
    if (!keep) {
      closeSync(fd);
      if (jsonFd >= 0) closeSync(jsonFd);
    }
  }
}

const COMMA = 0x2c;

function u8(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
