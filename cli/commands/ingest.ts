// `unionties ingest [paths…]`: documents into the store, one at a time, with a
// readable report per document (relationships by type, entities the codebook
// lacks, low-confidence relationships to look at) and a progress bar on stderr.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ingestPaths, loadCodebook, type DocumentReport, type IngestReport } from "../../ingest/index.js";
import { COMMON_FLAGS, int, parseArgs, str } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";

const FLAGS = { ...COMMON_FLAGS, codebook: "string", review: "string", "no-review": "boolean", json: "boolean", progress: "boolean", quiet: "boolean", workers: "string" } as const;
const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));

export const command: Command = {
  summary: "read documents (.txt .md .html .pdf) into the graph, with a report per document",
  usage: `usage: unionties ingest [paths…] [--codebook FILE] [--review FILE | --no-review] [--json] [--progress] [--workers N] [--data DIR] [--store memory|neo4j]

paths are files or directories (expanded to .txt, .md, .html and .pdf files,
sorted); default: seeds/. Each document is written as one unit; an unchanged
file (same sha256) is left as it is. After the documents, the review file
(default seeds/review.yaml) is applied. Prints per document the relationships
by type, entities the codebook lacks and low-confidence relationships; a
progress bar goes to stderr when it is a terminal (or with --progress).
--workers N: threads that read and extract, this one included (1: no worker
threads; default: one per core, started once the job is big enough and a core
is spare). Documents are written in file order whatever the count.
Exit code 1 when any document failed (its name and reason are printed), or
when the ingest stopped near the process's heap limit (the documents before
are saved; the message says how to go on).`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    const ctx = makeContext(args);
    const paths = args.positionals.length ? args.positionals.map((p) => resolve(p)) : [SEEDS];
    const codebook = loadCodebook(str(args, "codebook") ? resolve(str(args, "codebook")!) : undefined);
    const reviewFile = args.flags["no-review"] ? null : str(args, "review") ? resolve(str(args, "review")!) : undefined;
    const workers = str(args, "workers") === undefined ? undefined : int(args, "workers", 1, 1, 64);
    const showProgress = args.flags.progress === true || (process.stderr.isTTY === true && !args.flags.json);
    const store = await ctx.openStore();
    try {
      const started = Date.now();
      const report = await ingestPaths(store, paths, {
        codebook,
        reviewFile,
        workers,
        onProgress: showProgress ? (done, total, doc) => drawProgress(done, total, doc.file) : undefined,
      });
      if (showProgress) process.stderr.write("\n");
      if (args.flags.json) ctx.out(JSON.stringify(report, null, 2));
      else ctx.out(formatReport(report, Date.now() - started, args.flags.quiet === true));
      for (const d of report.documents) if (d.status === "failed") ctx.err(`unionties ingest: ${withFile(d)}`);
      if (report.stopped) ctx.err(`unionties ingest: ${report.stopped}`);
      return report.failed || report.stopped ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};

/** "file: reason", without repeating the file when the reason already names it. */
function withFile(d: DocumentReport): string {
  const reason = d.reason ?? "failed";
  return reason.startsWith(`${d.file}:`) ? reason : `${d.file}: ${reason}`;
}

function drawProgress(done: number, total: number, file: string): void {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  const name = file.length > 40 ? `…${file.slice(-39)}` : file;
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${name.padEnd(40)}`);
}

/** The report as text: one block per document, then totals. */
export function formatReport(report: IngestReport, ms: number, quiet = false): string {
  const lines: string[] = [];
  for (const d of report.documents) lines.push(...formatDocument(d, quiet));
  const by = (s: DocumentReport["status"]) => report.documents.filter((d) => d.status === s).length;
  lines.push(
    `${report.documents.length} document(s): ${by("created")} created, ${by("replaced")} replaced, ${by("unchanged")} unchanged, ${by("failed")} failed` +
      ` (${(ms / 1000).toFixed(1)} s${"workers" in report && typeof report.workers === "number" && report.workers > 1 ? `, ${report.workers} threads` : ""})`,
  );
  if (report.reviews.applied || report.reviews.unknown.length)
    lines.push(`reviews: ${report.reviews.applied} applied${report.reviews.unknown.length ? `, ${report.reviews.unknown.length} not in the store (${report.reviews.unknown.slice(0, 5).join(", ")})` : ""}`);
  return lines.join("\n");
}

function formatDocument(d: DocumentReport, quiet: boolean): string[] {
  if (d.status === "failed") return [`✗ ${d.file}: failed — ${withFile(d).slice(d.file.length + 2)}`];
  if (d.status === "unchanged") return [`= ${d.file}: unchanged`];
  const counts = Object.entries(d.countsByType).sort(([a], [b]) => (a < b ? -1 : 1));
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const lines = [`✓ ${d.file}: ${d.status}, ${total} relationship(s)${counts.length ? ` — ${counts.map(([t, c]) => `${t} ${c}`).join(", ")}` : ""}`];
  if (quiet) return lines;
  if (d.newEntities.length) {
    lines.push(`  new entities (${d.newEntities.length}):`);
    for (const e of d.newEntities.slice(0, 25)) lines.push(`    ${e}`);
    if (d.newEntities.length > 25) lines.push(`    … ${d.newEntities.length - 25} more (--json for all)`);
  }
  if (d.lowConfidence.length) {
    lines.push(`  low confidence (${d.lowConfidence.length}):`);
    for (const r of d.lowConfidence.slice(0, 10)) lines.push(`    ${r.id} (${r.confidence}): “${r.quote.slice(0, 110)}${r.quote.length > 110 ? "…" : ""}”`);
    if (d.lowConfidence.length > 10) lines.push(`    … ${d.lowConfidence.length - 10} more (--json for all)`);
  }
  return lines;
}
