// Timing and memory helpers shared by the benchmarks: per-query timings and
// their summary, peak resident memory from /proc, and running the Python
// references or a TypeScript child process that prints one JSON object.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { percentile } from "./report.js";

/** Summary of a list of per-query times (seconds in, seconds out). */
export interface TimingSummary {
  count: number;
  total: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Summarises per-query times. */
export function summarize(times: readonly number[]): TimingSummary {
  const total = times.reduce((s, t) => s + t, 0);
  return { count: times.length, total, mean: total / Math.max(1, times.length), p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times) };
}

/**
 * Times `run(item)` once per item with the high-resolution clock.
 * @returns seconds per item, in order, and each call's result
 */
export function timeEach<T, R>(items: readonly T[], run: (item: T) => R): { times: number[]; results: R[] } {
  const times: number[] = new Array(items.length);
  const results: R[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const t0 = process.hrtime.bigint();
    results[i] = run(items[i]);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return { times, results };
}

/** First-run times, per-item minimum times and first-run results of timeRepeated(Async). */
export interface RepeatedTimes<R> {
  times: number[];
  minTimes: number[];
  results: R[];
}

/** Books run `r` of item `i` (taken after the clock stopped, so it costs the timing nothing). */
function record<R>(out: RepeatedTimes<R>, i: number, r: number, dt: number, result: R): void {
  if (r === 0) {
    out.times[i] = dt;
    out.minTimes[i] = dt;
    out.results[i] = result;
  } else out.minTimes[i] = Math.min(out.minTimes[i], dt);
}

/**
 * Times each item `repeat` times back to back: the first run's times (what a
 * user waits for once) and the minimum per item (less disturbed by other work
 * on the machine).
 */
export function timeRepeated<T, R>(items: readonly T[], repeat: number, run: (item: T) => R): RepeatedTimes<R> {
  const out: RepeatedTimes<R> = { times: new Array(items.length), minTimes: new Array(items.length), results: new Array(items.length) };
  for (let i = 0; i < items.length; i++) {
    for (let r = 0; r < Math.max(1, repeat); r++) {
      const t0 = process.hrtime.bigint();
      const result = run(items[i]);
      record(out, i, r, Number(process.hrtime.bigint() - t0) / 1e9, result);
    }
  }
  return out;
}

/** Like timeRepeated for async work. */
export async function timeRepeatedAsync<T, R>(items: readonly T[], repeat: number, run: (item: T) => Promise<R>): Promise<RepeatedTimes<R>> {
  const out: RepeatedTimes<R> = { times: new Array(items.length), minTimes: new Array(items.length), results: new Array(items.length) };
  for (let i = 0; i < items.length; i++) {
    for (let r = 0; r < Math.max(1, repeat); r++) {
      const t0 = process.hrtime.bigint();
      const result = await run(items[i]);
      record(out, i, r, Number(process.hrtime.bigint() - t0) / 1e9, result);
    }
  }
  return out;
}

/** Like timeEach for async work, one item at a time. */
export async function timeEachAsync<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<{ times: number[]; results: R[] }> {
  const times: number[] = new Array(items.length);
  const results: R[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const t0 = process.hrtime.bigint();
    results[i] = await run(items[i]);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return { times, results };
}

/** Peak resident memory of this process so far (VmHWM), in bytes. */
export function peakRssBytes(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

/** Current resident memory (VmRSS), in bytes. */
export function rssBytes(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

/**
 * Runs a command that prints one JSON object on stdout and returns it parsed.
 * @throws Error with the command's stderr when it fails or prints no JSON
 */
export function runJson<T>(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${command} ${args.join(" ")} failed: ${stderr || error.message}`));
      const line = stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
      if (!line) return reject(new Error(`${command} ${args.join(" ")} printed no JSON: ${stderr}`));
      resolve(JSON.parse(line) as T);
    });
  });
}

/** Megabytes with one decimal, for tables. */
export const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
/** Microseconds with one decimal, for tables. */
export const us = (seconds: number) => Math.round(seconds * 1e7) / 10;
