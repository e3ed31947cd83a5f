// The ingest worker as one plain JavaScript module. Started through
// worker.mjs, a worker registers tsx (whose loader runs on a thread of its
// own) and loads some sixty TypeScript modules through it: ~0.2-0.4 s before
// its first document and ~0.7-0.8 s more CPU over its first documents, and
// ~70 MB more memory. Instead, the modules a worker runs are bundled once per
// process with esbuild (the compiler tsx itself uses, with the same
// tsconfig; ~50-90 ms, mostly in esbuild's own process) into
// node_modules/.cache/unionties/, where bare imports still resolve to the
// project's packages. Each module's `import.meta.url` is replaced by its own
// file's URL, so paths made from it (the PDF reader's worker, the default
// codebook) stay what they are. Bundles are named by their content's hash;
// those of older sources are deleted once unused for a day. When esbuild is
// missing or anything fails, the caller falls back to worker.mjs.
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Where bundles are written: inside node_modules, so the bundle's package imports resolve. */
const CACHE_DIR = new URL("../../node_modules/.cache/unionties/", import.meta.url);
const PIPELINE_DIR = fileURLToPath(new URL(".", import.meta.url));

let pending: Promise<URL | null> | null = null;

/**
 * The URL of a bundled worker entry (built on the first call, then the same
 * promise), or null when it cannot be built: use WORKER_ENTRY then.
 */
export function workerBundle(): Promise<URL | null> {
  pending ??= buildWorkerBundle().catch(() => null);
  return pending;
}

async function buildWorkerBundle(): Promise<URL | null> {
  if (process.env.UNIONTIES_WORKER_BUNDLE === "0") return null;
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  const result = await esbuild.build({
    stdin: { contents: 'import { runWorker } from "./worker-main.ts";\nrunWorker();\n', resolveDir: PIPELINE_DIR, sourcefile: "worker-entry.ts", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "silent",
    plugins: [ownImportMetaUrl],
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) return null;
  const name = `ingest-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`;
  const file = new URL(name, CACHE_DIR);
  // the name is the content's hash: a file of that name already holds this bundle
  if (await stat(file).then((s) => s.isFile() && s.size === code.length, () => false)) {
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined); // in use: not stale
  } else {
    await mkdir(CACHE_DIR, { recursive: true });
    const temp = new URL(`${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`, CACHE_DIR);
    await writeFile(temp, code);
    await rename(temp, file);
  }
  await removeStale(name).catch(() => undefined);
  return file;
}

/** A day without use makes an older bundle (or an abandoned temp file) stale. */
const STALE_MS = 24 * 3600 * 1000;

/** Deletes the bundles of older sources, unused for a day (a process still running one has touched it since). */
async function removeStale(keep: string): Promise<void> {
  for (const entry of await readdir(CACHE_DIR)) {
    if (entry === keep || !/^ingest-worker-[0-9a-f]{16}\.mjs(?:\..+\.tmp)?$/.test(entry)) continue;
    const file = new URL(entry, CACHE_DIR);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_MS) await unlink(file).catch(() => undefined);
  }
}

/** Gives each TypeScript module of the project its own file's URL for `import.meta.url`. */
const ownImportMetaUrl: import("esbuild").Plugin = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};
