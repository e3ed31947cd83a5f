// The cue gate's second list (`also`): a cue's pattern is skipped in a
// sentence that holds none of its `also` strings, which is only right if
// every match of the pattern contains one of them. Checked on the seed
// papers as sentence skeletons (lower case, one space between words) and on
// generated word sequences built from the cues' own keys and `also` strings.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUES } from "../../ingest/extract/cues.js";

const SEEDS = join(import.meta.dirname, "../../seeds");
const gated = CUES.filter((c) => c.also?.length);

/** Matches of `cue` in `text` that contain none of its `also` strings. */
function uncovered(cue: (typeof CUES)[number], text: string): string[] {
  const re = new RegExp(cue.re.source, cue.re.flags.includes("g") ? cue.re.flags : `${cue.re.flags}g`);
  const out: string[] = [];
  for (const m of text.matchAll(re)) if (m[0] && !cue.also!.some((s) => m[0].includes(s))) out.push(m[0]);
  return out;
}

/** Words the generated sentences are made of: every key and `also` string of every cue, entities, and common glue. */
const WORDS = [
  ...new Set([
    ...CUES.flatMap((c) => [...c.keys, ...(c.also ?? [])]).flatMap((s) => s.trim().split(/\s+/)),
    ...["ENT", "with", "to", "between", "and", "of", "the", "a", "no", "not", "its", "strong", "close", "ties", "from", "by", "in", "on", "for", "against", "through", "closely", "together"],
  ]),
].filter(Boolean);

describe("the cues' also lists", () => {
  it("exist for some cues (otherwise this file checks nothing)", () => {
    expect(gated.length).toBeGreaterThan(5);
  });

  it("are contained in every match of their pattern in the seed papers", () => {
    const texts = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(SEEDS, f), "utf8").toLowerCase().replace(/\s+/g, " "));
    expect(texts.length).toBeGreaterThan(0);
    for (const cue of gated) for (const text of texts) expect(uncovered(cue, text), cue.name).toEqual([]);
  });

  it("are contained in every match of their pattern in generated sentences of cue words", () => {
    const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 14 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(sentence, (text) => {
        for (const cue of gated) expect(uncovered(cue, text), `${cue.name}: ${text}`).toEqual([]);
      }),
      { numRuns: 20_000 },
    );
  });
});
