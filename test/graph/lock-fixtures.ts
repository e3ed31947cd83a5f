// Documents and helpers shared by memory-lock.test.ts and its child writer
// (lock-writer-child.ts): small distinct documents that all add evidence to
// the same relationship, so a lost write shows as a missing document and a
// short evidence list.
import { makeBundle } from "./store-fixtures.js";
import type { DocumentBundle } from "../../graph/types.js";

/** The relationship every lock document gives evidence for. */
export const SHARED_TIE = "TIE:kctu:rengo";

/** Document `<prefix>-<i>`: its own text, one piece of evidence for SHARED_TIE. */
export function lockDocument(prefix: string, i: number): DocumentBundle {
  const text = `Report ${prefix} number ${i}. Rengō maintains strong ties with the KCTU.`;
  return makeBundle(`${prefix}-${i}`, text, { rengo: 1, kctu: 1 }, [["TIE", "rengo", "kctu", "Rengō maintains strong ties with the KCTU", { strength: "strong", confidence: 0.9 }]]);
}
