// `unionties path <from> <to>`: the shortest path(s) between two nodes, each
// hop with the sentence that supports it.
import { isRelType, type RelType } from "../../graph/schema.js";
import type { GraphPath } from "../../graph/store.js";
import { COMMON_FLAGS, int, parseArgs, str, UsageError } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";
import { resolveNode } from "../resolve-node.js";

const FLAGS = { ...COMMON_FLAGS, json: "boolean", all: "boolean", types: "string", "max-hops": "string" } as const;

export const command: Command = {
  summary: "shortest path(s) between two organisations, hop by hop with quotes",
  usage: `usage: unionties path <from> <to> [--all] [--types TIE,MEMBER_OF] [--max-hops N] [--json] [--data DIR] [--store memory|neo4j]

<from> and <to> are node ids (e.g. zenrokyo, kctu) or names; a name is
resolved by search. Exit code 0 when a path exists, 1 when none does.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length !== 2) throw new UsageError("path needs exactly two nodes: <from> <to>");
    const types = str(args, "types")?.split(",").map((t) => t.trim().toUpperCase());
    const bad = types?.filter((t) => !isRelType(t));
    if (bad?.length) throw new UsageError(`unknown relationship type(s): ${bad.join(", ")}`);
    const ctx = makeContext(args);
    const store = await ctx.openStore();
    try {
      const [from, to] = await Promise.all(args.positionals.map((name) => resolveNode(store, name)));
      const paths = await store.shortestPaths(from, to, {
        all: args.flags.all === true,
        types: types as RelType[] | undefined,
        maxHops: int(args, "max-hops", 8, 1, 8),
      });
      if (args.flags.json) ctx.out(JSON.stringify({ from, to, paths }, null, 2));
      else ctx.out(formatPaths(from, to, paths ?? []));
      return paths && paths.length ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

/** Paths as readable text: one line per hop, then its quote and document. */
export function formatPaths(from: string, to: string, paths: GraphPath[]): string {
  if (!paths.length) return `no path between ${from} and ${to}`;
  const lines: string[] = [];
  paths.forEach((path, i) => {
    const names = new Map(path.nodes.map((n) => [n.id, n.attributes.name]));
    lines.push(`${paths.length > 1 ? `path ${i + 1}: ` : ""}${path.nodes.map((n) => n.attributes.name).join(" → ")} (${path.hops.length} hop${path.hops.length === 1 ? "" : "s"})`);
    for (const hop of path.hops) {
      const a = hop.relationship.attributes;
      const arrow = a.type === "TIE" ? "—" : hop.relationship.source === hop.from ? "→" : "←";
      lines.push(`  ${names.get(hop.from)} ${arrow}[${a.type}${a.polarity === "absent" ? ", absent" : ""}]${arrow} ${names.get(hop.to)}  (confidence ${a.confidence})`);
      const ev = a.evidence[0];
      if (ev) lines.push(`    “${ev.quote.replace(/\s+/g, " ").trim()}” — ${ev.document} [${ev.start}–${ev.end}]`);
    }
  });
  return lines.join("\n");
}
