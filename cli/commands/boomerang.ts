// `unionties boomerang --state JP | --org ijuren`: the boomerang chains of a
// state or an organisation, complete and broken, each leg with ✓ / ✗ /
// absent and the sentences that support it.
import { analyzeBoomerang, type BoomerangInstance, type BoomerangResult, type Leg } from "../../graph/algorithms/boomerang.js";
import { COMMON_FLAGS, int, parseArgs, str, UsageError } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";
import { resolveNode } from "../resolve-node.js";

const FLAGS = { ...COMMON_FLAGS, json: "boolean", state: "string", org: "string", "max-hops": "string", complete: "boolean", limit: "string" } as const;

export const command: Command = {
  summary: "boomerang chains (Keck & Sikkink) of a state or an organisation, leg by leg with quotes",
  usage: `usage: unionties boomerang (--state CC | --org ID) [--max-hops 1|2] [--complete] [--limit N] [--json] [--data DIR] [--store memory|neo4j]

--state takes a country code (JP); --org an organisation id or name (ijuren).
Lists complete chains first, then broken ones with the missing legs named
(--complete: complete chains only). Exit code 0 when a complete chain exists,
1 when only broken ones (or none) do.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length) throw new UsageError(`boomerang takes no positional arguments (got ${args.positionals.join(" ")})`);
    const state = str(args, "state");
    const orgName = str(args, "org");
    if (!state && !orgName) throw new UsageError("boomerang needs --state CC or --org ID");
    if (state && !/^[A-Za-z]{2}$/.test(state)) throw new UsageError(`--state must be a two-letter country code, not "${state}"`);
    const options = {
      maxPartnerHops: int(args, "max-hops", 2, 1, 2) as 1 | 2,
      includePartial: args.flags.complete !== true,
      limit: int(args, "limit", 100, 1, 10_000),
    };
    const ctx = makeContext(args);
    const store = await ctx.openStore();
    try {
      const org = orgName ? await resolveNode(store, orgName, "Organization") : undefined;
      const result = await analyzeBoomerang(store, { state, org }, options);
      ctx.out(args.flags.json ? JSON.stringify(result, null, 2) : formatBoomerang(result));
      return result.summary.complete > 0 ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

const MARK: Record<Leg["status"], string> = { present: "✓", absent: "✗ absent", missing: "✗ missing" };

/** A result as readable text: a summary line, then each instance with its legs, quotes and missing legs. */
export function formatBoomerang(result: BoomerangResult): string {
  const { state, org } = result.query;
  const lines = [
    `boomerang chains for ${org ? `${org} (${state ?? "no state"})` : state}: ${result.summary.complete} complete, ${result.summary.partial} broken` +
      (result.truncated ? ` (first ${result.instances.length} shown)` : ""),
  ];
  for (const note of result.notes) lines.push(`  note: ${note}`);
  result.instances.forEach((instance, i) => lines.push("", ...formatInstance(instance, i + 1)));
  return lines.join("\n");
}

function formatInstance(instance: BoomerangInstance, n: number): string[] {
  const { nodes, score } = instance;
  const chain = [nodes.domestic, ...nodes.partners.slice(0, 3), nodes.pressurer, nodes.target]
    .filter((x) => x !== undefined)
    .map((x) => x.attributes.name)
    .join(" → ");
  const head = `${n}. ${instance.complete ? "COMPLETE" : `BROKEN${instance.brokenAt ? ` at ${instance.brokenAt}` : ""}`}  ${chain}${nodes.partners.length > 3 ? " …" : ""}`;
  const lines = [head, `   legs ${score.legsPresent}/${score.legsTotal}, weakest confidence ${score.weakestConfidence}  [${instance.id}]`];
  for (const leg of instance.legs) {
    lines.push(`   ${MARK[leg.status]}  ${leg.leg} (${leg.label})${leg.note ? `: ${leg.note}` : ""}`);
    for (const rel of leg.relationships.slice(0, 6)) {
      const a = rel.attributes;
      const ev = a.evidence[0];
      const arrow = a.type === "TIE" ? "—" : "→";
      lines.push(`        ${rel.source} ${arrow}[${a.type}${a.polarity === "absent" ? ", absent" : ""}]${arrow} ${rel.target}  (confidence ${a.confidence})`);
      if (ev) lines.push(`          “${ev.quote.replace(/\s+/g, " ").trim()}” — ${ev.document} [${ev.start}–${ev.end}]`);
    }
    if (leg.relationships.length > 6) lines.push(`        … and ${leg.relationships.length - 6} more relationship(s)`);
  }
  if (instance.missing.length) lines.push(`   missing: ${instance.missing.join("; ")}`);
  return lines;
}
