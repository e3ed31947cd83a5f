// The viewer on a graph larger than its limit, in headless Debian Chromium
// against the real API: a generated scale-free graph of 12,000 organisations
// opened with ?top=300 draws the overview (the 300 best-connected and the
// relationships among them) under a notice saying so; searching for an
// organisation outside it brings that organisation in with its ties; the node
// panel's offer brings in a hub's other relationships. The same graph opened
// with a limit above its size draws whole, without the notice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import type { NodeDetail } from "../../graph/store.js";
import { launchChromium, openPage, pickSuggestion, screenshot, startViewerServer, visibleCounts, type PageProblems, type ViewerServer } from "./helpers/viewer-harness.js";

const NODES = 12_000;
const LIMIT = 300;

type Hook = {
  __unionties: {
    overview: () => { shown: number; totalNodes: number } | null;
    graphOrder: () => number;
    visibleNodeIds: () => string[];
    sigma: () => { getGraph: () => { hasNode: (n: string) => boolean; hasEdge: (e: string) => boolean } };
  };
};
const order = (page: Page) => page.evaluate(() => (window as unknown as Hook).__unionties.graphOrder());
const drawnIds = async (page: Page) => new Set(await page.evaluate(() => (window as unknown as Hook).__unionties.visibleNodeIds()));

describe("the viewer on a graph larger than its limit", () => {
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    server = await startViewerServer([]);
    const { graph } = generateScaleFree({ nodes: NODES, m: 3, seed: 7 });
    await server.store.importGraph(graph, { mode: "replace" });
    browser = await launchChromium();
    ({ page, problems } = await openPage(browser, `${server.url}/?top=${LIMIT}&layout=off`));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws only the best-connected organisations under a notice that says so", async () => {
    expect(await order(page)).toBe(LIMIT);
    expect(await page.evaluate(() => (window as unknown as Hook).__unionties.overview())).toEqual({ shown: LIMIT, totalNodes: NODES, totalRelationships: expect.any(Number) });
    expect(await page.isVisible("#overview-notice")).toBe(true);
    expect(await page.textContent("#overview-notice")).toBe(`Overview: the 300 best-connected of 12,000 organisations. Search or open a node to see its ties.`);
    // They are the API's overview, drawn as any graph is: organisations without a tie among them are hidden (showIsolated off).
    const overview = (await (await fetch(`${server.url}/api/graph?withoutDocuments=true&top=${LIMIT}`)).json()) as { nodes: Array<{ key: string }>; edges: Array<{ source: string; target: string }> };
    expect(overview.nodes).toHaveLength(LIMIT);
    const tied = new Set(overview.edges.flatMap((e) => [e.source, e.target]));
    expect(tied.size).toBeGreaterThan(LIMIT - 10);
    expect([...(await drawnIds(page))].sort()).toEqual(overview.nodes.map((n) => n.key).filter((k) => tied.has(k)).sort());
    expect(await visibleCounts(page)).toEqual({ nodes: tied.size, edges: overview.edges.length });
    await screenshot(page, "overview-loaded");
  });

  it("brings in an organisation found by search, with its ties", async () => {
    const target = `o${NODES - 1}`; // the last one added: degree 3, far from the top
    const detail = (await (await fetch(`${server.url}/api/nodes/${target}`)).json()) as NodeDetail;
    const has = (ids: string[]) => page.evaluate((list) => list.map((id) => (window as unknown as Hook).__unionties.sigma().getGraph().hasNode(id)), ids);
    expect(await has([target])).toEqual([false]);
    const neighbours = detail.neighbours.map((n) => n.id);
    const missing = (await has(neighbours)).filter((present) => !present).length;
    await pickSuggestion(page, "#search-input", "#search-results", `Organisation ${NODES - 1}`);
    await page.waitForSelector(`#panel-body .node-detail[data-node="${target}"]`);
    const drawn = await drawnIds(page);
    expect(drawn.has(target)).toBe(true);
    for (const n of neighbours) expect(drawn.has(n), n).toBe(true);
    expect(await order(page)).toBe(LIMIT + missing + 1);
    expect(await page.textContent("#overview-notice")).toContain(`(and ${missing + 1} brought in)`);
    expect(page.url()).toContain(`sel=${target}`);
    await screenshot(page, "overview-searched");
  });

  it("brings in a hub's other relationships from the node panel", async () => {
    const before = await order(page);
    const ids = await drawnIds(page);
    // The hub: the drawn organisation with the most relationships in the store.
    const hub = "o0";
    expect(ids.has(hub)).toBe(true);
    const detail = (await (await fetch(`${server.url}/api/nodes/${hub}`)).json()) as NodeDetail;
    const missing = detail.neighbours.filter((n) => !ids.has(n.id));
    expect(missing.length).toBeGreaterThan(10);
    await page.evaluate(() => (document.getElementById("focus-depth") as HTMLSelectElement).value = "0");
    await pickSuggestion(page, "#search-input", "#search-results", "Organisation 0");
    await page.waitForSelector(`#panel-body .node-detail[data-node="${hub}"] .expand-button`);
    const offer = await page.textContent("#panel-body .expand-button");
    expect(offer).toMatch(/^Bring in [\d,]+ more of its relationships$/);
    await page.click("#panel-body .expand-button");
    await page.waitForFunction((n) => (window as unknown as Hook).__unionties.graphOrder() > n, before);
    expect(await order(page)).toBe(before + missing.length);
    const graphHas = await page.evaluate((list) => list.map((id) => (window as unknown as Hook).__unionties.sigma().getGraph().hasNode(id)), detail.neighbours.map((n) => n.id));
    expect(graphHas.every(Boolean)).toBe(true);
    const edgesHas = await page.evaluate((list) => list.map((id) => (window as unknown as Hook).__unionties.sigma().getGraph().hasEdge(id)), detail.relationships.map((r) => r.id));
    expect(edgesHas.every(Boolean)).toBe(true);
    // Everything is drawn now: the offer is gone.
    await page.waitForSelector(`#panel-body .node-detail[data-node="${hub}"]`);
    expect(await page.locator("#panel-body .expand-button").count()).toBe(0);
    await screenshot(page, "overview-expanded");
  });

  it("brings in a path's organisations and hops outside the overview", async () => {
    const [from, to] = [`o${NODES - 2}`, `o${NODES - 3}`];
    const { paths } = (await (await fetch(`${server.url}/api/paths/shortest?from=${from}&to=${to}`)).json()) as { paths: Array<{ nodes: Array<{ id: string }>; hops: Array<{ relationship: { id: string } }> }> };
    expect(paths[0].hops.length).toBeGreaterThan(1);
    const ids = paths[0].nodes.map((n) => n.id);
    await page.fill("#path-from", from);
    await page.fill("#path-to", to);
    await page.click("#path-find");
    await page.waitForSelector("#panel-body .path-detail");
    const drawn = await drawnIds(page);
    for (const id of ids) expect(drawn.has(id), id).toBe(true);
    const edges = await page.evaluate((list) => list.map((id) => (window as unknown as Hook).__unionties.sigma().getGraph().hasEdge(id)), paths[0].hops.map((h) => h.relationship.id));
    expect(edges.every(Boolean)).toBe(true);
    await page.click("#path-clear");
  });

  it("draws the whole graph without a notice when it is within the limit", async () => {
    const { page: whole } = await openPage(browser, `${server.url}/?top=${NODES}&layout=off`);
    expect(await order(whole)).toBe(NODES);
    expect(await whole.isHidden("#overview-notice")).toBe(true);
    expect(await whole.evaluate(() => (window as unknown as Hook).__unionties.overview())).toBeNull();
    await whole.context().close();
  }, 120_000);

  it("raised no console error, page error, dialog or CSP violation", () => {
    expect(problems).toEqual({ consoleErrors: [], dialogs: [], cspViolations: [], pageErrors: [] });
  });
});
