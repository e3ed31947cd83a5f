// Security audit, OWASP API4: GET /api/export?format=png|svg drew the figure
// on the server's event loop (29 s for a 4000x4000 PNG of 2,335 nodes, every
// other request waiting). Figures are now drawn in a child process, under a
// deadline that kills it, one at a time. A real server on a real socket;
// ordering, not wall-clock bounds, says who answered first.
import { afterEach, describe, expect, test } from "vitest";
import { renderExport } from "../../api/exporter.js";
import { startServer, type RunningServer } from "../../api/server.js";
import type { FigureLimits } from "../../api/figures.js";
import type { MemoryStore } from "../../graph/memory-store.js";
import { KEYS, seededStore, tempDir } from "./helpers.js";

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What a test learns from the server: figure processes started, and when the export handler is about to draw. */
interface Probe {
  pids: number[];
  spawned: Promise<number>;
  drawing: Promise<void>;
}

/** A server on the seeded store whose listDocuments (the export handler's last step before drawing) signals the probe. */
async function serve(figures: Partial<FigureLimits> = {}): Promise<{ base: string; store: MemoryStore; probe: Probe }> {
  const store = await seededStore();
  let onSpawn!: (pid: number) => void;
  let onDrawing!: () => void;
  const probe: Probe = {
    pids: [],
    spawned: new Promise((resolve) => (onSpawn = resolve)),
    drawing: new Promise((resolve) => (onDrawing = resolve)),
  };
  const listDocuments = store.listDocuments.bind(store);
  store.listDocuments = async (...args: Parameters<MemoryStore["listDocuments"]>) => {
    const out = await listDocuments(...args);
    onDrawing();
    return out;
  };
  server = await startServer({
    store, port: 0, host: "127.0.0.1", handleSignals: false, auth: { keys: KEYS }, rateLimit: false, env: {},
    viewerDir: tempDir("unionties-noviewer-"),
    figures: { ...figures, onSpawn: (pid) => (probe.pids.push(pid), onSpawn(pid)) },
  });
  return { base: server.url, store, probe };
}

/** True while a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("figure exports (OWASP API4)", () => {
  test("GET /api/health answers while a large PNG is drawn, before the figure", async () => {
    const { base, probe } = await serve();
    // Who answered first is told by the arrival of the status line: a large body's last bytes may trail a small one's.
    const order: string[] = [];
    const figure = fetch(`${base}/api/export?format=png&width=4000&height=4000`).then((r) => {
      order.push(`figure ${r.status}`);
      return r.arrayBuffer();
    });
    await probe.drawing;
    const health = fetch(`${base}/api/health`).then((r) => {
      order.push(`health ${r.status}`);
      return r.json();
    });
    await Promise.all([figure, health]);
    expect(order).toEqual(["health 200", "figure 200"]);
  });

  test("a figure past its deadline is a 504 saying so, and its process is gone", async () => {
    const { base, probe } = await serve({ timeoutMs: 50 });
    const res = await fetch(`${base}/api/export?format=png&width=4000&height=4000`);
    expect(res.status).toBe(504);
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/longer than 50 ms to draw and was stopped/);
    expect(probe.pids).toHaveLength(1);
    expect(alive(probe.pids[0]!)).toBe(false);
    // the slot is free again: the next figure gets a process (and a deadline) of its own, not a 503
    expect((await fetch(`${base}/api/export?format=svg`)).status).toBe(504);
    expect(probe.pids).toHaveLength(2);
  });

  test("a figure asked for while the limit's worth are drawn is a 503 with Retry-After", async () => {
    const { base, probe } = await serve({ concurrency: 1 });
    const first = fetch(`${base}/api/export?format=png&width=4000&height=4000`);
    await Promise.race([probe.spawned, first]);
    const second = await fetch(`${base}/api/export?format=svg`);
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("5");
    expect(((await second.json()) as { message: string }).message).toMatch(/drawing another figure \(at most 1 at once\)/);
    expect((await first).status).toBe(200);
    expect((await fetch(`${base}/api/export?format=svg`)).status).toBe(200);
  });

  test.each(["svg", "png"] as const)("an ordinary %s is drawn in a child process, the same bytes as in-process", async (format) => {
    const { base, store, probe } = await serve();
    const res = await fetch(`${base}/api/export?format=${format}&title=Ties&width=800&height=600&seed=3`);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    const graph = await store.exportGraph({ withoutDocuments: false });
    const expected = renderExport(graph, format, { title: "Ties", width: 800, height: 600, seed: 3, documents: await store.listDocuments() });
    expect(res.headers.get("content-type")).toBe(expected.type);
    expect(body.equals(expected.body)).toBe(true);
    expect(probe.pids).toHaveLength(1);
  });
});
