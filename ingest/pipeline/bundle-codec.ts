// Making a bundle cheaper to send from a worker to the main thread. Every
// evidence item repeats its document id and a quote that is a slice of the
// bundle's text; a worker blanks both (the keys stay, so the rebuilt items
// have their keys in the same order) and the main thread puts them back.
// That cuts the structured clone of a 512 KB document from ~3 MB to ~1.9 MB
// and its cost on the main thread by about half. Better still, the worker
// sends the rest of the bundle as one JSON string beside its text: the main
// thread's JSON.parse costs about half of a structured clone's deserializing
// (and the items it makes take the quotes back faster), and the worker, not
// the main thread, pays for the stringify. JSON is used only when it gives
// back exactly what a structured clone would (plain objects and arrays,
// strings, booleans, null, finite numbers other than -0, no undefined). A
// bundle whose evidence does not match its text is sent as it is, so
// validation still sees it.
import type { DocumentBundle } from "../../graph/types.js";
import type { PreparedBundle } from "./prepare.js";

/** A prepared bundle as a worker sends it: the text, and the rest as JSON (ids, quotes and the text null). */
export interface EncodedBundle {
  kind: "encoded";
  json: string;
  text: string;
  newIds: string[];
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
 * True when JSON.parse(JSON.stringify(value)) equals a structured clone of it,
 * keys in the same order: plain objects and arrays, each met once (a clone
 * keeps an object that is referenced twice as one object, JSON makes two),
 * holding strings, booleans, null and finite numbers other than -0.
 */
export function jsonExact(value: unknown, seen: Set<object> = new Set()): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      const before = seen.size;
      if (seen.add(value).size === before) return false; // met before
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!(i in value) || !leafOrExact(value[i], seen)) return false;
        return Object.keys(value).length === value.length;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      const record = value as Record<string, unknown>;
      for (const k in record) if (k === "__proto__" || !leafOrExact(record[k], seen)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** jsonExact, with strings and numbers answered without a call (most values of a bundle are). */
function leafOrExact(value: unknown, seen: Set<object>): boolean {
  if (typeof value === "string") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  return jsonExact(value, seen);
}

/**
 * Encodes a prepared bundle for the main thread, blanking its evidence ids,
 * quotes and text in place (the worker drops it after sending).
 * @returns null, the bundle untouched, when JSON would not give it back exactly
 */
export function encodeBundle(prepared: PreparedBundle): EncodedBundle | null {
  const { bundle, newIds } = prepared;
  if (!evidenceMatches(bundle) || !jsonExact(bundle)) return null;
  for (const r of bundle.relationships)
    for (const e of r.attributes.evidence) {
      (e as { document: string | null }).document = null;
      (e as { quote: string | null }).quote = null;
    }
  const text = bundle.text;
  (bundle as { text: string | null }).text = null;
  return { kind: "encoded", json: JSON.stringify(bundle), text, newIds };
}

/** The prepared bundle an encoded one stands for, on the main thread. */
export function decodeBundle(encoded: EncodedBundle): PreparedBundle {
  const bundle = JSON.parse(encoded.json) as DocumentBundle;
  bundle.text = encoded.text;
  unpackBundle(bundle);
  return { kind: "bundle", bundle, newIds: encoded.newIds };
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
