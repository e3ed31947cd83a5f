// The upload queue: ingests run one at a time (the store serialises writes
// anyway), the queue holds at most `maxDepth` waiting jobs (more is a 503
// with Retry-After), and the last `keep` finished jobs stay readable through
// GET /api/jobs/:id. A queued job (one the client follows through its job, not
// an upload answered in the request) outlasts a store that is unavailable, as
// when a CLI ingest holds the embedded store's write lock for its whole batch:
// it tries again with a growing pause, saying so in `waiting`, until the store
// is free, the wait runs out, or the server shuts down.
import { randomUUID } from "node:crypto";
import type { DocumentReport } from "./ingest-port.js";

export interface Job {
  id: string;
  name: string;
  bytes: number;
  status: "queued" | "running" | "done" | "failed";
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** While a running job waits for an unavailable store: why, and when it tries again. */
  waiting?: string;
  report?: DocumentReport;
  error?: string;
}

/** How a queued job waits for an unavailable store: first pause, longest pause, and the longest wait in all (ms). */
export interface StoreWait {
  firstMs: number;
  maxMs: number;
  giveUpMs: number;
}

/** A CLI ingest of a large corpus holds the lock for minutes: jobs wait up to an hour, trying at most every 30 s. */
export const STORE_WAIT_DEFAULTS: StoreWait = Object.freeze({ firstMs: 1000, maxMs: 30_000, giveUpMs: 60 * 60_000 });

/** What a client is told of an unavailable store (the error's own message names the server's folders and processes). */
export const STORE_UNAVAILABLE = "the store is unavailable (down, or being written by another process)";

/** Whether `error` says the store is unavailable (down, or another process holds its write lock). */
export function isUnavailable(error: unknown): boolean {
  return (error as { statusCode?: unknown })?.statusCode === 503;
}

/** A bounded FIFO of ingest jobs run one after another. */
export class JobQueue {
  private jobs = new Map<string, Job>();
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  /** Jobs now pausing for an unavailable store, and how to wake them (close). */
  private readonly pausing = new Set<() => void>();
  /** Jobs that found the store unavailable and have not ended (pausing, or trying again: a try waits out the store's lock timeout). */
  private waitingForStore = 0;
  private closing = false;

  constructor(
    readonly maxDepth = 20,
    readonly keep = 200,
    readonly storeWait: StoreWait = STORE_WAIT_DEFAULTS,
  ) {}

  /** Jobs queued or running. */
  get depth(): number {
    return this.waiting;
  }

  /** Whether another job fits. */
  get full(): boolean {
    return this.waiting >= this.maxDepth;
  }

  /** Whether a job is waiting for the store to come back (an upload answered in its request would wait behind it). */
  get storeBusy(): boolean {
    return this.waitingForStore > 0;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /**
   * Queues `work`; returns the job and a promise of its end (never rejects:
   * a thrown error marks the job failed with a client-safe message).
   * @param options.waitForStore when the store is unavailable, try again (see StoreWait) instead of failing
   * @throws Error when the queue is full (callers check `full` first)
   */
  add(name: string, bytes: number, work: () => Promise<DocumentReport>, options: { waitForStore?: boolean } = {}): { job: Job; done: Promise<Job> } {
    if (this.full) throw new Error("upload queue is full");
    const job: Job = { id: randomUUID(), name, bytes, status: "queued", createdAt: new Date().toISOString() };
    this.jobs.set(job.id, job);
    this.prune();
    this.waiting++;
    const done = this.tail.then(async () => {
      job.status = "running";
      job.startedAt = new Date().toISOString();
      try {
        job.report = options.waitForStore ? await this.untilStoreFree(job, work) : await work();
        job.status = job.report.status === "failed" ? "failed" : "done";
        if (job.report.status === "failed") job.error = job.report.reason ?? "the document could not be ingested";
      } catch (error) {
        job.status = "failed";
        job.error = clientMessage(error, this.closing);
      } finally {
        job.waiting = undefined;
        job.finishedAt = new Date().toISOString();
        this.waiting--;
      }
      return job;
    });
    this.tail = done;
    return { job, done };
  }

  /** Runs `work`, again after a pause each time the store is unavailable, until it is free, the wait runs out or the queue closes. */
  private async untilStoreFree(job: Job, work: () => Promise<DocumentReport>): Promise<DocumentReport> {
    const { firstMs, maxMs, giveUpMs } = this.storeWait;
    const started = Date.now();
    let pause = firstMs;
    let counted = false;
    try {
      for (;;) {
        try {
          return await work();
        } catch (error) {
          const left = started + giveUpMs - Date.now();
          if (!isUnavailable(error) || this.closing || left <= 0) throw error;
          if (!counted) this.waitingForStore++;
          counted = true;
          const ms = Math.min(pause, left);
          job.waiting = `${STORE_UNAVAILABLE}; trying again at ${new Date(Date.now() + ms).toISOString()}`;
          await this.pauseFor(ms);
          pause = Math.min(2 * pause, maxMs);
        }
      }
    } finally {
      if (counted) this.waitingForStore--;
    }
  }

  /** Sleeps `ms`, or less when the queue closes. */
  private pauseFor(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pausing.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.pausing.add(wake);
    });
  }

  /** Stops jobs waiting for the store (they fail saying the server shut down) and resolves when every queued job has ended (graceful shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    for (const wake of [...this.pausing]) wake();
    await this.tail;
  }

  private prune(): void {
    if (this.jobs.size <= this.keep) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.keep) break;
      if (job.status === "done" || job.status === "failed") this.jobs.delete(id);
    }
  }
}

function clientMessage(error: unknown, closing: boolean): string {
  const e = error as { statusCode?: number; message?: string };
  if (isUnavailable(error))
    return closing
      ? "the server shut down while the store was unavailable (down, or being written by another process); nothing was written: upload the document again"
      : "the store was unavailable (down, or being written by another process); nothing was written: upload the document again later";
  return typeof e?.statusCode === "number" && e.statusCode < 500 && e.message ? e.message.slice(0, 500) : "the ingest failed; see the server log";
}
