// Benchmark: the viewer against a bare Sigma page drawing the same graph in
// the same run. Generated scale-free graphs of 1k, 5k, 20k and 50k
// organisations (5 relationships a node) are served by the real API; headless
// Debian Chromium (SwiftShader WebGL, no GPU) opens each page at 1600x1000
// and measures the time to Sigma's first frame and the frame rate while the
// camera animates for a few seconds. The viewer runs with ?layout=off so both
// pages draw the same static positions. Targets: viewer fps >= 0.8x bare,
// first frame <= 1.5x bare. Writes bench/results/viz.{json,md}.
//
// Usage: tsx bench/viz.ts [--sizes 1000,5000,20000,50000] [--seconds 4]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { buildApp } from "../api/app.js";
import { MemoryStore } from "../graph/memory-store.js";
import { ensureViewerBuilt, CHROMIUM_ARGS } from "../test/viz/helpers/viewer-harness.js";
import { generateScaleFree } from "./lib/graph-generator.js";
import { writeResult } from "./lib/report.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const SIZES = flag("sizes", "1000,5000,20000,50000").split(",").map(Number);
const SECONDS = Number(flag("seconds", "4"));
const SEED = 42;

interface Measure { firstFrameMs: number; fps: number; frames: number; marks: Record<string, number> }

/** Builds the bare Sigma page into bench/work/viz-bare. */
async function buildBarePage(): Promise<string> {
  const outDir = join(HERE, "work", "viz-bare");
  await build({ root: join(HERE, "viz-bare"), base: "./", logLevel: "warn", build: { outDir, emptyOutDir: true, target: "es2022" } });
  return outDir;
}

/** Opens `url`, waits for Sigma's first frame, then animates the camera for `seconds` and counts frames. */
async function measure(browser: Browser, url: string, hookName: "__unionties" | "__bare", seconds: number): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { timeout: 300_000 });
  await page.waitForFunction((h) => (window as unknown as Record<string, { firstFrameMs: number | null }>)[h]?.firstFrameMs != null, hookName, { timeout: 300_000, polling: 100 });
  // Plain JavaScript text: tsx would otherwise add helpers (__name) the page does not have.
  const result = (await page.evaluate(`(async () => {
    const hook = window[${JSON.stringify(hookName)}];
    const sigma = typeof hook.sigma === "function" ? hook.sigma() : hook.sigma;
    let frames = 0;
    const count = function () { frames++; };
    sigma.on("afterRender", count);
    const camera = sigma.getCamera();
    const t0 = performance.now();
    for (let i = 0; performance.now() - t0 < ${seconds * 1000}; i++) {
      await camera.animate({ x: 0.5 + 0.15 * Math.sin(i), y: 0.5 + 0.15 * Math.cos(i), ratio: 0.55 + 0.3 * Math.abs(Math.sin(i / 2)) }, { duration: 500 });
    }
    const elapsed = performance.now() - t0;
    sigma.off("afterRender", count);
    const marks = Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)]));
    return { firstFrameMs: hook.firstFrameMs, fps: (frames * 1000) / elapsed, frames, marks };
  })()`)) as Measure;
  await context.close();
  if (errors.length) throw new Error(`${url}: page errors: ${errors.join("; ")}`);
  return result;
}

async function main(): Promise<void> {
  const viewerDir = await ensureViewerBuilt();
  const bareDir = await buildBarePage();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, "--enable-unsafe-swiftshader"] });
  const rows: Array<Array<string | number>> = [];
  const results: unknown[] = [];
  const notes: string[] = [];
  try {
    for (const nodes of SIZES) {
      const { graph } = generateScaleFree({ nodes, m: 5, seed: SEED });
      const store = new MemoryStore({ dir: mkdtempSync(join(tmpdir(), "unionties-bench-viz-")) });
      await store.open();
      await store.importGraph(graph, { mode: "replace" });
      const options = { store, rateLimit: false as const, logger: false, auth: { keys: [] }, readAuth: false, env: {} };
      const viewer = await buildApp({ ...options, viewerDir });
      const bare = await buildApp({ ...options, viewerDir: bareDir });
      await viewer.listen({ host: "127.0.0.1", port: 0 });
      await bare.listen({ host: "127.0.0.1", port: 0 });
      const port = (app: typeof viewer) => (app.server.address() as { port: number }).port;
      try {
        // Two runs each in the order bare, viewer, viewer, bare (the machine is shared and noisy);
        // the better first frame and the better frame rate of each page are kept.
        const bareUrl = `http://127.0.0.1:${port(bare)}/`;
        const viewerUrl = `http://127.0.0.1:${port(viewer)}/?layout=off`;
        const runs: Measure[][] = [[], []];
        runs[0].push(await measure(browser, bareUrl, "__bare", SECONDS));
        runs[1].push(await measure(browser, viewerUrl, "__unionties", SECONDS));
        runs[1].push(await measure(browser, viewerUrl, "__unionties", SECONDS));
        runs[0].push(await measure(browser, bareUrl, "__bare", SECONDS));
        const best = (list: Measure[]): Measure => ({ ...list[0], firstFrameMs: Math.min(...list.map((m) => m.firstFrameMs)), fps: Math.max(...list.map((m) => m.fps)) });
        const [b, v] = runs.map(best);
        const fpsRatio = v.fps / b.fps;
        const ffRatio = v.firstFrameMs / b.firstFrameMs;
        rows.push([nodes, graph.edges.length, b.firstFrameMs, v.firstFrameMs, ffRatio, b.fps, v.fps, fpsRatio, fpsRatio >= 0.8 && ffRatio <= 1.5 ? "yes" : "no"]);
        results.push({ nodes, edges: graph.edges.length, bare: b, viewer: v, fpsRatio, firstFrameRatio: ffRatio, runs });
        console.log(JSON.stringify({ bare: b.marks, viewer: v.marks }));
        console.log(`${nodes} nodes: first frame bare ${b.firstFrameMs.toFixed(0)} ms, viewer ${v.firstFrameMs.toFixed(0)} ms (x${ffRatio.toFixed(2)}); fps bare ${b.fps.toFixed(2)}, viewer ${v.fps.toFixed(2)} (x${fpsRatio.toFixed(2)})`);
      } finally {
        await viewer.close();
        await bare.close();
        await store.close();
      }
    }
  } finally {
    await browser.close();
  }
  notes.push(
    "Headless Debian Chromium, WebGL in software (SwiftShader), 1600x1000; first frame is from navigation start to the end of Sigma's constructor, which draws once (includes fetching and parsing GET /api/graph).",
    "Each page is measured twice (order bare, viewer, viewer, bare); the better first frame and the better frame rate are reported.",
    `Frame rate counted over ${SECONDS} s of camera animations (Sigma treats an animating camera as moving, so the viewer's hideEdgesOnMove/hideLabelsOnMove apply above 2,000 nodes).`,
    "Targets: viewer fps >= 0.8x bare Sigma, viewer first frame <= 1.5x bare Sigma.",
  );
  const { md } = writeResult("viz", {
    params: { sizes: SIZES, edgesPerNode: 5, seconds: SECONDS, viewport: "1600x1000" },
    seeds: { graph: SEED, positions: 1 },
    results,
    table: {
      title: "Viewer vs bare Sigma (same graph, same run)",
      headers: ["nodes", "edges", "bare first frame ms", "viewer first frame ms", "first frame ratio", "bare fps", "viewer fps", "fps ratio", "targets met"],
      rows,
      notes,
    },
  });
  console.log(`wrote ${md}`);
}

await main();
