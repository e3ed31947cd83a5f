// The change log under SIGKILL: a process writing documents one at a time
// into a store whose writes go to graph.log is killed at random moments
// (during an append, a compaction at close, between writes). After every
// kill the store must open, every write that had returned must be there,
// each document must be wholly present (its evidence exactly the
// uninterrupted run's) or wholly absent, no temporary file may remain, and
// running the job again to its end must give the uninterrupted run's graph.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateDocument } from "../../bench/lib/corpus.js";
import { seededRandom } from "../../bench/lib/random.js";
import { graphFingerprint } from "../../graph/canonical.js";
import { loadCodebook } from "../../ingest/codebook.js";
import { evidenceByDocument, exportOf } from "./crash-fixtures.js";

const CHILD = fileURLToPath(new URL("./logged-writer-child.ts", import.meta.url));
const ITERATIONS = 12;
const DOCUMENTS = 24;

describe("the embedded store's change log when its writer is killed", () => {
  it(`keeps every returned write and no half document after ${ITERATIONS} SIGKILLs`, async () => {
    const root = mkdtempSync(join(tmpdir(), "unionties-log-kill-"));
    try {
      const docs = join(root, "docs");
      mkdirSync(docs);
      const random = seededRandom(34);
      const codebook = loadCodebook();
      const files: string[] = [];
      for (let i = 0; i < DOCUMENTS; i++) {
        const file = join(docs, `report-${String(i).padStart(2, "0")}.txt`);
        writeFileSync(file, generateDocument(random, codebook, 3 * 1024));
        files.push(file);
      }
      const args = (data: string) => ["--import", "tsx", CHILD, data, ...files];
      const golden = join(root, "golden");
      const t0 = performance.now();
      const run = spawnSync(process.execPath, args(golden), { encoding: "utf8" });
      const fullMs = performance.now() - t0;
      expect(run.status, run.stderr).toBe(0);
      const goldenGraph = await exportOf(golden);
      const goldenEvidence = evidenceByDocument(goldenGraph);
      expect(goldenEvidence.size).toBe(DOCUMENTS);

      const figures = { killed: 0, acked: 0, present: 0, partial: 0, lost: 0, temps: 0, reruns: 0, rerunsEqual: 0 };
      for (let i = 0; i < ITERATIONS; i++) {
        const data = join(root, `run-${i}`);
        // Spread over the writes whatever the machine's pace: a few milliseconds after the child's
        // k-th returned write (k = 0: after it opened the store; k = all: during its close).
        const after = Math.floor((i / (ITERATIONS - 1)) * DOCUMENTS);
        const jitter = random() * 30;
        const child = spawn(process.execPath, args(data), { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let timer: NodeJS.Timeout | undefined;
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const acks = out.split("\n").filter((l) => l.startsWith("ack ")).length;
          if (!timer && out.includes("ready\n") && acks >= after) timer = setTimeout(() => child.kill("SIGKILL"), jitter);
        });
        const end = await new Promise<{ signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (_code, signal) => resolve({ signal })));
        clearTimeout(timer);
        if (end.signal === "SIGKILL") figures.killed++;
        const acked = new Set(out.split("\n").filter((l) => l.startsWith("ack ")).map((l) => basename(l.slice(4), ".txt")));
        figures.acked += acked.size;
        const evidence = evidenceByDocument(await exportOf(data));
        for (const [doc, expected] of goldenEvidence) {
          const got = evidence.get(doc);
          if (got) {
            figures.present++;
            if (JSON.stringify(got) !== JSON.stringify(expected)) figures.partial++;
          } else if ([...acked].some((a) => doc.endsWith(a))) figures.lost++;
        }
        if (existsSync(data)) figures.temps += readdirSync(data, { recursive: true }).filter((f) => /\.tmp-\d+/.test(String(f))).length;
        // Every third run: the same job run again to its end gives the uninterrupted run's graph.
        if (i % 3 === 0) {
          const again = spawnSync(process.execPath, args(data), { encoding: "utf8" });
          expect(again.status, again.stderr).toBe(0);
          figures.reruns++;
          if (graphFingerprint(await exportOf(data)) === graphFingerprint(goldenGraph)) figures.rerunsEqual++;
        }
      }
      console.log(`change log kills: ${JSON.stringify(figures)} (uninterrupted run ${Math.round(fullMs)} ms)`);
      expect(figures.partial).toBe(0);
      expect(figures.lost).toBe(0);
      expect(figures.temps).toBe(0);
      expect(figures.rerunsEqual).toBe(figures.reruns);
      // (a kill after the last write may come after the close has ended)
      expect(figures.killed).toBeGreaterThanOrEqual(ITERATIONS - 2);
      expect(figures.acked).toBeGreaterThan(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
});
