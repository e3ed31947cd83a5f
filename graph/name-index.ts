// The embedded store's search index: every node's folded name, id and aliases
// in one string, so that a query finds the names that contain it with a few
// indexOf calls over that string instead of a substring test per name per
// node (10k nodes: ~4 ms a query before, well under 1 ms now). Built on a
// graph, the index follows its events and is rebuilt on the next search after
// any node was added, dropped or had its attributes changed; between writes
// every search reuses it. Built on a snapshot's nodes, it never changes (a
// write builds the graph first). What a query matches and how it ranks is
// matchRank's (text.ts), exactly as when each name was tested on its own.
import { foldName, matchRank } from "./text.js";
import type { NodeAttributes, UnionGraph } from "./types.js";

/** Separates the names in the joined string; folded names and queries never contain it. */
const SEP = "\n";

/** One node's best rank for a query. */
export interface NameHit {
  id: string;
  rank: number;
}

/** A graph's folded names, joined, with the node each one belongs to. */
export class NameIndex {
  private text = "";
  /** Start of each name in `text`, ascending. */
  private starts = new Int32Array(0);
  /** The folded names, in the order they are joined. */
  private names: string[] = [];
  /** Position in `ids` of each name's node. */
  private owner = new Int32Array(0);
  private ids: string[] = [];
  private stale = true;
  private readonly detachFn: () => void;

  /**
   * @param nodes calls back with every node's id and attributes (the graph's, or a snapshot's)
   * @param follow a graph whose changes make the index stale; without it the nodes never change
   */
  constructor(private readonly nodes: (visit: (id: string, a: NodeAttributes) => void) => void, follow?: UnionGraph) {
    const markStale = () => (this.stale = true);
    const events = ["nodeAdded", "nodeDropped", "nodeAttributesUpdated", "cleared"];
    const emitter = follow as unknown as { on(n: string, f: unknown): void; removeListener(n: string, f: unknown): void } | undefined;
    for (const name of events) emitter?.on(name, markStale);
    this.detachFn = () => {
      for (const name of events) emitter?.removeListener(name, markStale);
    };
  }

  /** The index of a graph's nodes, following its changes. */
  static ofGraph(graph: UnionGraph): NameIndex {
    return new NameIndex((visit) => graph.forEachNode(visit), graph);
  }

  /** Stops following the graph. */
  detach(): void {
    this.detachFn();
  }

  /** The nodes with a name, id or alias that matches the folded, non-empty `q`, with their best rank (in no particular order). */
  match(q: string, accept: (id: string) => boolean): NameHit[] {
    if (this.stale) this.rebuild();
    const best = new Map<number, number>();
    const { text, starts, names, owner } = this;
    for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + 1)) {
      const i = entryAt(starts, at);
      const rank = matchRank(q, names[i]);
      const node = owner[i];
      if (rank > (best.get(node) ?? 0)) best.set(node, rank);
      // The rest of this name cannot raise its rank above what matchRank gave for the whole name.
      at = starts[i] + names[i].length;
    }
    const hits: NameHit[] = [];
    for (const [node, rank] of best) {
      const id = this.ids[node];
      if (accept(id)) hits.push({ id, rank });
    }
    return hits;
  }

  private rebuild(): void {
    const parts: string[] = [];
    const owner: number[] = [];
    const starts: number[] = [];
    const ids: string[] = [];
    let length = 0;
    this.nodes((id, a) => {
      const node = ids.length;
      ids.push(id);
      for (const name of [a.name, id, ...(a.aliases ?? [])]) {
        const folded = foldName(String(name));
        starts.push(length);
        owner.push(node);
        parts.push(folded);
        length += folded.length + SEP.length;
      }
    });
    this.text = parts.join(SEP);
    this.names = parts;
    this.starts = Int32Array.from(starts);
    this.owner = Int32Array.from(owner);
    this.ids = ids;
    this.stale = false;
  }
}

/** The index of the name that holds position `at` (the last start at or before it). */
function entryAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
