// RELIABILITY B10.1: graph data is never markup. An organisation named
// `<img src=x onerror="window.__xss=1">` and a quote holding
// `javascript:alert(1)` are searched, selected and opened in the viewer: no
// script runs, no dialog opens, no CSP violation happens, and the names
// appear as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fixtureBundles, XSS_NAME, xssBundle } from "./fixtures/fixture-graph.js";
import { launchChromium, openPage, pickSuggestion, screenshot, startViewerServer, type PageProblems, type ViewerServer } from "./helpers/viewer-harness.js";

describe("the viewer with hostile graph data", () => {
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    server = await startViewerServer([...fixtureBundles(), xssBundle()]);
    browser = await launchChromium();
    ({ page, problems } = await openPage(browser, server.url));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the markup name and the script URL as text in search, panel, quote and document", async () => {
    await pickSuggestion(page, "#search-input", "#search-results", "onerror");
    await page.waitForSelector("#panel-body .node-detail h2");
    expect(await page.textContent("#panel-body h2")).toBe(XSS_NAME);
    expect(await page.textContent("#panel-body")).toContain("javascript:alert(1)");
    await page.click("#panel-body button.quote");
    await page.waitForSelector("#document mark#highlight");
    expect(await page.textContent("#document-title")).toBe("Probe <script>alert(1)</script>");
    expect(await page.textContent("#document mark")).toContain(XSS_NAME);
    await screenshot(page, "viewer-xss");
    // Nothing of the data became an element: no <img src=x>, no <script> from data, no javascript: link.
    const injected = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.scripts].filter((s) => !s.src).length,
      jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => a.getAttribute("href")!.trim().toLowerCase().startsWith("javascript:")).length,
      handlers: [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
    }));
    expect(injected).toEqual({ imgs: 0, scripts: 0, jsLinks: 0, handlers: 0 });
  });

  it("ran no injected script, opened no dialog and violated no CSP rule", async () => {
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(problems).toEqual({ consoleErrors: [], dialogs: [], cspViolations: [], pageErrors: [] });
  });
});
