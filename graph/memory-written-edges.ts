// Relationship texts of graph.json reused at the next persist. Writing
// graph.json is mostly JSON.stringify of every relationship's attributes (9 s
// of the 14 s it takes for a million relationships), though a write that adds
// a document changes a few hundred of them. The store replaces a
// relationship's attributes with a new object whenever it changes them and
// never changes one in place (see memory-journal.ts), so a relationship whose
// attribute object is the one it had when graph.json was written is
// unchanged, and its text is the bytes it was written as: JSON.stringify's,
// which JSON.parse followed by JSON.stringify gives back exactly. Those bytes
// are copied from the file being replaced, read a large window at a time,
// instead of made again.
//
// No map from objects to places: graphology lists relationships in the order
// they were added, and graph.json in the order it was written, so the
// persist walks both lists together (a relationship dropped since is skipped
// by looking a little ahead for the key; new ones come after all the old).
// A relationship is reused only when its key and its attribute object are
// both the ones at that place, so a walk that loses its way writes texts
// anew, never wrong ones. The file must be the one the texts were recorded
// for (its stamp: modification time, size, inode), else nothing is reused.
import { closeSync, openSync } from "node:fs";
import { readUpTo } from "./memory-snapshot-scan.js";
import type { EdgeAttributes } from "./types.js";

/** Bytes of the old graph.json read at a time. */
const WINDOW_BYTES = 8 << 20;

/** How far ahead the walk looks for a relationship's key (relationships dropped in a row since the file was written). */
const LOOKAHEAD = 4096;

/** The relationships of graph.json as written (stamp): keys, attribute objects and where each text lies, in the file's order. */
export class WrittenEdges {
  /**
   * @param stamp the stamp of the graph.json written
   * @param keys relationship keys in the order their texts were written
   * @param attributes their attribute objects, in the same order
   * @param spans start and end (bytes) of each text, in the same order
   */
  constructor(readonly stamp: string, readonly keys: readonly string[], readonly attributes: readonly EdgeAttributes[], readonly spans: Float64Array) {}

  /** From a persist's record: texts from `start` to `end`, in the order written. */
  static written(stamp: string, keys: readonly string[], attributes: readonly EdgeAttributes[], start: readonly number[], end: readonly number[]): WrittenEdges | null {
    if (keys.length !== attributes.length || start.length !== keys.length || end.length !== keys.length) return null;
    const spans = new Float64Array(2 * keys.length);
    for (let i = 0; i < keys.length; i++) {
      spans[2 * i] = start[i];
      spans[2 * i + 1] = end[i];
    }
    return new WrittenEdges(stamp, keys, attributes, spans);
  }

  /**
   * The texts of a graph read whole from a graph.json whose snapshot gives
   * where each relationship's text lies: `edges` in the file's order (as
   * JSON.parse gives them), `spans` the snapshot's (start, end by
   * relationship number) and `order` its relationship numbers in the file's
   * order. Null when the counts differ.
   */
  static fromSnapshot(stamp: string, edges: ReadonlyArray<{ key: string; attributes: EdgeAttributes }>, spans: Float64Array, order: Int32Array): WrittenEdges | null {
    if (edges.length !== order.length || spans.length !== 2 * order.length) return null;
    const inOrder = new Float64Array(2 * order.length);
    for (let k = 0; k < order.length; k++) {
      inOrder[2 * k] = spans[2 * order[k]];
      inOrder[2 * k + 1] = spans[2 * order[k] + 1];
    }
    return new WrittenEdges(stamp, edges.map((e) => e.key), edges.map((e) => e.attributes), inOrder);
  }
}

/** A graph.json open for reading while its replacement is written: the texts to reuse, met in order. */
export class WrittenFile {
  private window = Buffer.alloc(0);
  private from = 0;
  private to = 0;
  /** The place in `edges` the walk has reached. */
  private next = 0;
  /** How many texts were reused. */
  reused = 0;
  private closed = false;

  private constructor(private readonly fd: number, private readonly edges: WrittenEdges) {}

  /**
   * Opens `file` when it is still the one `edges` was recorded for (same
   * stamp, read from the open descriptor so the file cannot change between
   * the check and the reads), else null.
   * @param stampOf the store's stamp of an open descriptor
   */
  static open(file: string, edges: WrittenEdges | null, stampOf: (fd: number) => string): WrittenFile | null {
    if (!edges) return null;
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch {
      return null;
    }
    if (stampOf(fd) !== edges.stamp) {
      closeSync(fd);
      return null;
    }
    return new WrittenFile(fd, edges);
  }

  /**
   * The bytes of relationship `key`'s text as written, when its attributes
   * are still `attributes`; else null (its text is then written anew). Called
   * for the relationships in the graph's order. The view is valid until the
   * next call.
   */
  textOf(key: string, attributes: object): Buffer | null {
    const { keys } = this.edges;
    const stop = Math.min(keys.length, this.next + LOOKAHEAD);
    let j = this.next;
    while (j < stop && keys[j] !== key) j++;
    if (j === stop) return null; // added since, or too far from its old place
    this.next = j + 1;
    if (this.edges.attributes[j] !== attributes) return null; // changed since
    this.reused++;
    return this.bytes(this.edges.spans[2 * j], this.edges.spans[2 * j + 1]);
  }

  private bytes(start: number, end: number): Buffer {
    if (start < this.from || end > this.to) {
      const bytes = Math.max(end - start, WINDOW_BYTES);
      if (bytes > this.window.length) this.window = Buffer.allocUnsafeSlow(bytes);
      this.from = start;
      this.to = start + readUpTo(this.fd, this.window, start, bytes);
      if (this.to < end) throw new Error("memory store: graph.json ended before a relationship it lists");
    }
    return this.window.subarray(start - this.from, end - this.from);
  }

  /** Releases the descriptor; idempotent (a second close must not close a number reused since). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
