// `unionties stats`: the network statistics GET /api/stats gives (api/stats.ts
// computeStats), from the command line: counts by kind and type, the most
// central organisations by degree and by betweenness (exact, or estimated
// from a seeded sample of sources on a large graph, as the line says), and
// the Louvain communities with their best-connected members.
import { computeStats } from "../../api/stats.js";
import type { Stats } from "../../api/schemas/graph.js";
import { COMMON_FLAGS, int, parseArgs } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";

const FLAGS = { ...COMMON_FLAGS, json: "boolean", top: "string" } as const;

export const command: Command = {
  summary: "network statistics: counts, degree and betweenness centrality, Louvain communities",
  usage: `usage: unionties stats [--top N] [--json] [--data DIR] [--store memory|neo4j]

Counts nodes by kind and relationships by type, ranks the top N (default 10,
at most 100) by degree and by betweenness centrality, and lists the Louvain
communities (seeded: the same graph gives the same answer) with their N
best-connected members. Documents and MENTIONS are left out of the network;
parallel relationships count once, weighted. Betweenness is exact up to 256
nodes and estimated from a seeded sample of sources above (the output says
how many). --json prints what GET /api/stats?top=N answers.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    const top = int(args, "top", 10, 1, 100);
    const ctx = makeContext(args);
    const store = await ctx.openStore();
    try {
      const counts = await store.stats();
      // Seconds on a large graph: say what is being done.
      if (counts.nodes > 5_000) ctx.err(`stats: ${counts.nodes.toLocaleString("en-US")} nodes, ${counts.relationships.toLocaleString("en-US")} relationships; computing centrality and communities…`);
      const stats = await computeStats(store, top);
      ctx.out(args.flags.json ? JSON.stringify(stats, null, 2) : formatStats(stats, top));
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** "kind n, kind n, …", largest first. */
function tally(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

/** A ranked list as aligned lines: rank, id, name, value. */
function ranked(items: Stats["degree"]): string[] {
  if (!items.length) return ["  (none)"];
  const width = Math.min(40, Math.max(...items.map((r) => r.id.length)));
  return items.map((r, i) => `  ${String(i + 1).padStart(3)}. ${r.id.padEnd(width)}  ${r.name}  ${r.value}`);
}

/** The statistics as text: counts, the two rankings, and the largest communities (at most `top`). */
export function formatStats(stats: Stats, top: number): string {
  const { counts, communities } = stats;
  const exact = stats.betweennessSources >= counts.nodes;
  const lines = [
    `${counts.nodes} nodes, ${counts.relationships} relationships, ${counts.documents} documents`,
    `nodes by kind: ${tally(counts.byKind) || "none"}`,
    `relationships by type: ${tally(counts.byType) || "none"}`,
    "",
    `degree centrality (top ${stats.degree.length}):`,
    ...ranked(stats.degree),
    "",
    `betweenness centrality (top ${stats.betweenness.length}; ${exact ? "exact" : `estimated from ${stats.betweennessSources} sampled sources`}):`,
    ...ranked(stats.betweenness),
    "",
    `${communities.count} communities (Louvain, modularity ${communities.modularity}):`,
  ];
  for (const [i, g] of communities.groups.slice(0, top).entries()) lines.push(`  ${String(i + 1).padStart(3)}. ${g.size} members: ${g.members.join(", ")}${g.size > g.members.length ? ", …" : ""}`);
  if (communities.groups.length > top) lines.push(`  … ${communities.groups.length - top} smaller communities (--top, --json)`);
  return lines.join("\n");
}
