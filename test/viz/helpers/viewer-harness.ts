// Browser-test harness: the real API (buildApp) over a memory store in a
// temp dir, listening on 127.0.0.1 port 0 and serving the built viewer, and
// headless Debian Chromium driven by playwright-core. Pages record console
// errors, dialogs and CSP violations so tests can assert there were none.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { buildApp } from "../../../api/app.js";
import { MemoryStore } from "../../../graph/memory-store.js";
import type { DocumentBundle } from "../../../graph/types.js";

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, "../../..");
/** Where tests save screenshots (git-ignored). */
export const ARTIFACTS = join(ROOT, "test", ".artifacts");
/** Chromium flags for these machines (no sandbox, no GPU, no network chatter). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the viewer into viz/dist when it is missing or older than its sources (npm test builds it first). */
export async function ensureViewerBuilt(): Promise<string> {
  const dist = join(ROOT, "viz", "dist");
  const index = join(dist, "index.html");
  if (!existsSync(index) || statSync(index).mtimeMs < newestSource(join(ROOT, "viz"))) {
    await build({ configFile: join(ROOT, "viz", "vite.config.ts"), logLevel: "warn" });
  }
  return dist;
}

/** Launches headless Chromium from Debian. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export interface ViewerServer {
  url: string;
  store: MemoryStore;
  close(): Promise<void>;
}

/**
 * Starts the API with a fresh memory store holding `bundles`, or the seeds
 * ingested when `bundles` is "seeds" (needs ingest/index.ts ingestPaths).
 */
export async function startViewerServer(bundles: DocumentBundle[] | "seeds"): Promise<ViewerServer> {
  const viewerDir = await ensureViewerBuilt();
  const dir = mkdtempSync(join(tmpdir(), "unionties-viz-"));
  const store = new MemoryStore({ dir });
  await store.open();
  if (bundles === "seeds") {
    const modulePath = "../../../ingest/index.js"; // not typed here: ingest lands separately
    const ingest = (await import(modulePath)) as unknown as { ingestPaths: (store: unknown, paths: string[], options?: unknown) => Promise<unknown> };
    await ingest.ingestPaths(store, [join(ROOT, "seeds")]);
  } else {
    for (const bundle of bundles) await store.upsertDocument(bundle);
  }
  const app = await buildApp({ store, dataDir: dir, viewerDir, rateLimit: false, logger: false, auth: { keys: [] }, readAuth: false, env: {} });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** What a page reported that a test wants to be empty. */
export interface PageProblems {
  consoleErrors: string[];
  dialogs: string[];
  cspViolations: string[];
  pageErrors: string[];
}

/** A new page at 1600x1000 that records console errors, dialogs (dismissed) and CSP violations. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], dialogs: [], cspViolations: [], pageErrors: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(String(error)));
  page.on("dialog", (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.exposeFunction("__reportCsp", (text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __unionties?: { ready: boolean } }).__unionties?.ready === true, undefined, { timeout: 30_000 });
  return { page, problems };
}

/** Saves a screenshot under test/.artifacts and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The viewer's test hook: counts of what is drawn. */
export function visibleCounts(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.evaluate(() => (window as unknown as { __unionties: { visibleCounts: () => { nodes: number; edges: number } } }).__unionties.visibleCounts());
}

/** Types `text` into an autocomplete input and picks the first suggestion of `list`. */
export async function pickSuggestion(page: Page, input: string, list: string, text: string): Promise<void> {
  await page.fill(input, text);
  await page.waitForSelector(`${list} li`, { state: "visible" });
  await page.keyboard.press("Enter");
}
