// The viewer in headless Debian Chromium against the real API: search and
// select, quotes opening their document, filters and the time slider, a path,
// a boomerang view, a shared link, every export, and no console errors.
// Screenshots go to test/.artifacts/.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fromCsv, fromGexf, fromGraphml, fromJson, parseCsv, parseXml, type XmlElement } from "../../graph/formats/index.js";
import { fixtureBundles } from "./fixtures/fixture-graph.js";
import { launchChromium, openPage, pickSuggestion, screenshot, startViewerServer, visibleCounts, type PageProblems, type ViewerServer } from "./helpers/viewer-harness.js";

type Hook = { __unionties: { visibleNodeIds: () => string[]; state: () => Record<string, unknown>; layoutFinished: () => Promise<void> } };

async function setRange(page: Page, selector: string, value: number): Promise<void> {
  await page.$eval(selector, (el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

function elements(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => elements(c, name))];
}

describe("the viewer", () => {
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    server = await startViewerServer(fixtureBundles());
    browser = await launchChromium();
    ({ page, problems } = await openPage(browser, server.url));
    await page.evaluate(() => (window as unknown as Hook).__unionties.layoutFinished());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws the graph with a legend, absent relationships hidden", async () => {
    const counts = await visibleCounts(page);
    expect(counts).toEqual({ nodes: 12, edges: 16 }); // Thai unions have only an absent tie
    expect(await page.locator("#legend li").count()).toBeGreaterThan(8);
    await screenshot(page, "viewer-loaded");
  });

  it("shows a relationship's type and quote when the pointer is on its edge", async () => {
    const mid = await page.evaluate(() => {
      const s = (window as unknown as { __unionties: { sigma: () => { getGraph: () => { getNodeAttributes: (n: string) => { x: number; y: number } }; graphToViewport: (p: { x: number; y: number }) => { x: number; y: number } } } }).__unionties.sigma();
      const [a, b] = ["rengo", "fktu"].map((n) => s.graphToViewport(s.getGraph().getNodeAttributes(n)));
      const box = document.getElementById("graph")!.getBoundingClientRect();
      return { x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2 };
    });
    // The picking layer is a few pixels wide; sweep across the line.
    for (let d = -4; d <= 4 && (await page.isHidden("#edge-tooltip")); d++) await page.mouse.move(mid.x, mid.y + d);
    expect(await page.textContent("#edge-tooltip strong")).toBe("tie: FKTU — Rengo");
    expect(await page.textContent("#edge-tooltip")).toContain("Rengo has maintained strong ties with the FKTU since 1990.");
    await page.mouse.move(5, 500);
  });

  it("finds Rengo by search and lists its relationships with their quotes", async () => {
    await pickSuggestion(page, "#search-input", "#search-results", "Rengo");
    await page.waitForSelector("#panel-body .node-detail h2");
    expect(await page.textContent("#panel-body h2")).toBe("Rengo");
    expect(await page.locator("#panel-body .rel").count()).toBe(6);
    const panel = await page.textContent("#panel-body");
    expect(panel).toContain("Rengo is a member of the ITUC.");
    expect(panel).toContain("Zenroren opposes this");
    expect(await page.getAttribute("#panel", "aria-live")).toBe("polite");
    expect(page.url()).toContain("sel=rengo");
    await screenshot(page, "viewer-rengo");
  });

  it("opens a quote's document scrolled to the highlighted passage", async () => {
    await page.click('#panel-body button.quote:has-text("Rengo finances 80%")');
    await page.waitForSelector("#document mark#highlight");
    expect(await page.textContent("#document mark")).toBe("Rengo finances 80% of the budget of JILAF.");
    expect(await page.textContent("#document-title")).toBe("Japanese Unions and Regional Integration");
    const [mark, box] = await Promise.all([page.locator("#document mark").boundingBox(), page.locator("#document .document-text").boundingBox()]);
    expect(mark!.y).toBeGreaterThanOrEqual(box!.y);
    expect(mark!.y + mark!.height).toBeLessThanOrEqual(box!.y + box!.height);
    await screenshot(page, "viewer-document");
    await page.keyboard.press("Escape");
    expect(await page.isHidden("#document")).toBe(true);
  });

  it("changes what is drawn with the type filter, the time slider and the confidence filter", async () => {
    await page.click("#panel-body button.link >> nth=0"); // any neighbour; then clear the selection
    await page.evaluate(() => (location.hash = ""));
    const all = await visibleCounts(page);
    await page.uncheck('#filter-types input[value="TIE"]');
    // Six ties go, and with them Zenrokyo and KMU, which have no other relationship.
    expect(await visibleCounts(page)).toEqual({ nodes: all.nodes - 2, edges: all.edges - 6 });
    expect(page.url()).toMatch(/types=[A-Z_,]+/);
    await page.check('#filter-types input[value="TIE"]');
    expect(await visibleCounts(page)).toEqual(all);

    await setRange(page, "#year-slider", 1995);
    const in1995 = await visibleCounts(page);
    expect(in1995.edges).toBe(all.edges - 4); // ties dated 1999, 2001, 2004 and 2009 are not there yet
    expect(in1995.nodes).toBe(all.nodes - 2); // Zenrokyo and KMU have no tie yet
    const shown = await page.evaluate(() => (window as unknown as Hook).__unionties.visibleNodeIds());
    expect(shown).not.toContain("zenrokyo");
    expect(shown).not.toContain("kmu");
    expect(shown).toContain("rengo");
    expect(page.url()).toContain("to=1995");
    await screenshot(page, "viewer-1995");

    await page.click("#year-play");
    await page.waitForFunction(() => Number((window as unknown as Hook).__unionties.state().toYear) > 1991, undefined, { timeout: 5000 });
    await page.click("#year-play");
    await page.click("#year-clear");
    expect(await visibleCounts(page)).toEqual(all);

    await setRange(page, "#min-confidence", 0.9);
    expect((await visibleCounts(page)).edges).toBe(0);
    await setRange(page, "#min-confidence", 0);
    await page.check("#show-absent");
    expect(await visibleCounts(page)).toEqual({ nodes: all.nodes + 1, edges: all.edges + 1 }); // Thai unions appear
    await page.uncheck("#show-absent");
    await page.check("#show-isolated");
    expect(await visibleCounts(page)).toEqual({ nodes: all.nodes + 1, edges: all.edges });
    await page.uncheck("#show-isolated");
  });

  it("highlights the path from Zenrokyo to KCTU and lists its hops with quotes", async () => {
    await pickSuggestion(page, "#path-from", "#path-from-results", "Zenrokyo");
    await pickSuggestion(page, "#path-to", "#path-to-results", "KCTU");
    await page.click("#path-find");
    await page.waitForSelector("#panel-body .path-detail .hop");
    expect(await page.locator("#panel-body .hop").count()).toBe(2);
    const text = await page.textContent("#panel-body");
    expect(text).toContain("Zenrokyo cooperates with the KMU since 2004.");
    expect(text).toContain("The KMU and the KCTU hold regular solidarity visits since 2001.");
    expect(page.url()).toContain("path=zenrokyo~kctu");
    await screenshot(page, "viewer-path");
  });

  it("reproduces the picture from a shared link", async () => {
    const url = page.url();
    const other = await openPage(browser, url);
    await other.page.waitForSelector("#panel-body .path-detail .hop");
    expect(await visibleCounts(other.page)).toEqual(await visibleCounts(page));
    expect(await other.page.locator("#panel-body .hop").count()).toBe(2);
    await other.page.context().close();
    await page.click("#path-clear");
  });

  it("draws boomerangs for Japan in Keck and Sikkink's arrangement", async () => {
    await page.fill("#boomerang-query", "JP");
    await page.click("#boomerang-find");
    await page.waitForSelector("#panel-body .boomerang-instance");
    const first = page.locator("#panel-body .boomerang-instance.complete").first();
    expect(await first.locator('[data-role="domestic"]').textContent()).toContain("Ijuren");
    expect(await first.locator('[data-role="state"]').textContent()).toContain("Ministry of Justice");
    expect(await first.locator(".leg.present").count()).toBe(4);
    const partial = page.locator("#panel-body .boomerang-instance.partial").first();
    expect(await partial.locator(".leg.missing line[stroke-dasharray]").count()).toBeGreaterThan(0);
    expect(await partial.locator(".leg.missing text").first().textContent()).toMatch(/^missing: /);
    await screenshot(page, "viewer-boomerang");
  });

  it("downloads every export of the current view as a valid file", async () => {
    await page.evaluate(() => (location.hash = ""));
    await page.fill("#export-title", "Fixture view");
    const counts = await visibleCounts(page);
    const ids = await page.evaluate(() => (window as unknown as Hook).__unionties.visibleNodeIds());
    const download = async (id: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
      return readFileSync((await file.path())!);
    };
    const svg = parseXml((await download("export-svg")).toString("utf8"));
    const drawn = elements(svg, "g").filter((g) => g.attrs.class === "node").map((g) => g.attrs["data-id"]).sort();
    expect(drawn).toEqual(ids);
    expect(elements(svg, "text").some((t) => t.text === "Fixture view")).toBe(true);
    const png = await download("export-png");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(3000);
    for (const [id, read] of [["export-gexf", fromGexf], ["export-graphml", fromGraphml], ["export-json", fromJson]] as const) {
      const g = read((await download(id)).toString("utf8"));
      expect({ id, nodes: g.nodes.length, edges: g.edges.length }).toEqual({ id, ...counts });
    }
    const nodesCsv = (await download("export-csv-nodes")).toString("utf8");
    const edgesCsv = (await download("export-csv-edges")).toString("utf8");
    expect(parseCsv(nodesCsv).length - 1).toBe(counts.nodes);
    const g = fromCsv(nodesCsv, edgesCsv);
    expect(g.edges.length).toBe(counts.edges);
  });

  it("raised no console error, page error, dialog or CSP violation", () => {
    expect(problems).toEqual({ consoleErrors: [], dialogs: [], cspViolations: [], pageErrors: [] });
  });
});
