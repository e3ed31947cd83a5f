// `npm run bench` / `unionties bench`: which scripts count as benchmarks, the
// summary combining their tables, and a misnamed benchmark as a usage error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { command } from "../../cli/commands/bench.js";
import { listBenchmarks, writeSummary } from "../../bench/lib/run-benchmarks.js";

const dir = mkdtempSync(join(tmpdir(), "unionties-bench-summary-"));
beforeAll(() => {
  process.env.BENCH_RESULTS = dir;
});
afterAll(() => {
  delete process.env.BENCH_RESULTS;
  rmSync(dir, { recursive: true, force: true });
});

describe("the benchmark runner", () => {
  it("lists every bench script except run-all, path and store first", () => {
    const names = listBenchmarks();
    expect(names.slice(0, 2)).toEqual(["path", "store"]);
    expect(names).not.toContain("run-all");
    expect(names.every((n) => /^[a-z0-9-]+$/.test(n))).toBe(true);
  });

  it("writes a summary with each run's outcome and every benchmark's latest table", () => {
    writeFileSync(join(dir, "path.md"), "### Shortest path\n\n| a |\n| --- |\n| 1 |\n");
    const file = writeSummary([{ name: "path", exitCode: 0, seconds: 1.5 }, { name: "store", exitCode: 3, seconds: 2 }]);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("| path | ok | 1.50 |");
    expect(text).toContain("| store | failed (exit 3) | 2 |");
    expect(text).toContain("### path: Shortest path");
    expect(text).toContain("### store\n\n_no result yet_");
  });

  it("refuses an unknown benchmark name before running anything", async () => {
    await expect(command.run(["nosuchbench"])).rejects.toMatchObject({ code: "USAGE" });
  });

  it("prints the benchmark names with --list", async () => {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
    expect(await command.run(["--list"])).toBe(0);
    vi.restoreAllMocks();
    expect(out.trim().split("\n")).toEqual(listBenchmarks());
  });
});
