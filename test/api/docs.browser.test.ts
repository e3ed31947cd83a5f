// The OpenAPI UI at /docs in headless Debian Chromium: it renders every
// route under its own Content-Security-Policy with no violation.
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import { expect, test } from "vitest";
import { routeTable } from "../../api/app.js";
import { makeApp, seededStore } from "./helpers.js";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

test("/docs lists every API route and the page raises no CSP violation", async () => {
  const app = await makeApp(await seededStore());
  await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  try {
    const page = await browser.newPage();
    const violations: string[] = [];
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    await page.goto(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/docs/`, { waitUntil: "networkidle" });
    const routes = routeTable(app).filter((r) => r.url.startsWith("/api/")).length;
    await expect.poll(() => page.locator(".opblock").count(), { timeout: 20_000 }).toBe(routes);
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
    await app.close();
  }
}, 90_000);
