// Making a bundle cheaper to send from a worker to the main thread. A 512 KB
// document's bundle holds ~12,000 objects (~2,600 relationships, ~3,600
// evidence items) and ~3,600 quotes that are slices of its text. A worker
// flattens it into columns: one code per value in an Int32Array (a tag, or a
// string's index), numbers in a Float64Array, each distinct short string
// once, each object's keys once per distinct key list (a "shape"), and a
// quote that is the text at its item's start and end as a mark. The two
// arrays are transferred, not copied, and the main thread builds the objects
// directly, keys in the order they had. Against sending the bundle as JSON
// beside its text (checked by a walk of its own, then JSON.parse and the
// quotes put back), per 512 KB document, same-run alternating harness:
// worker ~0.5x (encode and post ~10 -> ~5 ms), main thread ~0.25x (receive
// and decode ~8 -> ~2 ms, of which ~0.9 ms is receiving the text).
//
// What the main thread builds is what a structured clone gives: the same own
// keys in the same order, the same values (numbers travel as float64, so -0,
// NaN and the infinities too; undefined has its code), arrays of the same
// length. Whatever the columns cannot say exactly (objects that are not
// plain, arrays with holes or extra keys, an object met twice, a key
// "__proto__", a bigint, a symbol, a function) makes the worker send the
// bundle as before: packed (evidence ids and quotes blanked, the keys kept)
// and cloned.
import type { DocumentBundle } from "../../graph/types.js";
import type { PreparedBundle } from "./prepare.js";

/** A prepared bundle as a worker sends it (see the header; `codes` and `numbers` are transferred). */
export interface EncodedBundle {
  kind: "encoded";
  codes: Int32Array;
  numbers: Float64Array;
  strings: string[];
  /** Each shape's keys, in order. */
  shapes: string[][];
  text: string;
  newIds: string[];
}

// The codes of values. A code from STRING up is the string strings[code - STRING].
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const UNDEFINED = 3;
/** The next number. */
const NUMBER = 4;
/** The bundle's text. */
const TEXT = 5;
/** text.slice of the next two numbers (an evidence quote). */
const QUOTE = 6;
/** Followed by the length, then each element. */
const ARRAY = 7;
/** Followed by the shape, then the value of each of its keys. */
const OBJECT = 8;
const STRING = 9;

/** Strings up to this length are sent once however often they occur (ids, types, cues); longer ones each time. */
const SHORT = 64;

/**
 * A node of the tree of key lists met so far: the keys from the root to it,
 * and a shape id once an object had exactly them. Each node remembers the last
 * key it was followed by, so objects of the shape met last cost no lookups,
 * and the last string its own key had, with its code (document ids, types,
 * polarities and origins repeat), so a string met again there costs no lookup.
 */
interface ShapeNode {
  keys: string[];
  id: number;
  next: Map<string, ShapeNode>;
  lastKey: string | undefined;
  lastNext: ShapeNode | undefined;
  lastString: string | undefined;
  lastCode: number;
}

function shapeNode(keys: string[]): ShapeNode {
  return { keys, id: -1, next: new Map(), lastKey: undefined, lastNext: undefined, lastString: undefined, lastCode: 0 };
}

/**
 * An object met twice must go by clone, which keeps it one object. Meeting
 * one again means meeting again everything in it, down to objects and arrays
 * that hold none (evidence items, alias lists): only those are checked, a
 * third of the ~12,000 objects of a 512 KB document. Such an object is
 * marked with the number of the encoding under a symbol key (neither cloned
 * nor listed by Object.keys or for-in), which costs less than adding it to a
 * Set; such an array goes in a Set (~500 of them), as a node's alias list is
 * the codebook's own, which the worker keeps. (An object inside itself
 * recurses until the stack overflows: encodeBundle answers null.)
 */
const MET = Symbol("bundle codec: met");
let encodings = 0;

type Marked = { [MET]?: number };

/** Flattens one bundle; `value` answers false when the columns cannot say exactly what a clone would. */
class BundleWriter {
  codes: Int32Array;
  count = 0;
  numbers: Float64Array;
  numberCount = 0;
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  readonly shapes: string[][] = [];
  private readonly shapeRoot = shapeNode([]);
  private readonly epoch = ++encodings;
  private readonly arraysMet = new Set<unknown[]>();
  /** Objects and arrays entered so far: unchanged by walking one's values when it holds none. */
  private containers = 0;
  private lastQuote: string | undefined;
  private lastStart = 0;
  private lastEnd = 0;

  constructor(private readonly text: string) {
    // a 512 KB document takes ~68,000 codes and ~22,000 numbers
    this.codes = new Int32Array(1024 + (text.length >> 2));
    this.numbers = new Float64Array(1024 + (text.length >> 4));
  }

  private code(c: number): void {
    if (this.count === this.codes.length) {
      const more = new Int32Array(this.count * 2);
      more.set(this.codes);
      this.codes = more;
    }
    this.codes[this.count++] = c;
  }

  private number(n: number): void {
    if (this.numberCount === this.numbers.length) {
      const more = new Float64Array(this.numberCount * 2);
      more.set(this.numbers);
      this.numbers = more;
    }
    this.numbers[this.numberCount++] = n;
  }

  /** Writes a string's code and answers it. */
  private string(s: string): number {
    let c: number;
    if (s.length <= SHORT) {
      let id = this.stringIds.get(s);
      if (id === undefined) {
        id = this.strings.push(s) - 1;
        this.stringIds.set(s, id);
      }
      c = STRING + id;
    } else if (s === this.text) c = TEXT;
    else c = STRING + this.strings.push(s) - 1;
    this.code(c);
    return c;
  }

  value(v: unknown): boolean {
    switch (typeof v) {
      case "string":
        this.string(v);
        return true;
      case "number":
        this.code(NUMBER);
        this.number(v);
        return true;
      case "boolean":
        this.code(v ? TRUE : FALSE);
        return true;
      case "undefined":
        this.code(UNDEFINED);
        return true;
      case "object":
        if (v === null) {
          this.code(NULL);
          return true;
        }
        return Array.isArray(v) ? this.array(v) : this.object(v as Record<string, unknown>);
      default:
        return false;
    }
  }

  /** False for an object (that holds none) met before in this encoding; marks it met. */
  private firstMeeting(o: Record<string, unknown>): boolean {
    const m = o as Marked;
    if (m[MET] === this.epoch) return false;
    m[MET] = this.epoch; // throws for a frozen object: encodeBundle answers null
    return true;
  }

  private array(a: unknown[]): boolean {
    if (Object.getPrototypeOf(a) !== Array.prototype) return false;
    const inside = ++this.containers;
    const n = a.length;
    this.code(ARRAY);
    this.code(n);
    for (let i = 0; i < n; i++) if (!this.value(a[i])) return false;
    if (this.containers === inside) {
      const before = this.arraysMet.size;
      if (this.arraysMet.add(a).size === before) return false; // met before
    }
    // Own keys list indices first, ascending: n keys, the last of them n - 1,
    // are every index and nothing else (a hole, read above through the
    // prototype, or a key besides the indices would be cloned as it is).
    const keys = Object.keys(a);
    return keys.length === n && (n === 0 || keys[n - 1] === String(n - 1));
  }

  /** An object's keys, as for-in lists them: its own (Object.prototype has none enumerable: see encodeBundle). */
  private object(o: Record<string, unknown>): boolean {
    if (Object.getPrototypeOf(o) !== Object.prototype) return false;
    const inside = ++this.containers;
    this.code(OBJECT);
    const shapeAt = this.count;
    this.code(0);
    let node = this.shapeRoot;
    for (const k in o) {
      let next = node.lastKey === k ? node.lastNext : node.next.get(k);
      if (!next) {
        if (k === "__proto__") return false; // setting it on the main thread would set the prototype
        next = shapeNode([...node.keys, k]);
        node.next.set(k, next);
      }
      node.lastKey = k;
      node.lastNext = next;
      node = next;
      const v = o[k];
      if (typeof v === "string") {
        if (k === "quote" && this.isQuote(o, v)) {
          this.code(QUOTE);
          this.number(o.start as number);
          this.number(o.end as number);
        } else if (v === node.lastString) this.code(node.lastCode);
        else {
          node.lastCode = this.string(v);
          node.lastString = v;
        }
      } else if (!this.value(v)) return false;
    }
    if (this.containers === inside && !this.firstMeeting(o)) return false;
    if (node.id < 0) node.id = this.shapes.push(node.keys) - 1;
    this.codes[shapeAt] = node.id;
    return true;
  }

  /**
   * True when `quote` is text.slice(start, end) of the object's start and end,
   * which travel as numbers: the main thread slices the same. (A fresh slice
   * compares ~5x faster than startsWith.) The relationships of one sentence
   * share its quote, and a quarter of the items follow one of the same span:
   * the last quote found is compared first.
   */
  private isQuote(o: Record<string, unknown>, quote: string): boolean {
    const { start, end } = o;
    if (typeof start !== "number" || typeof end !== "number") return false;
    if (quote === this.lastQuote && start === this.lastStart && end === this.lastEnd) return true;
    if (quote !== this.text.slice(start, end)) return false;
    this.lastQuote = quote;
    this.lastStart = start;
    this.lastEnd = end;
    return true;
  }
}

/** True when some property of `o` is enumerable (for-in would list it on every object inheriting from it). */
function hasEnumerable(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * Encodes a prepared bundle for the main thread, leaving its keys and values
 * as they are (some of its objects get a symbol-keyed mark: see MET).
 * @returns null when the columns would not give it back exactly (send it packed then)
 */
export function encodeBundle(prepared: PreparedBundle): EncodedBundle | null {
  const { bundle, newIds } = prepared;
  const text = bundle.text;
  if (typeof text !== "string" || hasEnumerable(Object.prototype)) return null;
  const writer = new BundleWriter(text);
  try {
    if (!writer.value(bundle)) return null;
  } catch {
    return null; // a getter that throws, or nesting too deep: the clone may manage (or fail as it always did)
  }
  return {
    kind: "encoded",
    codes: writer.codes.subarray(0, writer.count),
    numbers: writer.numbers.subarray(0, writer.numberCount),
    strings: writer.strings,
    shapes: writer.shapes,
    text,
    newIds,
  };
}

/** What postMessage should transfer rather than copy for an encoded bundle. */
export function transferOf(encoded: EncodedBundle): ArrayBuffer[] {
  return [encoded.codes.buffer as ArrayBuffer, encoded.numbers.buffer as ArrayBuffer];
}

/** Makes one object of a shape, reading its values in order. */
type ObjectMaker = (reader: BundleReader) => Record<string, unknown>;

/**
 * The makers compiled so far, by their shape's keys (null: none could be).
 * A maker returns an object literal with the shape's keys: a literal makes
 * the object with its keys in place at once, where adding keys one by one
 * costs a lookup each. That halves the main thread's decoding (median
 * 0.45x, ~1 ms less per 512 KB document). Shapes recur from document to
 * document, so each is compiled once per process, up to MAX_MAKERS shapes;
 * past that, or where Node may not compile code from strings
 * (--disallow-code-generation-from-strings), objects are made key by key.
 */
const makers = new Map<string, ObjectMaker | null>();
const MAX_MAKERS = 1000;

function makerOf(keys: string[]): ObjectMaker | null {
  const id = JSON.stringify(keys);
  let maker = makers.get(id);
  if (maker !== undefined) return maker;
  if (makers.size >= MAX_MAKERS) return null;
  // Each key as a string literal (JSON's are JavaScript's); never "__proto__", which encodeBundle refuses.
  const body = `return { ${keys.map((k) => `${JSON.stringify(k)}: reader.read()`).join(", ")} };`;
  try {
    maker = new Function("reader", body) as ObjectMaker;
  } catch {
    maker = null;
  }
  makers.set(id, maker);
  return maker;
}

/** Builds the values an encoded bundle's columns describe. */
class BundleReader {
  private at = 0;
  private numberAt = 0;
  private readonly codes: Int32Array;
  private readonly numbers: Float64Array;
  private readonly strings: string[];
  private readonly shapes: string[][];
  private readonly makers: Array<ObjectMaker | null>;
  private readonly text: string;

  constructor(encoded: EncodedBundle) {
    ({ codes: this.codes, numbers: this.numbers, strings: this.strings, shapes: this.shapes, text: this.text } = encoded);
    this.makers = this.shapes.map(makerOf);
  }

  read(): unknown {
    const c = this.codes[this.at++];
    if (c >= STRING) return this.strings[c - STRING];
    switch (c) {
      case NUMBER:
        return this.numbers[this.numberAt++];
      case OBJECT: {
        const shape = this.codes[this.at++];
        const maker = this.makers[shape];
        if (maker) return maker(this);
        const keys = this.shapes[shape];
        const o: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) o[keys[i]] = this.read();
        return o;
      }
      case QUOTE: {
        const start = this.numbers[this.numberAt++];
        return this.text.slice(start, this.numbers[this.numberAt++]);
      }
      case ARRAY: {
        const n = this.codes[this.at++];
        const a: unknown[] = [];
        for (let i = 0; i < n; i++) a.push(this.read());
        return a;
      }
      case TEXT:
        return this.text;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case UNDEFINED:
        return undefined;
      default:
        throw new Error(`bundle codec: unknown code ${c}`);
    }
  }
}

/** The prepared bundle an encoded one stands for, on the main thread. */
export function decodeBundle(encoded: EncodedBundle): PreparedBundle {
  const bundle = new BundleReader(encoded).read() as DocumentBundle;
  return { kind: "bundle", bundle, newIds: encoded.newIds };
}

/** True when every evidence item names the bundle's document and quotes its text at its span. */
function evidenceMatches(bundle: DocumentBundle): boolean {
  const id = bundle.document.id;
  const text = bundle.text;
  for (const r of bundle.relationships)
    for (const e of r.attributes.evidence)
      if (e.document !== id || typeof e.quote !== "string" || e.quote !== text.slice(e.start, e.end)) return false;
  return true;
}

/**
 * Blanks what the main thread can rebuild, in place (the worker drops the
 * bundle after sending it).
 * @returns true when it did; false leaves the bundle untouched
 */
export function packBundle(bundle: DocumentBundle): boolean {
  if (!evidenceMatches(bundle)) return false;
  for (const r of bundle.relationships)
    for (const e of r.attributes.evidence) {
      (e as { document?: string }).document = undefined;
      (e as { quote?: string }).quote = undefined;
    }
  return true;
}

/** Puts back what packBundle blanked, in place. */
export function unpackBundle(bundle: DocumentBundle): void {
  const id = bundle.document.id;
  const text = bundle.text;
  for (const r of bundle.relationships)
    for (const e of r.attributes.evidence) {
      e.document = id;
      e.quote = text.slice(e.start, e.end);
    }
}
