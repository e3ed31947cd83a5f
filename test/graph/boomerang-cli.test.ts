// `unionties boomerang`: the text report (legs with ✓ / ✗, quotes, missing
// legs named), --json, name resolution for --org, exit codes and misuse,
// on a store persisted in a temporary folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { command, formatBoomerang } from "../../cli/commands/boomerang.js";
import { UsageError } from "../../cli/args.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { BoomerangResult } from "../../graph/algorithms/boomerang.js";
import { BASE_NODES, BASE_RELS, buildGraph } from "./boomerang-graph.js";

let dir: string;
let printed: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "unionties-boomerang-cli-"));
  const store = new MemoryStore({ dir });
  await store.open();
  const thai = { id: "union-t", kind: "union" as const, country: "TH" };
  const noTie = { type: "TIE" as const, source: "ngo-a", target: "union-t", polarity: "absent" as const, quote: "no ties with Thai unions" };
  await store.importGraph(buildGraph([...BASE_NODES, thai], [BASE_RELS.block, BASE_RELS.reach, BASE_RELS.pressure, noTie]));
  await store.close();
});

function capture() {
  printed = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
}
afterEach(() => vi.restoreAllMocks());

describe("unionties boomerang", () => {
  it("prints each chain with its legs, quotes and missing legs, and exits 1 without a complete chain", async () => {
    capture();
    const code = await command.run(["--state", "JP", "--data", dir, "--store", "memory"]);
    const out = printed.join("");
    expect(code).toBe(1);
    expect(out).toContain("boomerang chains for JP: 0 complete, 2 broken");
    expect(out).toContain("1. BROKEN at boomerang  NGO-A → UNION-K → GOV-KR");
    expect(out).toContain("   ✓  block (blocked by its state): MOJ blocks NGO-A");
    expect(out).toContain("“the Ministry of Justice refused to hear NGO-A” — doc [0–");
    expect(out).toContain("   ✗ missing  boomerang (pressure back on the state)");
    expect(out).toContain("   missing: pressure back on the state");
    expect(out).toContain("   ✗ absent  reach (reach across the border): the text states that NGO-A has no tie with UNION-T (TH)");
    expect(out).toContain("“no ties with Thai unions”");
  });

  it("resolves --org by name and prints the result as JSON with --json", async () => {
    capture();
    const code = await command.run(["--org", "NGO-A", "--json", "--data", dir, "--store", "memory", "--max-hops", "1"]);
    const result = JSON.parse(printed.join("")) as BoomerangResult;
    expect(code).toBe(1);
    expect(result.query).toEqual({ state: "JP", org: "ngo-a" });
    expect(result.instances.map((i) => i.id)).toEqual(["ngo-a>union-k>gov-kr", "ngo-a#reach-absent"]);
  });

  it("exits 0 when a complete chain exists", async () => {
    const complete = new MemoryStore({ dir: mkdtempSync(join(tmpdir(), "unionties-boomerang-cli-")) });
    await complete.importGraph(buildGraph(BASE_NODES, Object.values(BASE_RELS)));
    capture();
    expect(await command.run(["--state", "jp", "--complete", "--data", complete.options.dir!, "--store", "memory"])).toBe(0);
    expect(printed.join("")).toContain("1. COMPLETE  NGO-A → UNION-K → GOV-KR → GOV-JP");
  });

  it("refuses a call without --state or --org, a malformed state and a stray argument", async () => {
    await expect(command.run(["--data", dir])).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(["--state", "Japan", "--data", dir])).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(["JP", "--data", dir])).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(["--org", "nobody", "--data", dir, "--store", "memory"])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("formats an empty result with its note", () => {
    const text = formatBoomerang({ query: { state: "JP", org: null }, instances: [], summary: { complete: 0, partial: 0 }, truncated: false, notes: ["no organisation of JP is blocked or reaches across the border"] });
    expect(text).toBe("boomerang chains for JP: 0 complete, 0 broken\n  note: no organisation of JP is blocked or reaches across the border");
  });
});
