// `unionties stats` on a store persisted in a temporary folder: --json is
// what computeStats (GET /api/stats) answers for the same top N, the text
// gives the counts, both rankings with names, whether betweenness is exact
// or sampled, and the largest communities; a bad --top is a usage error.
import { describe, expect, it } from "vitest";
import { computeStats } from "../../api/stats.js";
import type { Stats } from "../../api/schemas/graph.js";
import { UsageError } from "../../cli/args.js";
import { command as stats, formatStats } from "../../cli/commands/stats.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { useSeededCli } from "./cli-fixtures.js";

const cli = useSeededCli("unionties-cli-stats-");

describe("unionties stats", () => {
  it("prints with --json exactly what computeStats answers on the same store", async () => {
    cli.capture();
    expect(await stats.run(["--top", "7", "--json", "--data", cli.dir])).toBe(0);
    const printedStats = JSON.parse(cli.printed.join("")) as Stats;
    const store = new MemoryStore({ dir: cli.dir });
    await store.open();
    expect(printedStats).toEqual(await computeStats(store, 7));
    await store.close();
    expect(printedStats.degree).toHaveLength(7);
  });

  it("prints the counts, both rankings with names, exact betweenness on the seeds, and the largest communities", async () => {
    cli.capture();
    expect(await stats.run(["--top", "3", "--data", cli.dir])).toBe(0);
    const text = cli.printed.join("");
    const store = new MemoryStore({ dir: cli.dir });
    await store.open();
    const expected = await computeStats(store, 3);
    await store.close();
    expect(text).toContain(`${expected.counts.nodes} nodes, ${expected.counts.relationships} relationships, ${expected.counts.documents} documents\n`);
    expect(text).toContain(`betweenness centrality (top 3; exact):\n`);
    // Each ranking's lines, in order: rank, id, name, value.
    for (const list of [expected.degree, expected.betweenness]) {
      const at = list.map((r, i) => text.search(new RegExp(`\\n\\s+${i + 1}\\. ${r.id}\\s+${r.name.replace(/[()]/g, "\\$&")}\\s+${r.value}\\n`)));
      expect(at.every((i) => i >= 0), JSON.stringify(list)).toBe(true);
    }
    expect(text).toContain(`${expected.communities.count} communities (Louvain, modularity ${expected.communities.modularity}):\n`);
    expect(text).toContain(`1. ${expected.communities.groups[0].size} members: ${expected.communities.groups[0].members.join(", ")}`);
    expect(text).toMatch(new RegExp(`… ${expected.communities.groups.length - 3} smaller communities`));
  });

  it("says when betweenness is estimated from a sample of sources", () => {
    const sampled: Stats = {
      counts: { nodes: 100_000, relationships: 999_900, documents: 0, byKind: { union: 100_000 }, byType: { TIE: 999_900 } },
      degree: [{ id: "o11", name: "Organisation 11", value: 0.017 }],
      betweenness: [{ id: "o11", name: "Organisation 11", value: 0.043 }],
      betweennessSources: 32,
      communities: { count: 1, modularity: 0, groups: [{ id: 0, size: 100_000, members: ["o11"] }] },
    };
    const text = formatStats(sampled, 1);
    expect(text).toContain("betweenness centrality (top 1; estimated from 32 sampled sources):");
    expect(text).toContain("1. 100000 members: o11, …");
  });

  it("rejects a --top outside 1 to 100 as a usage error", async () => {
    await expect(stats.run(["--top", "0", "--data", cli.dir])).rejects.toThrow(UsageError);
    await expect(stats.run(["--top", "101", "--data", cli.dir])).rejects.toThrow(UsageError);
  });
});
