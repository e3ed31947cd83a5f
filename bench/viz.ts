// Benchmark: the viewer against a bare Sigma page drawing the same graph in
// the same run. Generated scale-free graphs of 1k, 5k, 20k and 50k
// organisations (5 relationships a node) are served by the real API; headless
// Debian Chromium (SwiftShader WebGL, no GPU) opens each page at 1600x1000
// and measures the time from navigation start to Sigma's first frame drawn
// (viz/first-frame.ts, the same code in both pages), Chromium's CPU time
// until then, and the frame rate while the camera animates for a few
// seconds. The viewer runs with ?layout=off so both pages draw the same
// static positions, and asks for the whole graph (?top=<size>). Then the
// overview case: the 100k/1M bench store (a copy), both pages asking for the
// same overview of its `--overview` best-connected organisations (the
// viewer's default, 3,000), with the page's JS heap at the first frame. Each
// page is loaded `--rounds` times, alternating which goes first, and medians
// are reported: the machine is shared, and on 2 cores a page's wall time
// follows the load of the moment.
// Targets: viewer fps >= 0.8x bare, first frame <= 1.5x bare.
// Writes bench/results/viz.{json,md}.
//
// Usage: tsx bench/viz.ts [--sizes 1000,5000,20000,50000|none] [--seconds 4] [--rounds 3]
//        [--overview 3000|0] [--overview-store bench/work/stores/ba-100000-10-8]
// (BENCH_RESULTS=<dir> writes the results elsewhere, e.g. for a partial run.)
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { build } from "vite";
import { buildApp } from "../api/app.js";
import { MemoryStore } from "../graph/memory-store.js";
import { ensureViewerBuilt, CHROMIUM_ARGS } from "../test/viz/helpers/viewer-harness.js";
import { OVERVIEW_LIMIT } from "../viz/overview.js";
import { generateScaleFree } from "./lib/graph-generator.js";
import { writeResult } from "./lib/report.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const SIZES = flag("sizes", "1000,5000,20000,50000") === "none" ? [] : flag("sizes", "1000,5000,20000,50000").split(",").map(Number);
const OVERVIEW = Number(flag("overview", String(OVERVIEW_LIMIT)));
const OVERVIEW_STORE = flag("overview-store", join(HERE, "work", "stores", "ba-100000-10-8"));
const SECONDS = Number(flag("seconds", "4"));
const ROUNDS = Number(flag("rounds", "3"));
const SEED = 42;

interface Measure {
  firstFrameMs: number;
  /** CPU time of every Chromium process (renderer, GPU, browser, network) from navigation to the first frame. */
  cpuMs: number;
  rendererCpuMs: number;
  gpuCpuMs: number;
  /** How long the page waited for Chromium to be idle before loading. */
  settledMs: number;
  fps: number;
  frames: number;
  marks: Record<string, number>;
  load1: number;
  /** The page's JS heap in use at its first frame (CDP Performance.getMetrics), MB. */
  heapMB: number;
  /** Nodes the page drew. */
  order: number;
}

/** Builds the bare Sigma page into bench/work/viz-bare. */
async function buildBarePage(): Promise<string> {
  const outDir = join(HERE, "work", "viz-bare");
  await build({ root: join(HERE, "viz-bare"), base: "./", logLevel: "warn", build: { outDir, emptyOutDir: true, target: "es2022" } });
  return outDir;
}

/** CPU seconds used so far by each Chromium process, by process id, with the process type. */
type CpuCounters = Map<number, { type: string; seconds: number }>;

async function chromiumCpu(cdp: CDPSession): Promise<CpuCounters> {
  const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: Array<{ id: number; type: string; cpuTime: number }> };
  return new Map(processInfo.map((p) => [p.id, { type: p.type, seconds: p.cpuTime }]));
}

/** CPU milliseconds spent between two readings: in total, and by the renderer and GPU processes. */
function cpuSpent(before: CpuCounters, after: CpuCounters): { total: number; renderer: number; gpu: number } {
  const spent = { total: 0, renderer: 0, gpu: 0 };
  for (const [id, { type, seconds }] of after) {
    const ms = Math.round((seconds - (before.get(id)?.seconds ?? 0)) * 1000);
    spent.total += ms;
    if (type === "renderer") spent.renderer += ms;
    if (type === "GPU") spent.gpu += ms;
  }
  return spent;
}

/**
 * Waits until Chromium is idle (under 10% of a core over half a second).
 * A page drawing 100,000 edges per frame in SwiftShader leaves the GPU
 * process rasterising its last frames for seconds after the page is closed;
 * without this wait, the next page loaded while that work took the CPU.
 * @returns how long it waited, in ms
 */
async function settle(cdp: CDPSession, limitMs = 120_000): Promise<number> {
  const t0 = Date.now();
  let previous = await chromiumCpu(cdp);
  while (Date.now() - t0 < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await chromiumCpu(cdp);
    if (cpuSpent(previous, now).total < 50) return Date.now() - t0;
    previous = now;
  }
  return Date.now() - t0;
}

/** Opens `url`, waits for Sigma's first frame, then animates the camera for `seconds` and counts frames. */
async function measure(browser: Browser, cdp: CDPSession, url: string, hookName: "__unionties" | "__bare", seconds: number): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  // The page waits for this call after its first frame (viz/first-frame.ts reportFirstFrame), so its later work is not counted.
  let atFirstFrame: Promise<CpuCounters> | null = null;
  let heapAtFirstFrame: Promise<number> | null = null;
  const pageCdp = await context.newCDPSession(page);
  await pageCdp.send("Performance.enable");
  const heap = async () => ((await pageCdp.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> }).metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
  await page.exposeFunction("__onFirstFrame", () => {
    atFirstFrame = chromiumCpu(cdp);
    heapAtFirstFrame = heap();
  });
  const settledMs = await settle(cdp);
  const load1 = loadavg()[0];
  const before = await chromiumCpu(cdp);
  await page.goto(url, { timeout: 300_000 });
  await page.waitForFunction((h) => (window as unknown as Record<string, { firstFrameMs: number | null }>)[h]?.firstFrameMs != null, hookName, { timeout: 300_000, polling: 100 });
  if (!atFirstFrame) throw new Error(`${url}: the page did not report its first frame`);
  const cpu = cpuSpent(before, await atFirstFrame);
  // Plain JavaScript text: tsx would otherwise add helpers (__name) the page does not have.
  const result = (await page.evaluate(`(async () => {
    const hook = window[${JSON.stringify(hookName)}];
    const sigma = typeof hook.sigma === "function" ? hook.sigma() : hook.sigma;
    const order = sigma.getGraph().order;
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
    return { firstFrameMs: hook.firstFrameMs, fps: (frames * 1000) / elapsed, frames, marks, order };
  })()`)) as Pick<Measure, "firstFrameMs" | "fps" | "frames" | "marks" | "order">;
  const heapMB = Math.round(((await heapAtFirstFrame) ?? NaN) / 1e5) / 10;
  await context.close();
  if (errors.length) throw new Error(`${url}: page errors: ${errors.join("; ")}`);
  return { ...result, heapMB, cpuMs: cpu.total, rendererCpuMs: cpu.renderer, gpuCpuMs: cpu.gpu, settledMs, load1: Math.round(load1 * 10) / 10 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Medians of a page's loads (each figure on its own). */
function summarise(list: Measure[]) {
  return { firstFrameMs: median(list.map((m) => m.firstFrameMs)), cpuMs: median(list.map((m) => m.cpuMs)), fps: median(list.map((m) => m.fps)), heapMB: median(list.map((m) => m.heapMB)), order: median(list.map((m) => m.order)) };
}

/** One case: a store, the two pages' query strings, and how the row names its size. */
interface Case {
  /** The store's temporary folder, removed after the case. */
  dir: string;
  store: MemoryStore;
  label: string;
  edgesLabel: string;
  bareQuery: string;
  viewerQuery: string;
  extra: Record<string, unknown>;
}

/** The generated graph of `nodes` organisations, drawn whole by both pages. */
async function generatedCase(nodes: number): Promise<Case> {
  const { graph } = generateScaleFree({ nodes, m: 5, seed: SEED });
  const dir = mkdtempSync(join(tmpdir(), "unionties-bench-viz-"));
  const store = new MemoryStore({ dir });
  await store.open();
  await store.importGraph(graph, { mode: "replace" });
  return { dir, store, label: String(nodes), edgesLabel: String(graph.edges.length), bareQuery: "", viewerQuery: `&top=${nodes}`, extra: { nodes, edges: graph.edges.length } };
}

/** The 100k/1M bench store (a copy: nothing writes into the original), both pages asking for its overview of `top`. */
async function overviewCase(top: number): Promise<Case> {
  const dir = mkdtempSync(join(tmpdir(), "unionties-bench-viz-overview-"));
  for (const file of ["graph.json", "graph.snapshot"]) if (existsSync(join(OVERVIEW_STORE, file))) copyFileSync(join(OVERVIEW_STORE, file), join(dir, file));
  const store = new MemoryStore({ dir });
  await store.open();
  const stats = await store.stats();
  const shown = await store.exportGraph({ withoutDocuments: true, top });
  const label = `${shown.nodes.length.toLocaleString("en")} of ${stats.nodes.toLocaleString("en")}`;
  const edgesLabel = `${shown.edges.length.toLocaleString("en")} of ${stats.relationships.toLocaleString("en")}`;
  return { dir, store, label, edgesLabel, bareQuery: `?top=${top}`, viewerQuery: `&top=${top}`, extra: { overview: top, nodes: shown.nodes.length, edges: shown.edges.length, totalNodes: stats.nodes, totalRelationships: stats.relationships } };
}

async function main(): Promise<void> {
  const viewerDir = await ensureViewerBuilt();
  const bareDir = await buildBarePage();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, "--enable-unsafe-swiftshader"] });
  const cdp = await browser.newBrowserCDPSession();
  const rows: Array<Array<string | number>> = [];
  const results: unknown[] = [];
  try {
    const cases: Array<() => Promise<Case>> = SIZES.map((nodes) => () => generatedCase(nodes));
    if (OVERVIEW > 0 && existsSync(join(OVERVIEW_STORE, "graph.json"))) cases.push(() => overviewCase(OVERVIEW));
    else if (OVERVIEW > 0) console.log(`no overview case: ${OVERVIEW_STORE} holds no store (npm run bench:store makes it)`);
    for (const makeCase of cases) {
      const { dir, store, label, edgesLabel, bareQuery, viewerQuery, extra } = await makeCase();
      const options = { store, rateLimit: false as const, logger: false, auth: { keys: [] }, readAuth: false, env: {} };
      const viewer = await buildApp({ ...options, viewerDir });
      const bare = await buildApp({ ...options, viewerDir: bareDir });
      await viewer.listen({ host: "127.0.0.1", port: 0 });
      await bare.listen({ host: "127.0.0.1", port: 0 });
      const port = (app: typeof viewer) => (app.server.address() as { port: number }).port;
      try {
        const pages = {
          bare: () => measure(browser, cdp, `http://127.0.0.1:${port(bare)}/${bareQuery}`, "__bare", SECONDS),
          viewer: () => measure(browser, cdp, `http://127.0.0.1:${port(viewer)}/?layout=off${viewerQuery}`, "__unionties", SECONDS),
        };
        const runs: { bare: Measure[]; viewer: Measure[] } = { bare: [], viewer: [] };
        // Rounds alternate which page goes first (bare, viewer / viewer, bare / ...), so a drift in load hits both.
        for (let round = 0; round < ROUNDS; round++) {
          for (const name of round % 2 ? (["viewer", "bare"] as const) : (["bare", "viewer"] as const)) runs[name].push(await pages[name]());
        }
        const [b, v] = [summarise(runs.bare), summarise(runs.viewer)];
        const ffRatio = v.firstFrameMs / b.firstFrameMs;
        const cpuRatio = v.cpuMs / b.cpuMs;
        const fpsRatio = v.fps / b.fps;
        const loads = [...runs.bare, ...runs.viewer].map((m) => m.load1);
        const load = `${Math.min(...loads)}–${Math.max(...loads)}`;
        if (b.order !== v.order) throw new Error(`${label}: the pages drew ${b.order} and ${v.order} nodes`);
        rows.push([label, edgesLabel, load, b.firstFrameMs, v.firstFrameMs, ffRatio, b.cpuMs, v.cpuMs, cpuRatio, b.fps, v.fps, fpsRatio, b.heapMB, v.heapMB, fpsRatio >= 0.8 && ffRatio <= 1.5 ? "yes" : "no"]);
        results.push({ ...extra, bare: b, viewer: v, firstFrameRatio: ffRatio, cpuRatio, fpsRatio, runs });
        console.log(`${label} nodes (load ${load}): first frame bare ${b.firstFrameMs.toFixed(0)} ms, viewer ${v.firstFrameMs.toFixed(0)} ms (x${ffRatio.toFixed(2)}); CPU bare ${b.cpuMs} ms, viewer ${v.cpuMs} ms (x${cpuRatio.toFixed(2)}); fps bare ${b.fps.toFixed(2)}, viewer ${v.fps.toFixed(2)} (x${fpsRatio.toFixed(2)}); JS heap bare ${b.heapMB} MB, viewer ${v.heapMB} MB`);
        for (const name of ["bare", "viewer"] as const) console.log(`  ${name}: ${runs[name].map((m) => `${Math.round(m.firstFrameMs)} ms / CPU ${m.cpuMs} ms (GPU ${m.gpuCpuMs}) @${m.load1}, settled ${m.settledMs} ms`).join("; ")}`);
      } finally {
        await viewer.close();
        await bare.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const notes = [
    "Headless Debian Chromium, WebGL in software (SwiftShader), 1600x1000. First frame: from navigation start until Sigma's first render has been executed by WebGL (finish() on each layer after the constructor; viz/first-frame.ts, the same code in both pages); it includes fetching and parsing GET /api/graph (the same URL in both pages).",
    "CPU: CPU time of all Chromium processes (renderer, GPU, browser, network) from navigation to that first frame (CDP SystemInfo.getProcessInfo); it depends much less than wall time on what else runs on the machine.",
    "Before each page load the bench waits until Chromium is idle: a page drawing 100k+ edges per frame in SwiftShader leaves the GPU process rasterising for seconds after it closes, which used to fall on the next page (in the old order bare, viewer, viewer, bare: always a viewer).",
    `Each page loaded ${ROUNDS} times per size, rounds alternating which page goes first; medians reported. "load" is the 1-minute load average seen at the page loads (2 cores).`,
    `Frame rate counted over ${SECONDS} s of camera animations (Sigma treats an animating camera as moving, so the viewer's hideEdgesOnMove/hideLabelsOnMove apply above 2,000 nodes).`,
    `Overview row ("N of M"): the 100k/1M bench store (${OVERVIEW_STORE.replace(/^.*\/bench\//, "bench/")}, a copy), both pages asking GET /api/graph?withoutDocuments=true&top=${OVERVIEW} (the viewer's default limit): its ${OVERVIEW.toLocaleString("en")} best-connected organisations and the relationships among them; the viewer also shows its overview notice. The other rows ask for the whole graph (?top=<size>).`,
    "JS heap: the page's JavaScript heap in use at its first frame (CDP Performance.getMetrics JSHeapUsedSize), median.",
    "Targets: viewer fps >= 0.8x bare Sigma, viewer first frame <= 1.5x bare Sigma.",
  ];
  const { md } = writeResult("viz", {
    params: { sizes: SIZES, edgesPerNode: 5, overview: OVERVIEW, overviewStore: OVERVIEW_STORE.replace(/^.*\/bench\//, "bench/"), seconds: SECONDS, rounds: ROUNDS, viewport: "1600x1000" },
    seeds: { graph: SEED, positions: 1 },
    results,
    table: {
      title: "Viewer vs bare Sigma (same graph, same run)",
      headers: ["nodes", "edges", "load", "bare first frame ms", "viewer first frame ms", "first frame ratio", "bare CPU ms", "viewer CPU ms", "CPU ratio", "bare fps", "viewer fps", "fps ratio", "bare JS heap MB", "viewer JS heap MB", "targets met"],
      rows,
      notes,
    },
  });
  console.log(`wrote ${md}`);
}

await main();
