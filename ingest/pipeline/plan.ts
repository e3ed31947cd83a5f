// How many threads an ingest prepares documents on, and when its worker
// threads start. A worker costs ~0.15 s to start (it runs a prebuilt bundle
// of the ingest modules: worker-bundle.ts) and then ~2 s of CPU before it runs
// at full speed (V8's optimising compiler, regexp tier-up and heap growth in
// its fresh isolate, the same warm-up the main thread pays). Two ways to start:
// - a big job (eagerBytes or more) starts its workers at once, so that their
//   warm-up overlaps the main thread's own, and stops handing them files if
//   the main thread's first sample shows that other work holds a core (on a
//   busy machine a worker adds its cost and gains nothing: measured at load
//   averages 6-17 on 2 cores, 50 MB took 1.2-1.9 MB/s with a worker against
//   1.6-2.6 MB/s without);
// - a smaller job starts alone, measures its own pace in CPU time (the same
//   on a busy machine as on a quiet one), and starts workers only when the
//   files left would keep it busy long enough to pay their warm-up back, and
//   only when the machine has a core to spare.
// The cores free for this process are measured over the main thread's sample
// as the machine's idle time plus this process's own CPU time (its workers',
// V8 compiler and GC threads included), not by the 1-minute load average,
// which still counts work that has just ended and lags behind work that has
// just begun. An explicit count is obeyed from the start.
import { availableParallelism, cpus } from "node:os";

/** When the ingest starts worker threads by itself. */
export const PARALLEL_DEFAULTS = Object.freeze({
  /** Fewer files than this stay on the calling thread. */
  minFiles: 2,
  /** CPU time (ms) the ingest spends before its pace is trusted. */
  sampleMs: 250,
  /**
   * Start workers when the files left would take this much CPU time (ms) on
   * the main thread alone: with ~2.5 s per worker, two threads then finish the
   * rest in about (6 + 2.5) / 2 = 4.3 s instead of 6 s (1.4x), and the larger
   * the job, the nearer the gain comes to twofold. Below about 2.5 s a worker
   * cannot pay for itself.
   */
  worthwhileMs: 6000,
  /** Start workers only when this many cores (on average) were idle or this process's own while the main thread took its sample. */
  minFreeCores: 1.75,
  /**
   * Jobs of this many bytes or more start their workers at once: even at
   * 10 MB/s on one thread that is ~1 s of work, most of which a warming
   * worker can share.
   */
  eagerBytes: 8 * 1024 * 1024,
});

/** How many threads may prepare documents and when the worker threads start. */
export interface ThreadPlan {
  /** Threads preparing documents, the calling thread included (1: no worker threads). */
  threads: number;
  /**
   * "now"; "eager": now, and kept only if the main thread's sample shows the
   * cores free (keepEagerWorkers); "when-worthwhile": after the main thread's
   * pace shows the job is big enough (workersWorthwhile).
   */
  start: "now" | "eager" | "when-worthwhile";
}

/**
 * The plan for a job of `files` files of `bytes` bytes in all.
 * @param requested IngestOptions.workers (undefined: one thread per core, started at once for a big job, else when worthwhile)
 * @throws RangeError when `requested` is not a positive integer
 */
export function planThreads(requested: number | undefined, files: number, bytes = 0): ThreadPlan {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1))
    throw new RangeError(`workers must be a positive integer, got ${String(requested)}`);
  if (requested !== undefined) return { threads: Math.max(1, Math.min(requested, files)), start: "now" };
  if (files < PARALLEL_DEFAULTS.minFiles) return { threads: 1, start: "now" };
  const threads = Math.min(availableParallelism(), files);
  return { threads, start: threads > 1 && bytes >= PARALLEL_DEFAULTS.eagerBytes ? "eager" : "when-worthwhile" };
}

/** The machine's idle CPU time and this process's CPU time so far (ms, all cores and threads), and when they were read. */
export interface CpuSample {
  idleMs: number;
  ownMs: number;
  cores: number;
  at: number;
}

/** Reads the machine's idle time and this process's CPU time now. */
export function cpuSample(): CpuSample {
  let idleMs = 0;
  const all = cpus();
  for (const cpu of all) idleMs += cpu.times.idle;
  const own = process.cpuUsage();
  return { idleMs, ownMs: (own.user + own.system) / 1000, cores: all.length, at: performance.now() };
}

/**
 * How many cores, on average since `start`, were idle or used by this process
 * (so not taken by other work); 0 when no time has passed.
 */
export function freeCoresSince(start: CpuSample, now: CpuSample = cpuSample()): number {
  const wall = now.at - start.at;
  if (wall <= 0) return 0;
  const free = (Math.max(0, now.idleMs - start.idleMs) + Math.max(0, now.ownMs - start.ownMs)) / wall;
  return Math.min(now.cores, free);
}

/**
 * Whether the files left are worth starting workers for, at the pace the
 * ingest has shown so far.
 * @param doneBytes bytes of the files the main thread prepared and wrote
 * @param elapsedMs the CPU time it took
 * @param leftBytes bytes of the files not started
 * @param freeCores cores not taken by other work, on average, over the same time (freeCoresSince)
 */
export function workersWorthwhile(doneBytes: number, elapsedMs: number, leftBytes: number, freeCores: number): boolean | "not yet" {
  if (elapsedMs < PARALLEL_DEFAULTS.sampleMs || doneBytes <= 0) return "not yet";
  if (freeCores < PARALLEL_DEFAULTS.minFreeCores) return false;
  return (leftBytes * elapsedMs) / doneBytes >= PARALLEL_DEFAULTS.worthwhileMs;
}

/**
 * Whether workers started at once ("eager") should go on taking files: once
 * the process has spent the sample's CPU time, they stay only if other work
 * left most of the cores free.
 * @param elapsedMs this process's CPU time since the start (all threads)
 * @param freeCores cores not taken by other work over the same time (freeCoresSince)
 */
export function keepEagerWorkers(elapsedMs: number, freeCores: number): boolean | "not yet" {
  if (elapsedMs < PARALLEL_DEFAULTS.sampleMs) return "not yet";
  return freeCores >= PARALLEL_DEFAULTS.minFreeCores;
}
