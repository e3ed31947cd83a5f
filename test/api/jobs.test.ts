// The upload queue's waiting for an unavailable store (api/jobs.ts): a queued
// job tries again until the store is free, gives up when its wait runs out,
// and stops at once when the server shuts down; jobs that do not wait fail at once.
import { describe, expect, test } from "vitest";
import { StoreUnavailableError } from "../../graph/errors.js";
import type { DocumentReport } from "../../api/ingest-port.js";
import { JobQueue } from "../../api/jobs.js";

const REPORT = { document: "d", status: "created" } as unknown as DocumentReport;
const busy = () => new StoreUnavailableError("memory", "process 1 is writing the store at /srv/data; try again when it finishes");

/** Work that fails with an unavailable store `times` times, then succeeds; counts its calls. */
function flaky(times: number) {
  const calls = { n: 0 };
  const work = async () => {
    calls.n++;
    if (calls.n <= times) throw busy();
    return REPORT;
  };
  return { calls, work };
}

describe("JobQueue waiting for the store", () => {
  test("a waiting job tries again with a growing pause and is done once the store is free; the message names no folder", async () => {
    const queue = new JobQueue(20, 200, { firstMs: 5, maxMs: 20, giveUpMs: 10_000 });
    const { calls, work } = flaky(3);
    const { job, done } = queue.add("a.txt", 10, work, { waitForStore: true });
    await new Promise((r) => setTimeout(r, 2));
    expect(job.waiting).toMatch(/unavailable.*trying again at/);
    expect(job.waiting).not.toMatch(/srv|process 1/);
    expect(queue.storeBusy).toBe(true);
    const finished = await done;
    expect(calls.n).toBe(4);
    expect(finished).toMatchObject({ status: "done", report: REPORT });
    expect(finished.waiting).toBeUndefined();
    expect(queue.storeBusy).toBe(false);
  });

  test("the queue counts as waiting for the store from the first unavailable try to the job's end, tries included, not only its pauses", async () => {
    const queue = new JobQueue(20, 200, { firstMs: 1, maxMs: 1, giveUpMs: 10_000 });
    let n = 0;
    let release!: () => void;
    const secondTry = new Promise<void>((r) => (release = r));
    const { done } = queue.add("a.txt", 10, async () => {
      n++;
      if (n === 1) throw busy();
      await secondTry; // a try that waits out the lock, as the store's does
      return REPORT;
    }, { waitForStore: true });
    for (let i = 0; i < 100 && n < 2; i++) await new Promise((r) => setTimeout(r, 2));
    expect(n).toBe(2);
    expect(queue.storeBusy).toBe(true);
    release();
    expect(await done).toMatchObject({ status: "done" });
    expect(queue.storeBusy).toBe(false);
  });

  test("without waitForStore, or for another error, a job fails at the first failure", async () => {
    const queue = new JobQueue(20, 200, { firstMs: 5, maxMs: 20, giveUpMs: 10_000 });
    const unavailable = flaky(1);
    const first = await queue.add("a.txt", 10, unavailable.work).done;
    expect(unavailable.calls.n).toBe(1);
    expect(first).toMatchObject({ status: "failed", error: expect.stringMatching(/unavailable.*again later/) });
    let n = 0;
    const broken = await queue.add("b.txt", 10, async () => {
      n++;
      throw new Error("disk on fire at /srv/data");
    }, { waitForStore: true }).done;
    expect(n).toBe(1);
    expect(broken).toMatchObject({ status: "failed", error: "the ingest failed; see the server log" });
  });

  test("a job gives up when its wait runs out", async () => {
    const queue = new JobQueue(20, 200, { firstMs: 5, maxMs: 10, giveUpMs: 60 });
    const { calls, work } = flaky(Infinity);
    const t = Date.now();
    const finished = await queue.add("a.txt", 10, work, { waitForStore: true }).done;
    expect(Date.now() - t).toBeGreaterThanOrEqual(60);
    expect(calls.n).toBeGreaterThan(2);
    expect(finished).toMatchObject({ status: "failed", error: expect.stringMatching(/unavailable.*again later/) });
  });

  test("closing the queue stops a waiting job at once (it fails saying the server shut down) and the jobs behind it do not wait", async () => {
    const queue = new JobQueue(20, 200, { firstMs: 60_000, maxMs: 60_000, giveUpMs: 3_600_000 });
    const waiting = flaky(Infinity);
    const behind = flaky(Infinity);
    const a = queue.add("a.txt", 10, waiting.work, { waitForStore: true });
    const b = queue.add("b.txt", 10, behind.work, { waitForStore: true });
    await new Promise((r) => setTimeout(r, 5));
    expect(a.job.waiting).toBeDefined();
    const t = Date.now();
    await queue.close();
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(await a.done).toMatchObject({ status: "failed", error: expect.stringMatching(/shut down.*upload the document again/) });
    expect(await b.done).toMatchObject({ status: "failed", error: expect.stringMatching(/shut down/) });
    expect(behind.calls.n).toBe(1);
  });
});
