// A compact adjacency index of the graph for traversals: compressed sparse
// rows (CSR) in typed arrays, every relationship listed under both of its ends
// (paths walk relationships both ways), with a per-relationship bit set for
// its type, `absent` polarity, a `reject` review and deletion. Queries filter
// by a type mask at run time, so one index serves every type filter.
//
// Node numbers follow the sorted node keys and each row is sorted by
// neighbour number, so the order of a walk (and which of several equal paths
// is found) depends on the graph's content, not on insertion order.
//
// Keeping it current: `attach(graph)` listens to graphology's events and
// patches the index (new nodes and relationships go to a small overlay,
// dropped ones are flagged); past a patch budget, or after `clear`, the index
// reports `stale` and the owner rebuilds it with `fromGraph`. While it
// follows a graph it also holds each node's and relationship's attribute
// object by number (`nodeAttributes(u)`, `edgeAttributes(e)`), so records are
// made without a lookup by key in graphology's maps.
//
// For other algorithms (e.g. the boomerang analysis): get the index from
// `MemoryStore.traversalIndex()`, turn keys into numbers with `indexOf`, walk
// with `forEachNeighbour(u, filter, (v, e) => ...)` using a `walkFilter(...)`,
// and turn numbers back into keys with `nodeKeys[v]` / `edgeKey(e)`;
// `edgeSource`/`edgeTarget` give a relationship's stored direction.
import { REL_TYPES, DEFAULT_PATH_TYPES, type RelType } from "../schema.js";
import type { EdgeAttributes, NodeAttributes, UnionGraph } from "../types.js";

/** Relationship flag: polarity `absent`. */
export const EDGE_ABSENT = 1 << 11;
/** Relationship flag: a person rejected it. */
export const EDGE_REJECTED = 1 << 12;
/** Relationship flag: dropped from the graph since the index was built. */
export const EDGE_DELETED = 1 << 13;

const TYPE_CODE = new Map<string, number>(REL_TYPES.map((t, i) => [t, i]));

/** What a traversal may walk: `(bits & mask) !== 0 && (bits & forbid) === 0`. */
export interface WalkFilter {
  mask: number;
  forbid: number;
}

/** The bits of one relationship from its attributes. */
export function edgeBitsOf(a: Pick<EdgeAttributes, "type" | "polarity" | "review">): number {
  const code = TYPE_CODE.get(a.type);
  let bits = code === undefined ? 0 : 1 << code;
  if (a.polarity === "absent") bits |= EDGE_ABSENT;
  if (a.review?.decision === "reject") bits |= EDGE_REJECTED;
  return bits;
}

/**
 * The filter for a traversal's options: types (default every type except
 * MENTIONS), absent relationships only when asked, rejected ones never.
 */
export function walkFilter(options: { types?: readonly RelType[]; includeAbsent?: boolean } = {}): WalkFilter {
  let mask = 0;
  for (const t of options.types ?? DEFAULT_PATH_TYPES) mask |= 1 << TYPE_CODE.get(t)!;
  return { mask, forbid: EDGE_REJECTED | EDGE_DELETED | (options.includeAbsent ? 0 : EDGE_ABSENT) };
}

/** Relationship keys read one at a time from storage (a snapshot), decoded on demand. */
export interface LazyKeys {
  count: number;
  get(i: number): string;
}

/** The plain arrays of an index, as a snapshot stores them. */
export interface TraversalArrays {
  nodeKeys: string[];
  edgeKeys: string[] | LazyKeys;
  offsets: Int32Array;
  adjNode: Int32Array;
  adjEdge: Int32Array;
  edgeBits: Uint16Array;
  edgeConf: Float32Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
}

function grow<T extends Int32Array | Uint16Array | Float32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 16));
  next.set(a);
  return next;
}

/** The adjacency index (see the file banner). Build with `fromGraph` or `fromArrays`. */
export class TraversalIndex {
  nodeKeys: string[];
  private edgeKeyList: string[] | null;
  private edgeKeyLazy: LazyKeys | null;
  /** Row starts of the built part: node u's slots are offsets[u]..offsets[u+1]. */
  readonly offsets: Int32Array;
  readonly adjNode: Int32Array;
  readonly adjEdge: Int32Array;
  /**
   * The bits of each slot's relationship (adjBits[k] === edgeBits[adjEdge[k]]),
   * so that a walk reads them in row order instead of at random; derived at
   * build and kept equal by every change of edgeBits (see setEdgeBits).
   */
  readonly adjBits: Uint16Array;
  /** Read-only outside the index: change a relationship's bits with setEdgeBits. */
  edgeBits: Uint16Array;
  edgeConf: Float32Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  nodeCount: number;
  edgeCount: number;
  /** Nodes whose key was dropped since the build. */
  private dropped = new Set<number>();
  private nodeIdx: Map<string, number>;
  private edgeIdx: Map<string, number> | null = null;
  /** Relationships numbered below this are in the rows; the rest were added since the build. */
  readonly rowEdges: number;
  /** The two row slots of each row relationship (2e, 2e+1), made on the first bit change. */
  private edgeSlots: Int32Array | null = null;
  /** Relationships added since the build, by end. */
  private extra = new Map<number, number[]>();
  private patches = 0;
  private forceStale = false;
  private detachFn: (() => void) | null = null;
  /** Relationship attribute objects by number, as fromGraph read them (taken over by attach). */
  private builtEdgeAttrs: EdgeAttributes[] | null = null;
  /** The graph's attribute objects by number, while following the graph it was built from. */
  private attrs: { nodes: Array<NodeAttributes | undefined>; edges: Array<EdgeAttributes | undefined> } | null = null;
  /** Scratch space shared by the searches (they run synchronously); `seen` holds two bits per node. */
  scratch: { stamp: number; markF: Int32Array; markB: Int32Array; parF: Int32Array; parB: Int32Array; edgeF: Int32Array; edgeB: Int32Array; qF: Int32Array; qB: Int32Array; seen: Uint8Array };

  private constructor(a: TraversalArrays) {
    this.nodeKeys = a.nodeKeys;
    this.edgeKeyList = Array.isArray(a.edgeKeys) ? a.edgeKeys : null;
    this.edgeKeyLazy = Array.isArray(a.edgeKeys) ? null : a.edgeKeys;
    this.offsets = a.offsets;
    this.adjNode = a.adjNode;
    this.adjEdge = a.adjEdge;
    this.edgeBits = a.edgeBits;
    this.edgeConf = a.edgeConf;
    this.edgeSource = a.edgeSource;
    this.edgeTarget = a.edgeTarget;
    this.nodeCount = a.nodeKeys.length;
    this.edgeCount = Array.isArray(a.edgeKeys) ? a.edgeKeys.length : a.edgeKeys.count;
    this.rowEdges = this.edgeCount;
    const adjBits = new Uint16Array(a.adjEdge.length);
    for (let k = 0; k < adjBits.length; k++) adjBits[k] = a.edgeBits[a.adjEdge[k]];
    this.adjBits = adjBits;
    this.nodeIdx = new Map();
    for (let i = 0; i < this.nodeCount; i++) this.nodeIdx.set(a.nodeKeys[i], i);
    const n = this.nodeCount;
    this.scratch = { stamp: 0, markF: new Int32Array(n), markB: new Int32Array(n), parF: new Int32Array(n), parB: new Int32Array(n), edgeF: new Int32Array(n), edgeB: new Int32Array(n), qF: new Int32Array(n), qB: new Int32Array(n), seen: new Uint8Array((n >> 2) + 1) };
  }

  /** Builds the index of a graph (O(nodes log nodes + relationships)). */
  static fromGraph(graph: UnionGraph): TraversalIndex {
    const nodeKeys = graph.nodes().sort();
    const idx = new Map<string, number>();
    for (let i = 0; i < nodeKeys.length; i++) idx.set(nodeKeys[i], i);
    const m = graph.size;
    const edgeKeys: string[] = new Array(m);
    const edgeAttrs: EdgeAttributes[] = new Array(m);
    const edgeBits = new Uint16Array(m);
    const edgeConf = new Float32Array(m);
    const edgeSource = new Int32Array(m);
    const edgeTarget = new Int32Array(m);
    let e = 0;
    graph.forEachEdge((key, attrs, source, target) => {
      edgeKeys[e] = key;
      edgeAttrs[e] = attrs;
      edgeBits[e] = edgeBitsOf(attrs);
      edgeConf[e] = attrs.confidence ?? 0;
      edgeSource[e] = idx.get(source)!;
      edgeTarget[e] = idx.get(target)!;
      e++;
    });
    const csr = buildRows(nodeKeys.length, edgeSource, edgeTarget, m);
    const ix = new TraversalIndex({ nodeKeys, edgeKeys, edgeBits, edgeConf, edgeSource, edgeTarget, ...csr });
    ix.builtEdgeAttrs = edgeAttrs;
    return ix;
  }

  /** An index over stored arrays (a snapshot), rows as given. */
  static fromArrays(arrays: TraversalArrays): TraversalIndex {
    return new TraversalIndex(arrays);
  }

  /** The arrays of a freshly built index (throws when patched: rebuild first). */
  toArrays(): TraversalArrays & { edgeKeys: string[] } {
    if (this.patches) throw new Error("TraversalIndex.toArrays: the index was patched; rebuild it with fromGraph first");
    const { nodeKeys, edgeKeys, offsets, adjNode, adjEdge, edgeBits, edgeConf, edgeSource, edgeTarget } = this;
    return { nodeKeys, edgeKeys, offsets, adjNode, adjEdge, edgeBits, edgeConf, edgeSource, edgeTarget };
  }

  /** The key of relationship number e. */
  edgeKey(e: number): string {
    return this.edgeKeyList ? this.edgeKeyList[e] : this.edgeKeyLazy!.get(e);
  }

  /** Every relationship key by number (decodes them all when they were read lazily). */
  get edgeKeys(): string[] {
    if (!this.edgeKeyList) {
      const lazy = this.edgeKeyLazy!;
      const list: string[] = new Array(lazy.count);
      for (let i = 0; i < lazy.count; i++) list[i] = lazy.get(i);
      this.edgeKeyList = list;
      this.edgeKeyLazy = null;
    }
    return this.edgeKeyList;
  }

  /** The number of a node key, or -1 when the node is unknown (or dropped). */
  indexOf(key: string): number {
    return this.nodeIdx.get(key) ?? -1;
  }

  /** True when patches exceeded their budget or the graph was cleared: rebuild. */
  get stale(): boolean {
    return this.forceStale || this.patches > Math.max(10_000, this.edgeCount >> 3);
  }

  /** Degree of u counting every relationship not dropped (any type). */
  degree(u: number): number {
    return (u < this.offsets.length - 1 ? this.offsets[u + 1] - this.offsets[u] : 0) + (this.extra.get(u)?.length ?? 0);
  }

  /**
   * Calls `visit(v, e)` for each relationship e from u that `filter` allows,
   * v being its other end; rows in neighbour order, then patched additions.
   */
  forEachNeighbour(u: number, filter: WalkFilter, visit: (v: number, e: number) => void): void {
    const { mask, forbid } = filter;
    const bits = this.edgeBits;
    if (u < this.offsets.length - 1) {
      const rowBits = this.adjBits;
      for (let s = this.offsets[u], end = this.offsets[u + 1]; s < end; s++) {
        const b = rowBits[s];
        if ((b & mask) !== 0 && (b & forbid) === 0) visit(this.adjNode[s], this.adjEdge[s]);
      }
    }
    const more = this.extra.get(u);
    if (more) for (const e of more) {
      const b = bits[e];
      if ((b & mask) !== 0 && (b & forbid) === 0) visit(this.edgeSource[e] === u ? this.edgeTarget[e] : this.edgeSource[e], e);
    }
  }

  /**
   * Calls `visit(e)` for each relationship between u and v that `filter`
   * allows: found in u's row by binary search (rows are sorted by neighbour),
   * then among the patched additions.
   */
  forEachEdgeBetween(u: number, v: number, filter: WalkFilter, visit: (e: number) => void): void {
    const { mask, forbid } = filter;
    if (u < this.offsets.length - 1) {
      const { adjNode, adjBits } = this;
      let lo = this.offsets[u];
      let hi = this.offsets[u + 1];
      const end = hi;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (adjNode[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < end && adjNode[k] === v; k++) {
        const b = adjBits[k];
        if ((b & mask) !== 0 && (b & forbid) === 0) visit(this.adjEdge[k]);
      }
    }
    const more = this.extra.get(u);
    if (more) for (const e of more) {
      const b = this.edgeBits[e];
      if ((b & mask) !== 0 && (b & forbid) === 0 && (this.edgeSource[e] === u ? this.edgeTarget[e] : this.edgeSource[e]) === v) visit(e);
    }
  }

  /** The graph's attribute object of node u while the index follows the graph it was built from (attach); else undefined: read the graph. */
  nodeAttributes(u: number): NodeAttributes | undefined {
    return this.attrs?.nodes[u];
  }

  /** The graph's attribute object of relationship e while the index follows the graph it was built from (attach); else undefined. */
  edgeAttributes(e: number): EdgeAttributes | undefined {
    return this.attrs?.edges[e];
  }

  /** Whether any relationship was added since the build (searches then take the general path). */
  get hasExtra(): boolean {
    return this.extra.size > 0;
  }

  /** Follows the graph's changes (see the banner); returns a function that stops following. */
  attach(graph: UnionGraph): () => void {
    this.detachFn?.();
    // Attribute objects are followed only from a fresh build of this graph: nothing can have been missed.
    if (this.builtEdgeAttrs && this.patches === 0 && !this.forceStale) {
      const nodes: Array<NodeAttributes | undefined> = new Array(this.nodeCount);
      for (let u = 0; u < this.nodeCount; u++) nodes[u] = graph.getNodeAttributes(this.nodeKeys[u]);
      this.attrs = { nodes, edges: this.builtEdgeAttrs };
    }
    this.builtEdgeAttrs = null;
    const onNode = ({ key, attributes }: { key: string; attributes: NodeAttributes }) => {
      const u = this.addNode(key);
      if (this.attrs) this.attrs.nodes[u] = attributes;
    };
    const onNodeAttrs = ({ key, attributes }: { key: string; attributes: NodeAttributes }) => {
      const u = this.nodeIdx.get(key);
      if (this.attrs && u !== undefined) this.attrs.nodes[u] = attributes;
    };
    const onEdge = ({ key, source, target, attributes }: { key: string; source: string; target: string; attributes: EdgeAttributes }) => this.addEdge(key, source, target, attributes);
    const onEdgeDrop = ({ key }: { key: string }) => this.flagEdge(key, () => EDGE_DELETED, undefined, undefined);
    const onEdgeAttrs = ({ key, attributes }: { key: string; attributes: EdgeAttributes }) => this.flagEdge(key, (old) => edgeBitsOf(attributes) | (old & EDGE_DELETED), attributes.confidence, attributes);
    const onNodeDrop = ({ key }: { key: string }) => this.dropNode(key);
    const onClear = () => (this.forceStale = true);
    // Changes of every node's or relationship's attributes come without keys: rebuild.
    const onEach = () => {
      this.forceStale = true;
      this.attrs = null;
    };
    const events: Array<[string, (...a: never[]) => void]> = [
      ["nodeAdded", onNode], ["nodeAttributesUpdated", onNodeAttrs], ["edgeAdded", onEdge], ["edgeDropped", onEdgeDrop], ["edgeAttributesUpdated", onEdgeAttrs],
      ["nodeDropped", onNodeDrop], ["cleared", onClear], ["edgesCleared", onClear], ["eachNodeAttributesUpdated", onEach], ["eachEdgeAttributesUpdated", onEach],
    ];
    const emitter = graph as unknown as { on(n: string, f: unknown): void; removeListener(n: string, f: unknown): void };
    for (const [name, fn] of events) emitter.on(name, fn);
    this.detachFn = () => {
      for (const [name, fn] of events) emitter.removeListener(name, fn);
      this.detachFn = null;
      this.attrs = null;
    };
    return this.detachFn;
  }

  /** Stops following the graph. */
  detach(): void {
    this.detachFn?.();
  }

  private addNode(key: string): number {
    const known = this.nodeIdx.get(key);
    if (known !== undefined) return known;
    const u = this.nodeCount++;
    this.nodeKeys.push(key);
    this.nodeIdx.set(key, u);
    const s = this.scratch;
    for (const name of ["markF", "markB", "parF", "parB", "edgeF", "edgeB", "qF", "qB", "seen"] as const) (s[name] as Int32Array | Uint8Array) = grow(s[name], this.nodeCount);
    this.patches++;
    return u;
  }

  private addEdge(key: string, source: string, target: string, attrs: EdgeAttributes): void {
    const e = this.edgeCount++;
    const [s, t] = [this.addNode(source), this.addNode(target)];
    this.edgeKeys.push(key);
    this.edgeBits = grow(this.edgeBits, this.edgeCount);
    this.edgeConf = grow(this.edgeConf, this.edgeCount);
    this.edgeSource = grow(this.edgeSource, this.edgeCount);
    this.edgeTarget = grow(this.edgeTarget, this.edgeCount);
    this.edgeBits[e] = edgeBitsOf(attrs);
    this.edgeConf[e] = attrs.confidence ?? 0;
    this.edgeSource[e] = s;
    this.edgeTarget[e] = t;
    this.edgeIdx?.set(key, e);
    if (this.attrs) this.attrs.edges[e] = attrs;
    for (const end of [s, t]) {
      const list = this.extra.get(end);
      if (list) list.push(e);
      else this.extra.set(end, [e]);
    }
    this.patches++;
  }

  /** Sets a relationship's bits (and confidence); `attributes`: its new attribute object, undefined when it was dropped. */
  private flagEdge(key: string, bits: (old: number) => number, confidence: number | undefined, attributes: EdgeAttributes | undefined): void {
    if (!this.edgeIdx) {
      this.edgeIdx = new Map();
      for (let i = 0; i < this.edgeCount; i++) this.edgeIdx.set(this.edgeKeys[i], i);
    }
    const e = this.edgeIdx.get(key);
    if (e === undefined) return;
    this.setEdgeBits(e, bits(this.edgeBits[e]));
    if (confidence !== undefined) this.edgeConf[e] = confidence;
    if (this.attrs) this.attrs.edges[e] = attributes;
    this.patches++;
  }

  /** Sets relationship e's bits, in edgeBits and in its row slots. */
  private setEdgeBits(e: number, bits: number): void {
    this.edgeBits[e] = bits;
    if (e >= this.rowEdges) return;
    if (!this.edgeSlots) {
      const slots = new Int32Array(2 * this.rowEdges).fill(-1);
      const adjEdge = this.adjEdge;
      for (let k = 0; k < adjEdge.length; k++) {
        const at = 2 * adjEdge[k];
        slots[slots[at] < 0 ? at : at + 1] = k;
      }
      this.edgeSlots = slots;
    }
    this.adjBits[this.edgeSlots[2 * e]] = bits;
    this.adjBits[this.edgeSlots[2 * e + 1]] = bits;
  }

  private dropNode(key: string): void {
    const u = this.nodeIdx.get(key);
    if (u === undefined) return;
    // graphology emits edgeDropped for each attached relationship too; flagging here keeps the index right even without those events.
    this.forEachNeighbour(u, { mask: 0xffff, forbid: EDGE_DELETED }, (_v, e) => this.setEdgeBits(e, this.edgeBits[e] | EDGE_DELETED));
    this.nodeIdx.delete(key);
    if (this.attrs) this.attrs.nodes[u] = undefined;
    this.dropped.add(u);
    this.patches++;
  }
}

/** CSR rows from edge ends: every relationship under both ends, rows sorted by neighbour. */
function buildRows(n: number, src: Int32Array, dst: Int32Array, m: number): { offsets: Int32Array; adjNode: Int32Array; adjEdge: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[src[e] + 1]++;
    offsets[dst[e] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  // First pass in edge order, then a transpose pass: reading rows u = 0..n-1
  // in order and appending u to each neighbour's row leaves rows sorted.
  const fill = offsets.slice(0, n);
  const tmpNode = new Int32Array(2 * m);
  const tmpEdge = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    let p = fill[src[e]]++;
    tmpNode[p] = dst[e];
    tmpEdge[p] = e;
    p = fill[dst[e]]++;
    tmpNode[p] = src[e];
    tmpEdge[p] = e;
  }
  fill.set(offsets.subarray(0, n));
  const adjNode = new Int32Array(2 * m);
  const adjEdge = new Int32Array(2 * m);
  for (let u = 0; u < n; u++) {
    for (let s = offsets[u], end = offsets[u + 1]; s < end; s++) {
      const v = tmpNode[s];
      const p = fill[v]++;
      adjNode[p] = u;
      adjEdge[p] = tmpEdge[s];
    }
  }
  return { offsets, adjNode, adjEdge };
}
