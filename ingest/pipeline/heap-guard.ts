// An ingest stops taking documents when its process nears Node's heap limit,
// so that it ends as an interrupted run does, every document before the stop
// written whole and saved, with a message saying what to do, instead of V8's
// fatal "JavaScript heap out of memory" (exit 134): that lost every document
// since the last checkpoint and left the folder's lock behind. The embedded
// store holds the whole graph in memory (peak RSS 2.7 GB for a 300 MB corpus,
// 326,546 relationships: about nine times the text), so Node's default limit
// (about 4 GB) is reached near 450 MB of text; with --max-old-space-size=300,
// 150 MB of text died after 13.6 s.
import { totalmem } from "node:os";
import v8 from "node:v8";

/** The share of the heap limit past which an ingest takes no more documents (what is left serves the final write). */
export const HEAP_SHARE = 0.85;
/**
 * Kept free besides: Node's heap limit counts the young generation (48 MB
 * with the default semi-spaces: --max-old-space-size=300 gives a 348 MB
 * limit), which never holds the old generation's data, and a file being
 * extracted and the finished files waiting for their turn live there.
 */
const RESERVE = 64 * 1024 * 1024;

/** The heap's use and limit, in bytes. */
export interface HeapUse {
  used: number;
  limit: number;
}

/** The heap's use and limit when past `share` of the limit less RESERVE, else null. */
export function heapPast(share: number = HEAP_SHARE): HeapUse | null {
  const { used_heap_size: used, heap_size_limit: limit } = v8.getHeapStatistics();
  return used > share * limit - RESERVE ? { used, limit } : null;
}

const MB = 1024 * 1024;

/** "X of Node's Y limit" (MB below a GB, else GB). */
export function heapText(use: HeapUse): string {
  const size = (bytes: number) => (bytes < 1024 * MB ? `${Math.round(bytes / MB)} MB` : `${(bytes / 1024 / MB).toFixed(1)} GB`);
  return `${size(use.used)} of Node's ${size(use.limit)} limit`;
}

/** A heap to suggest (--max-old-space-size, MB): twice the limit, within three quarters of the machine's memory, in whole GB. */
export function largerHeapMb(use: HeapUse): number {
  return Math.max(Math.ceil(use.limit / MB / 1024), Math.floor(Math.min(2 * use.limit, 0.75 * totalmem()) / MB / 1024)) * 1024;
}
