// The run-length offset map and the hand-written whitespace scan checked
// against straightforward references: a per-character map (one start and end
// per character, the representation the runs replace) driven through the
// same random copies and inserts, and the regex the whitespace scan stands
// for. Every character must map to the same original span.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeCombining } from "../../ingest/read/fold.js";
import { collapseWhitespace } from "../../ingest/read/normalize.js";
import { type MappedText, MappedTextBuilder, identityMap, mapReplace, spanToOriginal } from "../../ingest/read/offset-map.js";

/** The reference: a start and an end per character. */
interface CharMap {
  text: string;
  starts: number[];
  ends: number[];
}

/** Random edits of a text: [keep from, keep to, inserted text, its source span length]. */
type Edit = [number, number, string, number];

function applyRuns(mt: MappedText, edits: Edit[]): MappedText {
  const out = new MappedTextBuilder(mt);
  const n = mt.text.length;
  let at = 0;
  for (const [x, y, insert, over] of edits) {
    const from = Math.min(n, at + (x % 7));
    const to = Math.min(n, from + (y % 40));
    out.copy(from, to);
    if (insert && to < n) out.insert(insert, to, Math.min(n, to + 1 + (over % 4)));
    at = Math.min(n, to + 1 + (over % 4));
  }
  return out.build();
}

function applyChars(cm: CharMap, edits: Edit[]): CharMap {
  const out: CharMap = { text: "", starts: [], ends: [] };
  const n = cm.text.length;
  let at = 0;
  for (const [x, y, insert, over] of edits) {
    const from = Math.min(n, at + (x % 7));
    const to = Math.min(n, from + (y % 40));
    for (let i = from; i < to; i++) {
      out.text += cm.text[i];
      out.starts.push(cm.starts[i]!);
      out.ends.push(cm.ends[i]!);
    }
    const end = Math.min(n, to + 1 + (over % 4));
    if (insert && to < n) {
      for (const ch of insert.split("")) {
        out.text += ch;
        out.starts.push(cm.starts[to]!);
        out.ends.push(cm.ends[end - 1]!);
      }
    }
    at = end;
  }
  return out;
}

function expectSameMap(mt: MappedText, cm: CharMap, originalLength: number): void {
  expect(mt.text).toBe(cm.text);
  const n = cm.text.length;
  for (let i = 0; i < n; i++) expect(spanToOriginal(mt, i, i + 1, originalLength)).toEqual([cm.starts[i], cm.ends[i]]);
  for (let i = 0; i <= n; i++) {
    const at = i < n ? cm.starts[i]! : n > 0 ? cm.ends[n - 1]! : originalLength;
    expect(spanToOriginal(mt, i, i, originalLength)).toEqual([at, at]);
  }
  if (n > 1) expect(spanToOriginal(mt, 1, n, originalLength)).toEqual([cm.starts[1], cm.ends[n - 1]]);
}

const edit = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("", " ", "\n\n", "fi", "ffi", "ō", "'"), fc.nat());

describe("the run-length offset map", () => {
  it("maps every character like a per-character map through three rounds of random edits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.array(edit, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), (text, rounds) => {
        let mt = identityMap(text);
        let cm: CharMap = { text, starts: Array.from({ length: text.length }, (_, i) => i), ends: Array.from({ length: text.length }, (_, i) => i + 1) };
        for (const edits of rounds) {
          mt = applyRuns(mt, edits);
          cm = applyChars(cm, edits);
          expectSameMap(mt, cm, text.length);
        }
      }),
    );
  });

  it("maps the empty text to the end of the original", () => {
    expect(spanToOriginal(identityMap(""), 0, 0, 0)).toEqual([0, 0]);
    const emptied = mapReplace(identityMap("   "), / +/g, () => []);
    expect(emptied.text).toBe("");
    expect(spanToOriginal(emptied, 0, 0, 3)).toEqual([3, 3]);
  });
});

// The regex collapseWhitespace's scan stands for, applied the plain way.
const WHITESPACE_RUN = /[\s\u0000-\u0008\u000E-\u001F\u007F]{2,}|[^\S ]|[\u0000-\u0008\u000E-\u001F\u007F]|^ | $/g;

function collapseByRegex(mt: MappedText): MappedText {
  const t = mt.text;
  return mapReplace(mt, WHITESPACE_RUN, (m) => {
    const run = m[0];
    if (m.index === 0 || m.index + run.length === t.length) return [];
    // the heading rule needs no line starting with a capital: these texts have none
    const replacement = /\n[^\n\S]*\n|\f/.test(run.replace(/\r/g, "")) ? "\n\n" : " ";
    return run === replacement ? null : [{ insert: replacement, over: [0, run.length] }];
  });
}

const spaced = fc
  .array(fc.constantFrom("a", "b", "x.", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\f", "\v", "\u0000", "\u0007", "\u001f", "\u007f", "\u0085", "\u00a0", "\u2009", "\u2028", "\u3000", "\ufeff", "\u200b"), { maxLength: 60 })
  .map((parts) => parts.join(""));

describe("the whitespace scan", () => {
  it("rewrites exactly what the whitespace regex matches", () => {
    fc.assert(
      fc.property(spaced, (text) => {
        const mine = collapseWhitespace(identityMap(text));
        const reference = collapseByRegex(identityMap(text));
        expect(mine.text).toBe(reference.text);
        for (let i = 0; i < mine.text.length; i++) expect(spanToOriginal(mine, i, i + 1, text.length)).toEqual(spanToOriginal(reference, i, i + 1, text.length));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the combining-mark check", () => {
  it("composes marks wherever they stand and leaves texts without marks untouched", () => {
    const marks = fc.array(fc.constantFrom("o", "e", "–", "’", "日本", "\u0304", "\u0301", "\u{1D165}", "\u{1F91D}", " "), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(marks, (text) => {
        const mt = identityMap(text);
        const composed = composeCombining(mt);
        if (!/\p{M}/u.test(text)) expect(composed).toBe(mt);
        else expect(composed.text).toBe(text.replace(/\P{M}\p{M}+/gu, (c) => c.normalize("NFC")));
      }),
      { numRuns: 500 },
    );
  });
});
