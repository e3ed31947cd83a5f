// Reading many attribute texts of graph.json at once, for the snapshot's
// whole-graph reads (counts and exports, memory-snapshot-reads.ts): items put
// in graph.json's order by where their texts lie, and their texts parsed from
// large sequential reads instead of one positioned read each; and a key
// found among the keys stored back to back (textIndexOf); and the SHA-256 of
// a whole file (sha256Of), which names graph.json in the snapshot and the
// change log.
import { createHash } from "node:crypto";
import { readSync } from "node:fs";

/** Bytes of graph.json read at a time by the scans (one attributes text may need more). */
const SCAN_WINDOW = 8 << 20;

/** The numbers of the items whose spans are `spans`, in the order of their start in the file. */
export function fileOrder(spans: Float64Array): Int32Array {
  const count = spans.length / 2;
  const order = new Int32Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    if (i > 0 && spans[2 * i] < spans[2 * i - 2]) sorted = false;
  }
  if (!sorted) order.sort((a, b) => spans[2 * a] - spans[2 * b]);
  return order;
}

/**
 * Parses the JSON text at each of `items`' spans in `fd` (item i's text is
 * bytes spans[2i] to spans[2i+1]) and calls `visit` with it and the byte that
 * follows it (-1 at the end of the file), reading the file a window at a
 * time: a span outside the window starts a new one, which reaches as far as
 * the following items need (up to `windowBytes` unless one text is longer),
 * so a few scattered items read only their own bytes and a run of items reads
 * the file in large pieces. With `needle`, a text that does not hold those
 * bytes is skipped unparsed (a filter the caller's own test then refines).
 */
export function scanSpans(
  fd: number,
  spans: Float64Array,
  items: ArrayLike<number>,
  visit: (i: number, value: unknown, next: number) => void,
  windowBytes = SCAN_WINDOW,
  needle?: Buffer,
): void {
  let window = Buffer.alloc(0);
  let from = 0;
  let to = 0;
  for (let k = 0; k < items.length; k++) {
    const i = items[k];
    const start = spans[2 * i];
    const end = spans[2 * i + 1];
    if (start < from || end + 1 > to) {
      let last = end;
      for (let j = k + 1; j < items.length; j++) {
        const s = spans[2 * items[j]];
        const e = spans[2 * items[j] + 1];
        if (s < start || e + 1 - start > windowBytes) break;
        if (e > last) last = e;
      }
      // One byte more: what follows the text.
      const bytes = last + 1 - start;
      if (bytes > window.length) window = Buffer.allocUnsafeSlow(Math.max(bytes, Math.min(windowBytes, 2 * window.length)));
      from = start;
      to = start + readUpTo(fd, window, start, bytes);
      if (to < end) throw new Error("snapshot: unexpected end of graph.json");
    }
    if (needle && window.subarray(start - from, end - from).indexOf(needle) < 0) continue;
    visit(i, JSON.parse(window.toString("utf8", start - from, end - from)), end < to ? window[end - from] : -1);
  }
}

/** Reads up to `bytes` bytes of `fd` at `position` into `buf`, as far as the file goes; returns the bytes read. */
export function readUpTo(fd: number, buf: Buffer, position: number, bytes: number): number {
  let done = 0;
  while (done < bytes) {
    const n = readSync(fd, buf, done, bytes - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/**
 * The number of the text equal to `text` among texts written back to back in
 * `blob` (text i is bytes offsets[i] to offsets[i+1]), or -1: a search of the
 * bytes (about 8 ms on the 17 MB of a million relationship keys), each hit
 * kept only when a text starts and ends exactly there.
 */
export function textIndexOf(blob: Buffer, offsets: Float64Array, text: string): number {
  const needle = Buffer.from(text, "utf8");
  const count = offsets.length - 1;
  if (needle.length === 0) {
    for (let i = 0; i < count; i++) if (offsets[i + 1] === offsets[i]) return i;
    return -1;
  }
  for (let at = blob.indexOf(needle); at >= 0; at = blob.indexOf(needle, at + 1)) {
    // The first text starting at or after the hit; several start there when some are empty.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < count && offsets[i] === at; i++) if (offsets[i + 1] - at === needle.length) return i;
  }
  return -1;
}

/** SHA-256 (hex) of the whole file open as `fd`, read in 8 MB pieces. */
export function sha256Of(fd: number): string {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(8 << 20);
  for (let position = 0; ; ) {
    const n = readSync(fd, buf, 0, buf.length, position);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    position += n;
  }
  return hash.digest("hex");
}
