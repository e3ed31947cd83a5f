// Authentication and authorisation (RELIABILITY.md B5.9, OWASP API1/API2/API5):
// every write route against no key, wrong keys of the same and another
// length, a token in the query string, a read-only key, encoded paths; the
// role matrix; read keys when required; key parsing and the generated key file.
import { statSync, readFileSync, existsSync } from "node:fs";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { ensureKeyFile, findKey, loadKeys, parseKeys } from "../../api/keys.js";
import { bearer, fakeIngest, fingerprint, KEYS, makeApp, seededStore, tempDir, TOKENS } from "./helpers.js";
import type { MemoryStore } from "../../graph/memory-store.js";

const REVIEW = { decision: "accept" };
const TEXT_FILE = { "content-type": "text/plain", "x-file-name": "note.txt" };

/** The protected routes, each with a request that would succeed with the right key. */
const WRITES = [
  { name: "PATCH review", method: "PATCH" as const, url: "/api/relationships/TIE:kctu:rengo", payload: JSON.stringify(REVIEW), headers: { "content-type": "application/json" }, role: "reviewer" },
  { name: "POST upload", method: "POST" as const, url: "/api/documents", payload: "Rengo and KCTU met.", headers: TEXT_FILE, role: "reviewer" },
  { name: "DELETE document", method: "DELETE" as const, url: "/api/documents/paper-b", payload: undefined, headers: {}, role: "admin" },
];

let store: MemoryStore;
let app: FastifyInstance;
let logs = "";
beforeAll(async () => {
  store = await seededStore();
  const stream = new Writable({ write(chunk, _enc, cb) { logs += chunk.toString(); cb(); } });
  app = await makeApp(store, { logger: { level: "info", stream }, ingest: fakeIngest });
});
afterAll(async () => {
  await app.close();
});

describe("write routes refuse requests without a valid key", () => {
  const SAME_LENGTH = "x".repeat(TOKENS.reviewer.length);
  const cases: Array<[string, Record<string, string>, string]> = [
    ["no key", {}, ""],
    ["a wrong key of the same length", { authorization: `Bearer ${SAME_LENGTH}` }, ""],
    ["a wrong key of another length", { authorization: "Bearer short" }, ""],
    ["the right key in ?token=", {}, `?token=${TOKENS.admin}`],
    ["the right key in ?api_key=", {}, `?api_key=${TOKENS.admin}`],
    ["a Basic header with the token", { authorization: `Basic ${Buffer.from(`x:${TOKENS.admin}`).toString("base64")}` }, ""],
  ];
  for (const w of WRITES) {
    test.each(cases)(`${w.name} with %s is refused and changes nothing`, async (_what, headers, query) => {
      const before = await fingerprint(store);
      const res = await app.inject({ method: w.method, url: w.url + query, payload: w.payload, headers: { ...w.headers, ...headers } });
      expect([400, 401]).toContain(res.statusCode);
      expect(res.json().statusCode).toBe(res.statusCode);
      expect(await fingerprint(store)).toBe(before);
    });
  }
  test("a 401 says how to authenticate", async () => {
    const res = await app.inject({ method: "DELETE", url: "/api/documents/paper-b" });
    expect(res.statusCode).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
  });
});

describe("the role matrix", () => {
  test.each([
    ["reader", "PATCH review", 403],
    ["reader", "POST upload", 403],
    ["reader", "DELETE document", 403],
    ["reviewer", "DELETE document", 403],
  ])("a %s key on %s is a %i and changes nothing", async (role, route, status) => {
    const w = WRITES.find((x) => x.name === route)!;
    const before = await fingerprint(store);
    const res = await app.inject({ method: w.method, url: w.url, payload: w.payload, headers: { ...w.headers, ...bearer(role as "reader") } });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toContain(w.role);
    expect(await fingerprint(store)).toBe(before);
  });
  test("a reviewer key reviews, records who and when, and the X-API-Key header works too", async () => {
    const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:zenrokyo", payload: { decision: "reject", note: "misread" }, headers: { "x-api-key": TOKENS.reviewer } });
    expect(res.statusCode).toBe(200);
    expect(res.json().attributes.review).toMatchObject({ decision: "reject", by: "rita", note: "misread" });
    expect(Date.parse(res.json().attributes.review.at)).toBeGreaterThan(Date.now() - 60_000);
  });
  test("an admin key uploads and deletes", async () => {
    const up = await app.inject({ method: "POST", url: "/api/documents", payload: "Rengo met KCTU.", headers: { ...TEXT_FILE, ...bearer("admin") } });
    expect(up.statusCode).toBe(201);
    const del = await app.inject({ method: "DELETE", url: "/api/documents/paper-b", headers: bearer("admin") });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ id: "paper-b", deleted: true });
    expect((await app.inject("/api/documents/paper-b")).statusCode).toBe(404);
    expect((await app.inject("/api/relationships/OPPOSES:zenroren:jp-ph-epa")).statusCode).toBe(404);
  });
  test("reads stay open without a key, and a wrong key on a read is still a 401", async () => {
    expect((await app.inject("/api/organizations")).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/organizations", headers: { authorization: "Bearer nope-nope-nope-nope" } })).statusCode).toBe(401);
  });
});

describe("encoded and odd paths do not reach a protected handler", () => {
  test.each([
    ["PATCH", "/api/%72elationships/TIE:kctu:rengo"],
    ["PATCH", "/api//relationships/TIE:kctu:rengo"],
    ["PATCH", "/API/relationships/TIE:kctu:rengo"],
    ["PATCH", "/api/relationships/TIE%3Akctu%3Arengo"],
    ["DELETE", "/api/documents/paper-a/"],
    ["DELETE", "/api/documents/%70aper-a"],
    ["POST", "/api/documents/"],
  ])("%s %s without a key is a 401 or 404", async (method, url) => {
    const before = await fingerprint(store);
    const res = await app.inject({ method: method as "PATCH", url, payload: method === "DELETE" ? undefined : "{}", headers: method === "DELETE" ? {} : { "content-type": "application/json" } });
    expect([401, 404]).toContain(res.statusCode);
    expect(await fingerprint(store)).toBe(before);
  });
});

describe("secrets stay out of logs and bodies", () => {
  test("no token appears in the captured logs or in any error body", async () => {
    const bodies: string[] = [];
    for (const token of Object.values(TOKENS)) {
      bodies.push((await app.inject({ method: "DELETE", url: `/api/documents/x?token=${token}` })).body);
      bodies.push((await app.inject({ method: "DELETE", url: "/api/documents/x", headers: { authorization: `Bearer ${token}x` } })).body);
      bodies.push((await app.inject({ method: "GET", url: "/api/nodes/rengo", headers: { authorization: `Bearer ${token}` } })).body);
    }
    expect(logs.length).toBeGreaterThan(0);
    for (const token of Object.values(TOKENS)) {
      expect(logs).not.toContain(token);
      for (const body of bodies) expect(body).not.toContain(token);
    }
  });
});

describe("reads can require a key", () => {
  let locked: FastifyInstance;
  beforeAll(async () => {
    locked = await makeApp(await seededStore(), { readAuth: true });
  });
  afterAll(() => locked.close());
  test("without a key a read is a 401, with a reader key a 200", async () => {
    expect((await locked.inject("/api/organizations")).statusCode).toBe(401);
    expect((await locked.inject({ url: "/api/organizations", headers: bearer("reader") })).statusCode).toBe(200);
  });
  test("UNIONTIES_REQUIRE_READ_KEY=1 switches it on", async () => {
    const fromEnv = await makeApp(await seededStore(), { env: { UNIONTIES_REQUIRE_READ_KEY: "1" } });
    expect((await fromEnv.inject("/api/health")).statusCode).toBe(401);
    await fromEnv.close();
  });
});

describe("failed authentications are throttled", () => {
  test("after 10 failures in a minute a client gets 429 with Retry-After", async () => {
    const fresh = await makeApp(await seededStore(), { rateLimit: { reads: 10_000, writes: 10_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await fresh.inject({ url: "/api/nodes", headers: { authorization: `Bearer wrong-${i}-xxxxxxxxxxxx` } })).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    const last = await fresh.inject({ url: "/api/nodes", headers: { authorization: "Bearer wrong-again-xxxxxxxx" } });
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    await fresh.close();
  });
});

describe("keys", () => {
  test("UNIONTIES_API_KEYS is parsed into names and roles, never keeping the token", () => {
    const keys = parseKeys("ci:reader:0123456789abcdef0123, ops:admin:fedcba9876543210fedcba");
    expect(keys.map((k) => [k.name, k.role])).toEqual([["ci", "reader"], ["ops", "admin"]]);
    expect(JSON.stringify(keys)).not.toContain("0123456789abcdef0123");
    expect(findKey(keys, "fedcba9876543210fedcba")?.name).toBe("ops");
    expect(findKey(keys, "fedcba9876543210fedcbb")).toBeNull();
    expect(findKey(keys, undefined)).toBeNull();
  });
  test.each([
    ["an unknown role", "ci:root:0123456789abcdef0123"],
    ["a short token", "ci:reader:short"],
    ["a name with spaces", "c i:reader:0123456789abcdef0123"],
  ])("a key entry with %s is a configuration error that does not echo the token", (_what, spec) => {
    expect(() => parseKeys(spec)).toThrow(/api keys: entry 1/);
    try {
      parseKeys(spec);
    } catch (error) {
      expect(String(error)).not.toContain("0123456789abcdef0123");
    }
  });
  test("the generated key file holds 32 random bytes, mode 0600, and is loaded as an admin key", () => {
    const dir = tempDir();
    const { file, created } = ensureKeyFile(dir);
    expect(created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, "utf8").trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(ensureKeyFile(dir).created).toBe(false);
    const keys = loadKeys({}, dir);
    expect(keys).toHaveLength(1);
    expect(findKey(keys, token)?.role).toBe("admin");
    expect(loadKeys({ UNIONTIES_API_KEYS: `x:reader:${"r".repeat(20)}` }, dir)[0].role).toBe("reader");
    expect(existsSync(`${tempDir()}/api-key`)).toBe(false);
  });
  test("the configured keys are used by the app", () => {
    expect(KEYS.map((k) => k.role)).toEqual(["admin", "reviewer", "reader"]);
  });
});
