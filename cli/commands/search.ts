// `unionties search <words>`: the nodes whose name, alias or id match, best
// first, one line each with what they are and how often they are mentioned,
// so a reader finds the id to give `show`, `path` or `boomerang`.
import { isNodeKind, isNodeLabel, type NodeKind, type NodeLabel } from "../../graph/schema.js";
import type { SearchResult } from "../../graph/store.js";
import { COMMON_FLAGS, int, parseArgs, str, UsageError } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";

const FLAGS = { ...COMMON_FLAGS, json: "boolean", label: "string", kind: "string", country: "string", limit: "string" } as const;

export const command: Command = {
  summary: "find nodes by name or alias (case- and accent-insensitive), best match first",
  usage: `usage: unionties search <words> [--label Organization] [--kind union] [--country JP] [--limit N] [--json] [--data DIR] [--store memory|neo4j]

Matches names, aliases and ids, ignoring case, accents and punctuation
("zenrokyo" finds Zenrōkyō). Exit code 0 when something matches, 1 when
nothing does.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length === 0) throw new UsageError("search needs the words to look for");
    const label = str(args, "label");
    if (label !== undefined && !isNodeLabel(label)) throw new UsageError(`unknown node label: ${label}`);
    const kind = str(args, "kind");
    if (kind !== undefined && !isNodeKind(kind)) throw new UsageError(`unknown node kind: ${kind}`);
    const ctx = makeContext(args);
    const store = await ctx.openStore();
    try {
      const result = await store.search({
        q: args.positionals.join(" "),
        label: label as NodeLabel | undefined,
        kind: kind as NodeKind | undefined,
        country: str(args, "country")?.toUpperCase(),
        limit: int(args, "limit", 20, 1, 500),
      });
      ctx.out(args.flags.json ? JSON.stringify(result, null, 2) : formatSearch(result));
      return result.items.length ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

/** Search hits as aligned lines: id, name, kind and country, mentions. */
export function formatSearch(result: SearchResult): string {
  if (!result.items.length) return "no match";
  const width = Math.min(40, Math.max(...result.items.map((n) => n.id.length)));
  const lines = result.items.map((n) => {
    const a = n.attributes;
    const what = [a.kind, a.country].filter(Boolean).join(", ");
    return `${n.id.padEnd(width)}  ${a.name}  (${what}; ${a.mentions} mention${a.mentions === 1 ? "" : "s"})`;
  });
  if (result.total > result.items.length) lines.push(`… ${result.total - result.items.length} more (--limit)`);
  return lines.join("\n");
}
