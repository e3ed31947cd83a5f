// The embedded store's write lock (graph/memory-lock.ts) with real processes
// on real files: two writers of one folder lose nothing, a writer waiting in
// vain fails cleanly naming the holder, a dead holder's lock is taken over, a
// lock from another host never is, and no lock is left behind.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../graph/errors.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { EdgeAttributes } from "../../graph/types.js";
import { SHARED_TIE, lockDocument } from "./lock-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const CHILD = fileURLToPath(new URL("./lock-writer-child.ts", import.meta.url));
const tempDir = useTempDirs("unionties-lock-");

/** A child writer (lock-writer-child.ts) and a promise of each line it prints. */
function startChild(dir: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, dir, ...args], { env: { ...process.env, ...env } }) as ChildProcessWithoutNullStreams;
  let out = "";
  let err = "";
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.splice(0)) (out.split("\n").includes(w.line) ? w.resolve() : waiters.push(w));
  });
  child.stderr.on("data", (chunk: Buffer) => void (err += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return {
    child,
    printed: (line: string) => new Promise<void>((resolve) => (out.split("\n").includes(line) ? resolve() : waiters.push({ line, resolve }))),
    go: () => child.stdin.write("go\n"),
    exited,
    stderr: () => err,
  };
}

/** The id of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
}

/** A lock file's text as a holder with these fields would write it. */
function lockText(fields: { pid: number; host?: string; processStart?: number; command?: string }): string {
  return JSON.stringify({ host: hostname(), processStart: 0, since: "2026-01-02T12:01:03.000Z", command: "unionties ingest", ...fields });
}

/** Documents and the shared relationship's evidence count, as a fresh store opening `dir` sees them. */
async function contentOf(dir: string): Promise<{ documents: string[]; evidence: number }> {
  const store = new MemoryStore({ dir });
  await store.open();
  try {
    const documents = (await store.listDocuments()).map((d) => d.id).sort();
    const tie = await store.getRelationship(SHARED_TIE);
    return { documents, evidence: (tie?.attributes as EdgeAttributes | undefined)?.evidence.length ?? 0 };
  } finally {
    await store.close();
  }
}

describe("the embedded store's write lock", () => {
  it("keeps every document when a batch in one process and single writes in another write one folder at once", async () => {
    const dir = tempDir();
    const n = 30;
    // Both writers also find a lock left by a dead process, which they must take over without both getting it.
    writeFileSync(join(dir, "graph.lock"), lockText({ pid: deadPid() }));
    const batch = startChild(dir, ["bulk", "b", String(n)]);
    const single = startChild(dir, ["each", "s", String(n)]);
    await Promise.all([batch.printed("ready"), single.printed("ready")]);
    batch.go();
    single.go();
    expect(await batch.exited, batch.stderr()).toBe(0);
    expect(await single.exited, single.stderr()).toBe(0);
    const expected = [...Array(n).keys()].flatMap((i) => [`b-${i}`, `s-${i}`]).sort();
    expect(await contentOf(dir)).toEqual({ documents: expected, evidence: 2 * n });
    // Neither the lock nor a temporary file of it (nor the stale lock renamed aside) is left.
    expect(readdirSync(dir).filter((name) => name.startsWith("graph.lock"))).toEqual([]);
  }, 30_000);

  it("keeps every document when two processes append their writes to the change log at once and one compacts on close while the other writes", async () => {
    const dir = tempDir();
    const env = { LOG_MIN_RELATIONSHIPS: "0" };
    // The first closes (and compacts) while the second still appends: its compaction must read those appends first.
    const one = startChild(dir, ["each", "p", "8"], { ...env, LINGER_MS: "400" });
    const two = startChild(dir, ["each", "q", "30"], env);
    await Promise.all([one.printed("ready"), two.printed("ready")]);
    one.go();
    two.go();
    expect(await one.exited, one.stderr()).toBe(0);
    expect(await two.exited, two.stderr()).toBe(0);
    const expected = [...[...Array(8).keys()].map((i) => `p-${i}`), ...[...Array(30).keys()].map((i) => `q-${i}`)].sort();
    expect(await contentOf(dir)).toEqual({ documents: expected, evidence: 38 });
    expect(existsSync(join(dir, "graph.log"))).toBe(false);
  }, 30_000);

  it("makes a write wait for a live holder and, past lockTimeoutMs, fail naming it with the store unchanged", async () => {
    const dir = tempDir();
    const seeded = new MemoryStore({ dir });
    await seeded.upsertDocument(lockDocument("seed", 0));
    await seeded.close();
    const before = readFileSync(join(dir, "graph.json"));
    const holder = startChild(dir, ["hold", "20000"]);
    await holder.printed("ready");
    holder.go();
    await holder.printed("holding");
    const store = new MemoryStore({ dir, lockTimeoutMs: 400 });
    await store.open();
    const t0 = performance.now();
    const error = await store.upsertDocument(lockDocument("late", 0)).catch((e: unknown) => e);
    const waited = performance.now() - t0;
    holder.child.kill();
    await holder.exited;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).code).toBe("STORE_UNAVAILABLE");
    expect((error as Error).message).toMatch(new RegExp(`^process ${holder.child.pid} \\(lock-writer-child, since [-0-9]+ [:0-9]+ UTC\\) is writing the store at ${dir}; try again when it finishes$`));
    expect(waited).toBeGreaterThanOrEqual(390);
    expect(readFileSync(join(dir, "graph.json")).equals(before)).toBe(true);
    expect(await store.listDocuments()).toHaveLength(1);
    await store.close();
    expect((await contentOf(dir)).documents).toEqual(["seed-0"]);
  }, 30_000);

  it("takes over a lock left by a process that has exited", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "graph.lock"), lockText({ pid: deadPid() }));
    const store = new MemoryStore({ dir, lockTimeoutMs: 0 });
    await store.upsertDocument(lockDocument("after", 0));
    await store.close();
    expect(existsSync(join(dir, "graph.lock"))).toBe(false);
    expect((await contentOf(dir)).documents).toEqual(["after-0"]);
  });

  it("takes over a lock naming this process's id from an earlier process that had the same id", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "graph.lock"), lockText({ pid: process.pid, processStart: 1 }));
    const store = new MemoryStore({ dir, lockTimeoutMs: 0 });
    await store.upsertDocument(lockDocument("reused", 0));
    await store.close();
    expect((await contentOf(dir)).documents).toEqual(["reused-0"]);
  });

  it("never takes over a lock from another host, and says to remove it by hand", async () => {
    const dir = tempDir();
    const text = lockText({ pid: deadPid(), host: `not-${hostname()}` });
    writeFileSync(join(dir, "graph.lock"), text);
    const store = new MemoryStore({ dir, lockTimeoutMs: 50 });
    const error = await store.upsertDocument(lockDocument("blocked", 0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^process \\d+ on host not-${hostname()} \\(unionties ingest, since 2026-01-02 12:01:03 UTC\\) holds the lock of the store at `));
    expect((error as Error).message).toContain(`remove the lock by hand (${join(dir, "graph.lock")})`);
    expect(readFileSync(join(dir, "graph.lock"), "utf8")).toBe(text);
    expect(existsSync(join(dir, "graph.json"))).toBe(false);
    await store.close();
  });

  it("leaves no lock after close(), after a compaction on close, after a batch that throws and in a folder it made", async () => {
    const dir = tempDir();
    const lock = join(dir, "graph.lock");
    // Every write goes to the change log, so close() compacts under the lock.
    const store = new MemoryStore({ dir, logMinRelationships: 0 });
    await store.upsertDocument(lockDocument("a", 0));
    await store.upsertDocument(lockDocument("a", 1));
    expect(store.loggedWrites).toBeGreaterThan(0);
    expect(existsSync(lock)).toBe(false);
    await store.close();
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(join(dir, "graph.log"))).toBe(false);

    const batch = new MemoryStore({ dir });
    const failed = batch.bulk(async () => {
      await batch.upsertDocument(lockDocument("b", 0));
      expect(existsSync(lock)).toBe(true);
      throw new Error("the batch fails");
    });
    await expect(failed).rejects.toThrow("the batch fails");
    expect(existsSync(lock)).toBe(false);
    await batch.close();
    expect(existsSync(lock)).toBe(false);

    // A folder that does not exist yet is made by the first write's lock.
    const fresh = join(dir, "new", "store");
    const created = new MemoryStore({ dir: fresh });
    await created.upsertDocument(lockDocument("c", 0));
    await created.close();
    expect(existsSync(join(fresh, "graph.json"))).toBe(true);
    expect(existsSync(join(fresh, "graph.lock"))).toBe(false);
  });

  it("lets a batch's own writes, nested batches and writes of the same store during a batch through without waiting", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir, lockTimeoutMs: 0 });
    await store.bulk(async () => {
      await store.upsertDocument(lockDocument("x", 0));
      await store.bulk(async () => void (await store.upsertDocument(lockDocument("x", 1))));
      await Promise.all([store.upsertDocument(lockDocument("x", 2)), store.removeDocument("x-0")]);
    });
    await store.close();
    expect((await contentOf(dir)).documents).toEqual(["x-1", "x-2"]);
  });

  it("makes a second store on the same folder in this process wait for the first one's batch", async () => {
    const dir = tempDir();
    const first = new MemoryStore({ dir });
    const second = new MemoryStore({ dir, lockTimeoutMs: 5_000 });
    let secondDone = false;
    await first.bulk(async () => {
      await first.upsertDocument(lockDocument("first", 0));
      void second.upsertDocument(lockDocument("second", 0)).then(() => (secondDone = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(secondDone).toBe(false);
    });
    await expect.poll(() => secondDone).toBe(true);
    await Promise.all([first.close(), second.close()]);
    expect((await contentOf(dir)).documents).toEqual(["first-0", "second-0"]);
  });
});
