// The snapshot's bulk reads of graph.json (graph/memory-snapshot-scan.ts):
// whatever the window size and the order of the items asked for, each text
// is parsed from exactly its bytes and comes with the byte after it, and
// items come back in graph.json's order by where their texts start.
import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../graph/figure/layout.js";
import { fileOrder, scanSpans } from "../../graph/memory-snapshot-scan.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-snapshot-scan-");

/** A file of JSON texts with other bytes between them (multi-byte ones too), and where each text lies. */
function textsFile(count: number): { file: string; values: unknown[]; spans: Float64Array; bytes: Buffer } {
  const random = seededRandom(3);
  const values: unknown[] = [];
  const pieces: Buffer[] = [];
  const spans = new Float64Array(2 * count);
  let at = 0;
  const put = (b: Buffer) => {
    pieces.push(b);
    at += b.length;
  };
  for (let i = 0; i < count; i++) {
    put(Buffer.from(i % 3 === 0 ? ',"undirected":true}' : i % 3 === 1 ? "}" : "—ü—"));
    const value = { i, name: `Rōdō “${i}”`, list: Array.from({ length: Math.floor(random() * 6) }, (_, k) => k * i), nested: { ok: random() < 0.5 } };
    values.push(value);
    spans[2 * i] = at;
    put(Buffer.from(JSON.stringify(value)));
    spans[2 * i + 1] = at;
  }
  // The last text ends the file: nothing follows it.
  const bytes = Buffer.concat(pieces);
  const file = join(tempDir(), "texts.json");
  writeFileSync(file, bytes);
  return { file, values, spans, bytes };
}

describe("snapshot scans of graph.json", () => {
  it("parses each item's text and the byte after it, for any window and any order of items", () => {
    const count = 200;
    const { file, values, spans, bytes } = textsFile(count);
    const random = seededRandom(9);
    const ascending = Array.from({ length: count }, (_, i) => i);
    const orders = [
      ascending,
      [...ascending].reverse(),
      ascending.filter(() => random() < 0.2),
      Array.from({ length: 300 }, () => Math.floor(random() * count)),
      [count - 1, 0, count - 1],
    ];
    const fd = openSync(file, "r");
    try {
      for (const windowBytes of [1, 7, 64, 500, 1 << 20]) {
        for (const items of orders) {
          const seen: Array<[number, unknown, number]> = [];
          scanSpans(fd, spans, items, (i, value, next) => seen.push([i, value, next]), windowBytes);
          const expected = items.map((i) => [i, values[i], spans[2 * i + 1] < bytes.length ? bytes[spans[2 * i + 1]] : -1]);
          expect(seen).toEqual(expected);
        }
      }
    } finally {
      closeSync(fd);
    }
  });

  it("puts items in the order of where their texts start", () => {
    const spans = new Float64Array([50, 60, 0, 10, 30, 40, 10, 20]);
    expect([...fileOrder(spans)]).toEqual([1, 3, 2, 0]);
    expect([...fileOrder(new Float64Array([0, 5, 5, 9, 9, 12]))]).toEqual([0, 1, 2]);
    expect([...fileOrder(new Float64Array(0))]).toEqual([]);
  });
});
