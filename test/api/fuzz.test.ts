// Property-based fuzzing of every route (RELIABILITY.md B5.1): fast-check
// derives valid and hostile values from each route's own schema (params,
// query, body) and adds schema-violating mutations (unknown and repeated
// keys, over-long strings, 1 MB values, 1e309, -0, "10", __proto__, NUL,
// lone surrogates, bad percent-encoding, deep nesting, other verbs, every
// kind of key). At least 10 000 requests; none may be a 5xx, none may leak
// internals, every error is the one error shape, and every request that
// breaks its schema is refused with a 4xx.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { routeTable, type RouteEntry } from "../../api/app.js";
import { bearer, fakeIngest, LEAK, makeApp, seededStore, TOKENS } from "./helpers.js";

interface Schema {
  type?: string;
  enum?: string[];
  const?: unknown;
  anyOf?: Schema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const MEGA = "m".repeat(1_000_000);
const KNOWN_IDS = ["rengo", "kctu", "zenrokyo", "ituc", "mofa", "ijuren", "jp-ph-epa", "zenroren", "toyota", "paper-a", "paper-b", "nobody"];
const KNOWN_RELS = ["TIE:kctu:rengo", "MEMBER_OF:rengo:ituc", "BLOCKS:mofa:ijuren", "TIE:rengo:zenroren:absent", "PRESSURES:ituc:mofa", "TIE:a:b"];
/** Values sent raw (already percent-encoded or deliberately broken). */
const RAW_HOSTILE = ["%00", "%ED%A0%80", "%ff%fe", "%c3%28", "%E2%82", "..%2f..%2fetc", "%252e%252e", "a%20b", "%"];
/** Values sent percent-encoded. */
const HOSTILE = ["", "1e309", "-0", "10", "0.5", "-1", "NaN", "null", "true", "[]", "{}", "__proto__", "constructor", "../../etc/passwd", "' OR 1=1 //", "MATCH (n) DETACH DELETE n", "x".repeat(201), "9".repeat(400), "rengo\u0000", "\u202Eevil", "😀".repeat(60), MEGA];

type Req = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer; invalid: string | null; route: string };

function valueArb(schema: Schema, name: string): fc.Arbitrary<{ text: string; raw: boolean; overLong: boolean }> {
  const ok = (a: fc.Arbitrary<string>) => a.map((text) => ({ text, raw: false, overLong: false }));
  let valid: fc.Arbitrary<string>;
  if (schema.enum) valid = fc.constantFrom(...schema.enum);
  else if (schema.anyOf?.every((s) => s.const !== undefined)) valid = fc.constantFrom(...schema.anyOf.map((s) => String(s.const)));
  else if (schema.format === "uuid") valid = fc.uuid();
  else if (schema.type === "integer") valid = fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1000, 1_000_000) }).map(String);
  else if (schema.type === "number") valid = fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 10, noNaN: true }).map(String);
  else if (schema.type === "boolean") valid = fc.constantFrom("true", "false");
  else if (name === "id" && schema.pattern?.startsWith("^(")) valid = fc.constantFrom(...KNOWN_RELS);
  else if (["id", "from", "to", "org"].includes(name)) valid = fc.oneof(fc.constantFrom(...KNOWN_IDS), fc.stringMatching(new RegExp(schema.pattern ?? ".*", "u")).filter((s) => s.length <= (schema.maxLength ?? 200)));
  else if (schema.pattern) valid = fc.stringMatching(new RegExp(schema.pattern, "u")).filter((s) => s.length > 0 && s.length <= (schema.maxLength ?? 1000));
  else valid = fc.string({ maxLength: Math.min(schema.maxLength ?? 50, 50) });
  const max = schema.maxLength;
  return fc.oneof(
    { weight: 14, arbitrary: ok(valid) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE).map((text) => ({ text, raw: false, overLong: max !== undefined && text.length > max })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_HOSTILE).map((text) => ({ text, raw: true, overLong: false })) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }).map((text) => ({ text, raw: false, overLong: max !== undefined && text.length > max })) },
  );
}

function encode(v: { text: string; raw: boolean }): string {
  if (v.raw) return v.text;
  try {
    return encodeURIComponent(v.text);
  } catch {
    return "%ED%A0%80"; // a lone surrogate cannot be encoded: send its raw UTF-8 bytes instead
  }
}

function queryArb(schema: Schema | undefined): fc.Arbitrary<{ qs: string; invalid: string | null }> {
  const props = Object.entries(schema?.properties ?? {});
  const required = new Set(schema?.required ?? []);
  const entries = props.map(([name, s]) =>
    (required.has(name) ? fc.oneof({ weight: 9, arbitrary: valueArb(s, name).map((v) => ({ v, absent: false })) }, { weight: 1, arbitrary: fc.constant({ v: null, absent: true }) }) : fc.option(valueArb(s, name), { freq: 2 }).map((v) => ({ v, absent: v === null }))).map((x) => ({ name, ...x })),
  );
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant<[string, string | null]>(["", null]) },
    { weight: 1, arbitrary: fc.constantFrom<[string, string | null]>(["zzz=1", "unknown key"], ["__proto__=1", "unknown key"], ["__proto__[x]=1", "unknown key"], ["constructor[prototype][x]=1", "unknown key"], ["token=" + TOKENS.admin, "unknown key"]) },
    { weight: 1, arbitrary: fc.constant<[string, string | null]>(["dup", null]) },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([values, [more, why]]) => {
    const parts: string[] = [];
    let invalid: string | null = why;
    for (const e of values) {
      if (e.absent) {
        if (required.has(e.name)) invalid ??= `missing ${e.name}`;
        continue;
      }
      parts.push(`${e.name}=${encode(e.v!)}`);
      if (e.v!.overLong) invalid ??= `over-long ${e.name}`;
    }
    if (more === "dup" && parts.length) parts.push(parts[0]);
    else if (more) parts.push(more);
    return { qs: parts.length ? `?${parts.join("&")}` : "", invalid };
  });
}

const BODY_VALID = fc.record(
  {
    decision: fc.constantFrom("accept", "reject", "correct"),
    note: fc.string({ maxLength: 40 }),
    changes: fc.record({ strength: fc.constantFrom("strong", "weak", "potential"), polarity: fc.constantFrom("present", "absent"), role: fc.string({ minLength: 1, maxLength: 20 }), since: fc.integer({ min: 1000, max: 3000 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ["decision"] },
).map((b) => ({ text: JSON.stringify(b), invalid: null as string | null }));
const BODY_HOSTILE = fc.constantFrom(
  { text: '{"decision":"accept","origin":"manual"}', invalid: "mass assignment" },
  { text: '{"decision":"accept","__proto__":{"isAdmin":true}}', invalid: "proto" },
  { text: '{"decision":"accept","constructor":{"prototype":{"x":1}}}', invalid: "constructor" },
  { text: '{"decision":1e309}', invalid: "wrong type" },
  { text: '{"decision":"accept","note":' + JSON.stringify("n".repeat(2001)) + "}", invalid: "over-long note" },
  { text: "[]", invalid: "array" },
  { text: "null", invalid: "null" },
  { text: "{", invalid: "truncated" },
  { text: '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000), invalid: "deep nesting" },
  { text: '{"decision":"accept","changes":{"confidence":1}}', invalid: "closed changes" },
  { text: '{"decision":"maybe"}', invalid: "enum" },
  { text: "", invalid: "empty" },
);

function routeArb(route: RouteEntry): fc.Arbitrary<Req> {
  const params = route.schema?.params as Schema | undefined;
  const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  const pathArb = fc.tuple(...paramNames.map((n) => valueArb(params?.properties?.[n] ?? {}, n))).map((vals) => {
    let url = route.url;
    let invalid: string | null = null;
    vals.forEach((v, i) => {
      url = url.replace(`:${paramNames[i]}`, encode(v) || "%20");
      if (v.overLong) invalid = `over-long ${paramNames[i]}`;
    });
    return { url, invalid };
  });
  const auth = fc.constantFrom<Record<string, string>>({}, {}, {}, bearer("reader"), bearer("reviewer"), bearer("admin"), { authorization: "Bearer wrong-token-xxxxxxxxxxxxxxxx" }, { "x-api-key": TOKENS.reviewer });
  const method = fc.oneof({ weight: 19, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom("PUT", "TRACE", "OPTIONS", "POST", "DELETE") });
  let body: fc.Arbitrary<{ payload?: string | Buffer; type?: string; invalid: string | null }> = fc.constant({ invalid: null });
  if (route.method === "PATCH") {
    body = fc.tuple(fc.oneof({ weight: 3, arbitrary: BODY_VALID }, { weight: 2, arbitrary: BODY_HOSTILE }), fc.constantFrom("application/json", "application/json", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "")).map(([b, type]) => ({ payload: b.text, type, invalid: b.invalid }));
  } else if (route.method === "POST") {
    body = fc.tuple(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("%PDF-1.4 junk", "PK\u0003\u0004zip", MEGA)), fc.constantFrom("text/plain", "text/markdown", "application/pdf", "application/json", "image/png", "multipart/form-data; boundary=x", ""), fc.constantFrom("a.txt", "b.md", "c.pdf", "../../x.txt", "", "d.docx", "%ff.txt"))
      .map(([text, type, name]) => ({ payload: text, type: `${type}|${name}`, invalid: null }));
  }
  return fc.tuple(method, pathArb, queryArb(route.schema?.querystring as Schema | undefined), auth, body).map(([m, path, q, headers, b]) => {
    const h: Record<string, string> = { ...headers };
    if (b.type !== undefined) {
      const [type, name] = b.type.split("|");
      if (type) h["content-type"] = type;
      if (name !== undefined) h["x-file-name"] = name;
    }
    return { method: m, url: path.url + q.qs, headers: h, payload: b.payload, invalid: m === route.method ? (path.invalid ?? q.invalid ?? b.invalid) : "other verb", route: `${route.method} ${route.url}` };
  });
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp(await seededStore(), { ingest: fakeIngest });
});
afterAll(() => app.close());

describe("fuzzing every route", () => {
  test(`${RUNS} generated requests: no 5xx, no leak, one error shape, invalid input refused`, async () => {
    const routes = routeTable(app).filter((r) => r.url.startsWith("/api/"));
    const perRoute = new Map<string, { sent: number; byStatus: Record<number, number> }>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...routes.map(routeArb)), async (req) => {
        const res = await app.inject({ method: req.method as "GET", url: req.url, headers: req.headers, payload: req.payload });
        sent++;
        const stat = perRoute.get(req.route) ?? { sent: 0, byStatus: {} };
        stat.sent++;
        stat.byStatus[res.statusCode] = (stat.byStatus[res.statusCode] ?? 0) + 1;
        perRoute.set(req.route, stat);
        const context = `${req.method} ${req.url.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, context).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const body = res.json();
          expect(Object.keys(body).filter((k) => k !== "problems").sort(), context).toEqual(["error", "message", "requestId", "statusCode"]);
          expect(body.statusCode, context).toBe(res.statusCode);
          expect(res.body, context).not.toMatch(LEAK);
        }
        if (req.invalid) expect(res.statusCode, `${req.invalid}: ${context}`).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(perRoute.size).toBe(routes.length);
    const total: Record<number, number> = {};
    for (const s of perRoute.values()) for (const [code, n] of Object.entries(s.byStatus)) total[Number(code)] = (total[Number(code)] ?? 0) + n;
    console.log(`fuzz: ${sent} requests over ${perRoute.size} routes (seed ${SEED}); statuses ${JSON.stringify(total)}`);
    expect(Object.keys(total).filter((c) => Number(c) >= 500)).toEqual([]);
  }, 600_000);
});

/** Sends one request over a real socket; null when Node's client refuses to send it. */
function overHttp(port: number, req: Req): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    let r;
    try {
      r = httpRequest({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", () => resolve(null));
      });
    } catch {
      resolve(null);
      return;
    }
    r.on("error", () => resolve(null));
    r.end(req.payload);
  });
}

describe("fuzzing over a real loopback socket", () => {
  test("1 000 generated requests through Node's HTTP parser: no 5xx, no leak", async () => {
    const real = await makeApp(await seededStore(), { ingest: fakeIngest });
    await real.listen({ port: 0, host: "127.0.0.1" });
    const port = (real.server.address() as AddressInfo).port;
    const routes = routeTable(real).filter((r) => r.url.startsWith("/api/"));
    let answered = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(...routes.map(routeArb)), async (req) => {
          const res = await overHttp(port, req);
          if (!res) return;
          answered++;
          expect(res.status, `${req.method} ${req.url.slice(0, 200)} -> ${res.body.slice(0, 200)}`).toBeLessThan(500);
          expect(res.body).not.toMatch(LEAK);
        }),
        { numRuns: 1000, seed: SEED + 1, endOnFailure: true },
      );
    } finally {
      await real.close();
    }
    console.log(`fuzz over loopback: ${answered} of 1000 requests answered (the rest refused by Node's client before sending)`);
    expect(answered).toBeGreaterThan(500);
  }, 300_000);
});
