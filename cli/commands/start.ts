// `unionties start` (what `npm start` runs): ingests seeds/ when the store is
// missing or older than any seed file or the codebook, builds the viewer when
// viz/dist is missing, then serves on http://localhost:3000 (PORT) and prints
// that address.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { COMMON_FLAGS, int, parseArgs, str, UsageError } from "../args.js";
import { makeContext, type Context } from "../context.js";
import type { Command } from "../main.js";
import type { IngestReport } from "../../ingest/index.js";
import { serve } from "./serve.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FLAGS = { ...COMMON_FLAGS, port: "string", host: "string", seeds: "string", "no-build": "boolean", quiet: "boolean" } as const;

export const command: Command = {
  summary: "ingest the seeds if needed, build the viewer if needed, then serve (npm start)",
  usage: `usage: unionties start [--port 3000] [--host 127.0.0.1] [--seeds DIR] [--no-build] [--data DIR] [--store memory|neo4j]

Ingests the seed documents when the store is missing or older than any file
in the seeds folder (default seeds/, codebook included), runs
\`npm run build:viz\` when viz/dist is missing, then serves.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length) throw new UsageError(`start takes no positional arguments (got "${args.positionals[0]}")`);
    const ctx = makeContext(args);
    const seeds = resolve(str(args, "seeds") ?? join(ROOT, "seeds"));
    await ingestSeedsIfStale(ctx, seeds);
    if (args.flags["no-build"] !== true) buildViewerIfMissing(ctx);
    const port = int(args, "port", Number(process.env.PORT ?? 3000), 0, 65535);
    return serve(ctx, { port, host: str(args, "host") ?? "127.0.0.1", logger: args.flags.quiet !== true });
  },
};

/** Newest modification time (ms) of any file under `dir`, 0 when empty or absent. */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the store needs the seeds: the memory store file missing or older than the seeds; Neo4j empty. */
export async function seedsNeeded(ctx: Context, seeds: string): Promise<boolean> {
  if (ctx.storeChoice.kind === "memory") {
    const file = join(ctx.dataDir, "graph.json");
    return !existsSync(file) || statSync(file).mtimeMs < newestMtime(seeds);
  }
  const store = await ctx.openStore();
  try {
    return (await store.stats()).documents === 0;
  } finally {
    await store.close();
  }
}

/** Ingests `seeds` through ingest/index.ts's ingestPaths when needed and prints a short report. */
async function ingestSeedsIfStale(ctx: Context, seeds: string): Promise<void> {
  if (!(await seedsNeeded(ctx, seeds))) {
    ctx.out(`store is up to date with ${seeds}`);
    return;
  }
  ctx.out(`ingesting ${seeds} into ${ctx.dataDir} ...`);
  const { ingestPaths } = await import("../../ingest/index.js");
  const store = await ctx.openStore();
  try {
    const result = await ingestPaths(store, [seeds]);
    ctx.out(summarise(result));
    const stats = await store.stats();
    ctx.out(`store: ${stats.nodes} nodes, ${stats.relationships} relationships, ${stats.documents} documents`);
  } finally {
    await store.close();
  }
}

/** One line per document: status, relationships written or the reason it failed. */
function summarise(result: IngestReport): string {
  if (!result.documents.length) return "no documents found";
  return result.documents
    .map((d) => {
      const rels = Object.values(d.countsByType).reduce((a, b) => a + b, 0);
      return `  ${d.id}: ${d.status}${d.reason ? ` (${d.reason})` : `, ${rels} relationships`}`;
    })
    .join("\n");
}

/** Runs `npm run build:viz` when viz/dist/index.html is missing; a failed build leaves the "not built" page. */
function buildViewerIfMissing(ctx: Context): void {
  if (existsSync(join(ROOT, "viz", "dist", "index.html"))) return;
  ctx.out("building the viewer (npm run build:viz) ...");
  const result = spawnSync("npm", ["run", "build:viz"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) ctx.err("the viewer build failed; serving the API with a placeholder page at /");
}
