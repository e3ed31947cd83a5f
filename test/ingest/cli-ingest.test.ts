// `unionties ingest` as a command: a report per document on stdout, the failed
// file named with its reason on stderr, exit code 1 when any document failed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { command } from "../../cli/commands/ingest.js";
import { main } from "../../cli/main.js";
import { graphFingerprint } from "../../graph/canonical.js";
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

  it("takes --workers: two threads write the same graph as one, and a count below 1 is a usage error", async () => {
    const docs = tempDir();
    for (let i = 0; i < 4; i++) writeFileSync(join(docs, `doc-${i}.txt`), `Zenroren has contacts with the KCTU. Rengo${i ? " is a member of the ITUC" : " funds the APLN"}.`);
    const fingerprints: string[] = [];
    for (const workers of ["1", "2"]) {
      const data = tempDir();
      const out: string[] = [];
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
      const code = await command.run([docs, "--data", data, "--no-review", "--workers", workers, "--json"]);
      vi.restoreAllMocks();
      expect(code).toBe(0);
      expect(JSON.parse(out.join("").slice(out.join("").indexOf("{"))).workers).toBe(Number(workers));
      const store = new MemoryStore({ dir: data });
      await store.open();
      fingerprints.push(graphFingerprint(await store.exportGraph()));
      await store.close();
    }
    expect(fingerprints[1]).toBe(fingerprints[0]);
    const err: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
    expect(await main(["ingest", docs, "--data", tempDir(), "--workers", "0"])).toBe(2);
    vi.restoreAllMocks();
    expect(err.join("")).toMatch(/--workers must be a whole number from 1 to 64/);
  });
});
