// The upload queue: ingests run one at a time (the store serialises writes
// anyway), the queue holds at most `maxDepth` waiting jobs (more is a 503
// with Retry-After), and the last `keep` finished jobs stay readable through
// GET /api/jobs/:id.
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
  report?: DocumentReport;
  error?: string;
}

/** A bounded FIFO of ingest jobs run one after another. */
export class JobQueue {
  private jobs = new Map<string, Job>();
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(readonly maxDepth = 20, readonly keep = 200) {}

  /** Jobs queued or running. */
  get depth(): number {
    return this.waiting;
  }

  /** Whether another job fits. */
  get full(): boolean {
    return this.waiting >= this.maxDepth;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /**
   * Queues `work`; returns the job and a promise of its end (never rejects:
   * a thrown error marks the job failed with a client-safe message).
   * @throws Error when the queue is full (callers check `full` first)
   */
  add(name: string, bytes: number, work: () => Promise<DocumentReport>): { job: Job; done: Promise<Job> } {
    if (this.full) throw new Error("upload queue is full");
    const job: Job = { id: randomUUID(), name, bytes, status: "queued", createdAt: new Date().toISOString() };
    this.jobs.set(job.id, job);
    this.prune();
    this.waiting++;
    const done = this.tail.then(async () => {
      job.status = "running";
      job.startedAt = new Date().toISOString();
      try {
        job.report = await work();
        job.status = job.report.status === "failed" ? "failed" : "done";
        if (job.report.status === "failed") job.error = job.report.reason ?? "the document could not be ingested";
      } catch (error) {
        job.status = "failed";
        job.error = clientMessage(error);
      } finally {
        job.finishedAt = new Date().toISOString();
        this.waiting--;
      }
      return job;
    });
    this.tail = done;
    return { job, done };
  }

  /** Resolves when every queued job has ended (graceful shutdown). */
  async drain(): Promise<void> {
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

function clientMessage(error: unknown): string {
  const e = error as { statusCode?: number; message?: string };
  if (e?.statusCode === 503) return "the store was unavailable (down, or being written by another process); nothing was written: upload the document again later";
  return typeof e?.statusCode === "number" && e.statusCode < 500 && e.message ? e.message.slice(0, 500) : "the ingest failed; see the server log";
}
