// The server over real sockets: `unionties serve` as a process (prints its
// URL, generates a 0600 key file without printing the key, exits cleanly on
// SIGTERM), graceful shutdown in process (requests in flight finish, the
// store is closed after the app), the staleness rule of `unionties start`,
// and Node's HTTP parser against hostile raw requests (smuggling, bad
// encodings, huge headers): always a 4xx or a closed socket, never a 5xx.
import { spawn } from "node:child_process";
import { readFileSync, statSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, test } from "vitest";
import { startServer } from "../../api/server.js";
import { seedsNeeded } from "../../cli/commands/start.js";
import { makeContext } from "../../cli/context.js";
import { parseArgs } from "../../cli/args.js";
import { KEYS, seededStore, tempDir } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "..", "..");

describe("unionties serve", () => {
  test("prints its URL, writes a 0600 key file without printing the key, answers, and exits 0 on SIGTERM", async () => {
    const data = tempDir();
    const child = spawn(process.execPath, [join(ROOT, "bin", "unionties.js"), "serve", "--port", "0", "--data", data, "--quiet"], { cwd: ROOT, env: { ...process.env, UNIONTIES_API_KEYS: "", NEO4J_URI: "" }, stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${lines.join("\n")}`)), 30_000);
      createInterface({ input: child.stdout! }).on("line", (line) => {
        lines.push(line);
        const m = /serving on (http:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      });
    });
    const keyFile = join(data, "api-key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(keyFile, "utf8").trim();
    expect(lines.join("\n")).toContain(keyFile);
    expect(lines.join("\n")).not.toContain(token);
    const health = await fetch(url.replace("localhost", "127.0.0.1") + "/api/health");
    expect(health.status).toBe(200);
    const del = await fetch(url.replace("localhost", "127.0.0.1") + "/api/documents/none", { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(404);
    const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  }, 90_000);
});

describe("graceful shutdown", () => {
  test("requests in flight finish with 200, the store closes after the app, and later connections are refused", async () => {
    const store = await seededStore();
    const order: string[] = [];
    const close = store.close.bind(store);
    store.close = async () => {
      order.push("store");
      await close();
    };
    // A slow export, so that requests are really in their handlers when the close starts.
    let entered = 0;
    let allIn!: () => void;
    const inHandlers = new Promise<void>((r) => (allIn = r));
    const exportGraph = store.exportGraph.bind(store);
    store.exportGraph = async (filter) => {
      if (++entered === 20) allIn();
      await new Promise((r) => setTimeout(r, 300));
      return exportGraph(filter);
    };
    const server = await startServer({ store, port: 0, host: "127.0.0.1", handleSignals: false, auth: { keys: KEYS }, rateLimit: false, env: {} });
    server.app.server.once("close", () => order.push("app"));
    const base = `http://127.0.0.1:${server.port}`;
    const inflight = Array.from({ length: 20 }, () => fetch(`${base}/api/graph`).then((r) => r.status));
    await inHandlers;
    await server.close();
    expect(await Promise.all(inflight)).toEqual(Array(20).fill(200));
    expect(order).toEqual(["app", "store"]);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });
});

describe("unionties start: when to ingest the seeds", () => {
  test("the store is stale when missing or older than any seed file, including the codebook", async () => {
    const data = tempDir();
    const seeds = join(tempDir(), "seeds");
    mkdirSync(seeds);
    writeFileSync(join(seeds, "a.txt"), "text");
    writeFileSync(join(seeds, "codebook.yaml"), "entities: []");
    const ctx = makeContext(parseArgs(["--data", data, "--store", "memory"], { data: "string", store: "string" }), {});
    expect(await seedsNeeded(ctx, seeds)).toBe(true);
    writeFileSync(join(data, "graph.json"), "{}");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(seeds, "a.txt"), past, past);
    utimesSync(join(seeds, "codebook.yaml"), past, past);
    expect(await seedsNeeded(ctx, seeds)).toBe(false);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(seeds, "codebook.yaml"), future, future);
    expect(await seedsNeeded(ctx, seeds)).toBe(true);
  });
});

describe("the HTTP parser over a real socket", () => {
  function raw(port: number, request: string | Buffer): Promise<string> {
    return new Promise((resolveRaw) => {
      const socket = connect(port, "127.0.0.1");
      let data = "";
      socket.setTimeout(5000, () => socket.destroy());
      socket.on("data", (d) => (data += d.toString("latin1")));
      socket.on("close", () => resolveRaw(data));
      socket.on("error", () => resolveRaw(data));
      socket.end(request);
    });
  }
  test.each([
    ["smuggling: Content-Length and Transfer-Encoding", "POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"],
    ["two Content-Length headers", "PATCH /api/relationships/TIE:kctu:rengo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"],
    ["a NUL in the path", "GET /api/nodes/ren\u0000go HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a space in the path", "GET /api/nodes/ren go HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["invalid UTF-8 bytes in the path", Buffer.concat([Buffer.from("GET /api/nodes/"), Buffer.from([0xff, 0xfe]), Buffer.from(" HTTP/1.1\r\nHost: x\r\n\r\n")])],
    ["bad percent-encoding", "GET /api/nodes/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a 100 KB header", `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`],
    ["a 1 MB URL", `GET /api/nodes?q=${"a".repeat(1_000_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ["an unknown method", "BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["HTTP/0.9 style", "GET /api/health\r\n\r\n"],
    ["a header without a colon", "GET /api/health HTTP/1.1\r\nHost x\r\n\r\n"],
    ["an obsolete line folding", "GET /api/health HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n"],
    ["a chunked body with a bad size", "PATCH /api/relationships/TIE:kctu:rengo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"],
  ])("%s is refused with a 4xx or a closed socket, and the server keeps answering", async (_what, request) => {
    const store = await seededStore();
    const server = await startServer({ store, port: 0, host: "127.0.0.1", handleSignals: false, auth: { keys: KEYS }, rateLimit: false, env: {} });
    try {
      const answer = await raw(server.port, request);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (status) expect(Number(status)).toBeLessThan(500);
      expect(answer).not.toMatch(/at .+:\d+:\d+|node_modules/);
      expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
