// `unionties ingest` as a command: a report per document on stdout, the failed
// file named with its reason on stderr, exit code 1 when any document failed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { command } from "../../cli/commands/ingest.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { tempDir } from "./helpers.js";

describe("unionties ingest", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints a report, names the failed file and exits 1", async () => {
    const docs = tempDir();
    const data = tempDir();
    writeFileSync(join(docs, "good.txt"), "Zenroren has contacts with the KCTU.");
    writeFileSync(join(docs, "empty.txt"), "");
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
    const code = await command.run([docs, "--data", data, "--no-review"]);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(out.join("")).toMatch(/good\.txt: created, 1 relationship\(s\) — TIE 1/);
    expect(err.join("")).toMatch(/empty\.txt: the file is empty/);
    const store = new MemoryStore({ dir: data });
    await store.open();
    expect((await store.listDocuments()).map((d) => d.id)).toEqual(["good"]);
  });

  it("exits 0 and reports unchanged documents on a second run", async () => {
    const docs = tempDir();
    const data = tempDir();
    writeFileSync(join(docs, "good.txt"), "Zenroren has contacts with the KCTU.");
    const out: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    expect(await command.run([docs, "--data", data, "--no-review"])).toBe(0);
    expect(await command.run([docs, "--data", data, "--no-review", "--json"])).toBe(0);
    vi.restoreAllMocks();
    const json = JSON.parse(out.join("").slice(out.join("").indexOf("{")));
    expect(json.documents[0].status).toBe("unchanged");
  });
});
