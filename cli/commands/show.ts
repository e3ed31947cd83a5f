// `unionties show <node>`: one node as a reader wants it at the terminal: what
// it is (kind, country, aliases, founding year, membership, documents), then
// every relationship grouped by type, each with its other end, its direction,
// and the quotes that support it.
import { NotFoundError } from "../../graph/errors.js";
import type { NodeDetail } from "../../graph/store.js";
import type { RelationshipRecord } from "../../graph/types.js";
import { COMMON_FLAGS, int, parseArgs, UsageError } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";
import { resolveNode } from "../resolve-node.js";

const FLAGS = { ...COMMON_FLAGS, json: "boolean", quotes: "string" } as const;

export const command: Command = {
  summary: "one node: what it is, and its relationships grouped by type, each with its quotes",
  usage: `usage: unionties show <node> [--quotes N] [--json] [--data DIR] [--store memory|neo4j]

<node> is a node id (e.g. zenrokyo) or a name; a name is resolved by search.
Each relationship prints up to N quotes (default 1, 0 for none) with the
document and character offsets they come from. Rejected relationships are
not shown. Exit code 0, or 1 when no node matches.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length !== 1) throw new UsageError("show needs exactly one node: <node>");
    const quotes = int(args, "quotes", 1, 0, 100);
    const ctx = makeContext(args);
    const store = await ctx.openStore();
    try {
      const id = await resolveNode(store, args.positionals[0]);
      const detail = await store.getNode(id);
      if (!detail) throw new NotFoundError("node", id);
      ctx.out(args.flags.json ? JSON.stringify(detail, null, 2) : formatNode(detail, quotes));
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** The facts of a node worth a line each, in reading order, only those it has. */
function facts(detail: NodeDetail): string[] {
  const a = detail.node.attributes;
  const lines: string[] = [];
  const add = (label: string, value: unknown) => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return;
    lines.push(`  ${label.padEnd(11)}${Array.isArray(value) ? value.join(", ") : String(value)}`);
  };
  add("kind", `${a.kind} (${a.nodeLabel})`);
  add("country", a.country);
  add("scope", a.scope);
  add("aliases", a.aliases);
  add("founded", a.founded);
  add("membership", a.membership === undefined ? undefined : `${a.membership.toLocaleString("en")}${a.membershipYear ? ` (${a.membershipYear})` : ""}`);
  add("date", a.date);
  add("place", a.place);
  add("signed", a.signed);
  add("roles", a.roles);
  add("documents", a.documents.length ? `${a.documents.join(", ")} (${a.mentions} mention${a.mentions === 1 ? "" : "s"})` : undefined);
  add("origin", a.origin);
  return lines;
}

/** A node and its relationships as readable text. */
export function formatNode(detail: NodeDetail, quotes = 1): string {
  const { node } = detail;
  const names = new Map(detail.neighbours.map((n) => [n.id, n.attributes.name]));
  names.set(node.id, node.attributes.name);
  const lines = [`${node.attributes.name} [${node.id}]`, ...facts(detail)];
  const byType = new Map<string, RelationshipRecord[]>();
  for (const rel of detail.relationships) {
    const list = byType.get(rel.attributes.type) ?? [];
    list.push(rel);
    byType.set(rel.attributes.type, list);
  }
  if (byType.size === 0) lines.push("", "no relationships");
  for (const type of [...byType.keys()].sort()) {
    const rels = byType.get(type)!;
    lines.push("", `${type} (${rels.length})`);
    for (const rel of rels.sort((x, y) => y.attributes.confidence - x.attributes.confidence || x.id.localeCompare(y.id))) {
      const a = rel.attributes;
      const outgoing = rel.source === node.id;
      const other = outgoing ? rel.target : rel.source;
      const arrow = a.type === "TIE" ? "—" : outgoing ? "→" : "←";
      const when = a.since || a.until ? ` ${a.since ?? ""}–${a.until ?? ""}` : "";
      const review = a.review ? `, reviewed: ${a.review.decision}` : "";
      lines.push(`  ${arrow} ${names.get(other) ?? other} [${other}]${a.polarity === "absent" ? " (absent)" : ""}${when}  confidence ${a.confidence}, ${a.evidence.length} quote${a.evidence.length === 1 ? "" : "s"}${review}`);
      for (const ev of a.evidence.slice(0, quotes)) {
        lines.push(`      “${ev.quote.replace(/\s+/g, " ").trim()}” — ${ev.document} [${ev.start}–${ev.end}]`);
      }
    }
  }
  return lines.join("\n");
}
