// `unionties migrate --to neo4j`: copies the embedded store (every node,
// relationship with its evidence and review, document text) into the Neo4j
// given by NEO4J_URI, prints progress, then verifies that both hold the same
// graph (counts and fingerprint).
import { graphFingerprint, stableStringify } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { Neo4jStore } from "../../graph/neo4j-store.js";
import type { SerializedGraph } from "../../graph/types.js";
import { COMMON_FLAGS, int, parseArgs, str, UsageError } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";

const FLAGS = { ...COMMON_FLAGS, to: "string", replace: "boolean", merge: "boolean", batch: "string" } as const;

export const command: Command = {
  summary: "copy the embedded store into Neo4j (NEO4J_URI) and verify the copy",
  usage: `usage: unionties migrate --to neo4j [--replace | --merge] [--batch 5000] [--data DIR]

Reads the embedded store in --data (or UNIONTIES_DATA, default ./data) and
writes it into the Neo4j of NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE). A Neo4j that already holds nodes is left alone unless
--replace (deletes what is there first) or --merge (merges into it) is given.
Exit code 0 when the copy verifies, 1 when it does not, 3 when Neo4j is unreachable.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (str(args, "to") !== "neo4j") throw new UsageError("migrate needs --to neo4j");
    if (args.flags.replace && args.flags.merge) throw new UsageError("--replace and --merge exclude each other");
    if (!process.env.NEO4J_URI) throw new UsageError("migrate --to neo4j needs NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD when Neo4j asks for them)");
    const ctx = makeContext({ ...args, flags: { ...args.flags, store: "memory" } });
    const memory = new MemoryStore({ dir: ctx.dataDir });
    await memory.open();
    const neo4j = Neo4jStore.fromEnv(process.env, { importBatch: int(args, "batch", 5000, 1, 100_000) });
    await neo4j.open();
    try {
      const target = await neo4j.stats();
      if (target.nodes + target.documents > 0 && !args.flags.replace && !args.flags.merge) {
        ctx.err(`migrate: ${neo4j.name} already holds ${target.nodes} nodes and ${target.documents} documents; pass --replace or --merge`);
        return 1;
      }
      // The whole graph, rejected relationships and their reviews included (exportGraph leaves those out).
      const graph = memory.graph.export() as unknown as SerializedGraph;
      ctx.out(`migrate: ${graph.nodes.length} nodes, ${graph.edges.length} relationships from ${ctx.dataDir} to ${neo4j.name}`);
      let lastShown = 0;
      await neo4j.importGraph(graph, {
        mode: args.flags.replace ? "replace" : "merge",
        onProgress: (done, total) => {
          if (done === total || done - lastShown >= total / 20) {
            lastShown = done;
            ctx.out(`migrate: ${done}/${total} (${Math.round((100 * done) / Math.max(total, 1))}%)`);
          }
        },
      });
      const documents = await memory.listDocuments();
      let texts = 0;
      for (const d of documents) {
        const text = await memory.documentText(d.id);
        if (text !== null && d.attributes.sha256) {
          await neo4j.putDocumentText(d.attributes.sha256, text);
          texts++;
        }
      }
      ctx.out(`migrate: ${texts}/${documents.length} document texts copied`);
      return verify(ctx.out, ctx.err, memory, neo4j, !!args.flags.merge);
    } finally {
      await neo4j.close();
      await memory.close();
    }
  },
};

async function verify(out: (l: string) => void, err: (l: string) => void, memory: MemoryStore, neo4j: Neo4jStore, merged: boolean): Promise<number> {
  const [a, b] = [await memory.stats(), await neo4j.stats()];
  out(`migrate: embedded ${a.nodes} nodes, ${a.relationships} relationships, ${a.documents} documents; neo4j ${b.nodes}, ${b.relationships}, ${b.documents}`);
  if (merged) {
    const ok = b.nodes >= a.nodes && b.relationships >= a.relationships && b.documents >= a.documents;
    if (!ok) err("migrate: Neo4j holds fewer items than the embedded store after the merge");
    return ok ? 0 : 1;
  }
  const same = graphFingerprint(await memory.exportGraph()) === graphFingerprint(await neo4j.exportGraph());
  if (!same || stableStringify(a) !== stableStringify(b)) {
    err("migrate: the copy differs from the embedded store (counts or fingerprint)");
    return 1;
  }
  out("migrate: verified: counts and graph fingerprint equal");
  return 0;
}
