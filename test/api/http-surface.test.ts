// The HTTP surface (RELIABILITY.md B5.2, B5.3, B5.7, B5.8 and OWASP API5/API9):
// the Content-Type bypass battery on every body route, prototype poisoning,
// security headers, CORS and verbs, per-client rate limits, and the
// inventory: every route in the OpenAPI document with request and response
// schemas and a role.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { routeTable } from "../../api/app.js";
import type { GraphStore } from "../../graph/store.js";
import type { IngestBytes } from "../../api/ingest-port.js";
import { bearer, fakeIngest, fingerprint, makeApp, seededStore, tempDir } from "./helpers.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A seeded store that counts review calls, and an ingest that counts uploads. */
async function spied() {
  const calls = { review: 0, ingest: 0 };
  const real = await seededStore();
  const store = new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "reviewRelationship") return (...args: unknown[]) => (calls.review++, (value as Function).apply(target, args));
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as GraphStore;
  const ingest: IngestBytes = async (s, u) => (calls.ingest++, fakeIngest(s, u));
  return { store, ingest, calls, real };
}

const INVALID_REVIEW = JSON.stringify({ decision: "maybe", origin: "manual", confidence: 1 });
const CONTENT_TYPES: Array<[string, string | undefined]> = [
  ["1 trailing tab", "application/json\t"],
  ["2 leading space", " application/json"],
  ["3 upper case", "APPLICATION/JSON"],
  ["4 trailing semicolon", "application/json;"],
  ["5 spaced charset", "application/json ; charset=utf-8"],
  ["6 utf-16 charset", "application/json;charset=utf-16"],
  ["7 jsonx", "application/jsonx"],
  ["8 text/plain", "text/plain"],
  ["9 form-urlencoded", "application/x-www-form-urlencoded"],
  ["10 multipart without boundary", "multipart/form-data"],
  ["11 constructor", "constructor"],
  ["12 __proto__", "__proto__"],
  ["13 empty", ""],
  ["14 absent", undefined],
];

describe("Content-Type bypass battery (B5.2)", () => {
  let app: FastifyInstance;
  let ctx: Awaited<ReturnType<typeof spied>>;
  beforeAll(async () => {
    ctx = await spied();
    app = await makeApp(ctx.store, { ingest: ctx.ingest });
  });
  afterAll(() => app.close());

  test.each(CONTENT_TYPES)("PATCH review with Content-Type %s never reaches the handler", async (_n, type) => {
    const headers: Record<string, string> = { ...bearer("admin") };
    if (type !== undefined) headers["content-type"] = type;
    const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload: INVALID_REVIEW, headers });
    expect([400, 413, 415]).toContain(res.statusCode);
    expect(ctx.calls.review).toBe(0);
  });
  test.each(CONTENT_TYPES)("POST upload of an invalid JSON body with Content-Type %s never reaches the ingest", async (_n, type) => {
    const headers: Record<string, string> = { ...bearer("admin") };
    if (type !== undefined) headers["content-type"] = type;
    const res = await app.inject({ method: "POST", url: "/api/documents", payload: INVALID_REVIEW, headers });
    expect([400, 413, 415]).toContain(res.statusCode);
    expect(ctx.calls.ingest).toBe(0);
  });
  test("a JSON body of 1 MiB + 1 is a 413", async () => {
    const note = "n".repeat(1024 * 1024);
    const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload: JSON.stringify({ decision: "accept", note }), headers: { "content-type": "application/json", ...bearer("admin") } });
    expect(res.statusCode).toBe(413);
    expect(ctx.calls.review).toBe(0);
  });
});

describe("prototype poisoning and mass assignment (B5.3, API3)", () => {
  test.each([
    ['{"decision":"accept","__proto__":{"isAdmin":true}}'],
    ['{"decision":"accept","constructor":{"prototype":{"isAdmin":true}}}'],
    ['{"decision":"correct","changes":{"__proto__":{"strength":"strong"}}}'],
    ['{"decision":"accept","origin":"manual"}'],
    ['{"decision":"accept","confidence":1}'],
    ['{"decision":"accept","evidence":[]}'],
    ['{"decision":"accept","polarity":"absent"}'],
    ['{"decision":"correct","changes":{"confidence":1}}'],
    ['{"decision":"correct"}'],
    ['{"decision":"accept","changes":{"strength":"weak"}}'],
  ])("%s is a 400 and changes nothing", async (payload) => {
    const { store, calls, real } = await spied();
    const app = await makeApp(store);
    const before = await fingerprint(real);
    const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload, headers: { "content-type": "application/json", ...bearer("admin") } });
    await app.close();
    expect(res.statusCode).toBe(400);
    expect(calls.review).toBe(0);
    expect(await fingerprint(real)).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
  test("a correction changes only the allowed attributes and is kept with who and when", async () => {
    const { store } = await spied();
    const app = await makeApp(store);
    const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload: { decision: "correct", changes: { strength: "strong", since: 1995 } }, headers: bearer("reviewer") });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.json().attributes).toMatchObject({ strength: "strong", since: 1995, origin: "reviewed", review: { by: "rita", decision: "correct" } });
  });
});

describe("security headers, CORS and verbs (B5.7)", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const viewer = tempDir("unionties-viewer-");
    mkdirSync(join(viewer, "assets"));
    writeFileSync(join(viewer, "index.html"), '<!doctype html><html><head><script type="module" crossorigin src="/assets/main.js"></script></head><body></body></html>');
    writeFileSync(join(viewer, "assets", "main.js"), "console.log(1)");
    app = await makeApp(await seededStore(), { viewerDir: viewer, cors: ["https://allowed.example"] });
  });
  afterAll(() => app.close());

  test.each([["/"], ["/assets/main.js"], ["/api/health"], ["/api/nodes/nobody"], ["/docs/json"]])("%s carries the helmet headers and a CSP without unsafe-eval or script unsafe-inline", async (url) => {
    const res = await app.inject(url);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const script = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(script).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
  test("the built viewer is served at /", async () => {
    const res = await app.inject("/");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("/assets/main.js");
  });
  test("a foreign origin gets no CORS grant, an allowed one does", async () => {
    const evil = await app.inject({ method: "OPTIONS", url: "/api/nodes", headers: { origin: "http://evil.example", "access-control-request-method": "GET" } });
    expect(evil.headers["access-control-allow-origin"]).toBeUndefined();
    const plain = await app.inject({ url: "/api/nodes", headers: { origin: "http://evil.example" } });
    expect(plain.headers["access-control-allow-origin"]).toBeUndefined();
    const ok = await app.inject({ url: "/api/nodes", headers: { origin: "https://allowed.example" } });
    expect(ok.headers["access-control-allow-origin"]).toBe("https://allowed.example");
    expect(ok.headers["access-control-allow-credentials"]).toBeUndefined();
  });
  test("CORS is off by default", async () => {
    const plain = await makeApp(await seededStore());
    const res = await plain.inject({ url: "/api/nodes", headers: { origin: "https://allowed.example" } });
    await plain.close();
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });
  test.each([
    ["TRACE", "/api/nodes"], ["PUT", "/api/nodes/rengo"], ["DELETE", "/api/nodes/rengo"], ["POST", "/api/graph"],
    ["PUT", "/api/relationships/TIE:kctu:rengo"], ["DELETE", "/api/relationships/TIE:kctu:rengo"], ["PATCH", "/api/documents/paper-a"], ["POST", "/api/stats"],
  ])("%s %s is a 404 or 405", async (method, url) => {
    const res = await app.inject({ method: method as "PUT", url, headers: bearer("admin") });
    expect([404, 405]).toContain(res.statusCode);
  });
});

describe("rate limiting (B5.8)", () => {
  async function burst(app: FastifyInstance, n: number, headers: () => Record<string, string>) {
    const statuses: number[] = [];
    let retryAfter = true;
    for (let i = 0; i < n; i++) {
      const res = await app.inject({ url: "/api/health", headers: headers() });
      statuses.push(res.statusCode);
      if (res.statusCode === 429 && !res.headers["retry-after"]) retryAfter = false;
    }
    return { ok: statuses.filter((s) => s === 200).length, limited: statuses.filter((s) => s === 429).length, retryAfter };
  }
  test("1 100 reads from one client: 300 pass, 800 get 429 with Retry-After, and rotating X-Forwarded-For gains nothing", async () => {
    for (const headers of [() => ({}), () => ({ "x-forwarded-for": `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.1` })]) {
      const app = await makeApp(await seededStore(), { rateLimit: {} });
      const r = await burst(app, 1100, headers);
      await app.close();
      expect(r.ok).toBe(300);
      expect(r.limited).toBe(800);
      expect(r.retryAfter).toBe(true);
    }
  });
  test("requests to unknown paths count toward the limit too", async () => {
    const app = await makeApp(await seededStore(), { rateLimit: { reads: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await app.inject(`/api/unknown-${i}`)).statusCode);
    await app.close();
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
  });
  test("writes are limited to 10 a minute per client, wrong tokens included", async () => {
    const app = await makeApp(await seededStore(), { rateLimit: {} });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload: { decision: "accept" }, headers: { authorization: `Bearer wrong-token-${i}-xxxxxxxx` } });
      statuses.push(res.statusCode);
    }
    await app.close();
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });
});

describe("inventory (API5, API9)", () => {
  let app: FastifyInstance;
  let spec: any;
  beforeAll(async () => {
    app = await makeApp(await seededStore());
    spec = (await app.inject("/docs/json")).json();
  });
  afterAll(() => app.close());

  test("every /api route is in the OpenAPI document with its parameters and responses", () => {
    const api = routeTable(app).filter((r) => r.url.startsWith("/api/"));
    expect(api.length).toBeGreaterThanOrEqual(25);
    for (const r of api) {
      const path = r.url.replace(/:([A-Za-z]+)/g, "{$1}");
      const op = spec.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} missing from the spec`).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["400", "500"]));
      const success = Object.keys(op.responses).find((c) => c.startsWith("2"));
      expect(success, `${r.method} ${r.url} has no success response`).toBeDefined();
      if (r.url.includes(":")) expect(op.parameters?.some((p: any) => p.in === "path")).toBe(true);
      if (r.method === "PATCH") expect(op.requestBody).toBeDefined();
    }
  });
  test("every route has a role, and writes need more than public", () => {
    const table = routeTable(app).filter((r) => r.url.startsWith("/api/"));
    for (const r of table) {
      expect(["public", "reader", "reviewer", "admin"]).toContain(r.role);
      if (r.method !== "GET") expect(["reviewer", "admin"]).toContain(r.role);
    }
    expect(table.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.url} ${r.role}`).sort()).toEqual([
      "DELETE /api/documents/:id admin",
      "PATCH /api/relationships/:id reviewer",
      "POST /api/documents reviewer",
    ]);
  });
  test("every query and body schema is closed (additionalProperties false)", () => {
    for (const r of routeTable(app).filter((x) => x.url.startsWith("/api/"))) {
      for (const part of ["querystring", "body", "params"] as const) {
        const s = r.schema?.[part] as { additionalProperties?: boolean } | undefined;
        if (s) expect(s.additionalProperties, `${r.method} ${r.url} ${part}`).toBe(false);
      }
    }
  });
});

describe("every route declares its query", () => {
  test("every /api route has a querystring schema, so an unknown parameter is a 400 everywhere", async () => {
    const app = await makeApp(await seededStore());
    for (const r of routeTable(app).filter((x) => x.url.startsWith("/api/"))) expect(r.schema?.querystring, `${r.method} ${r.url}`).toBeDefined();
    expect((await app.inject("/api/health?debug=1")).statusCode).toBe(400);
    await app.close();
  });
});
