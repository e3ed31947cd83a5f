// Runs a command that prints one JSON object per line as each part of its
// work finishes, with a time limit: a run stopped at its limit still gives
// the parts it finished (bench/stats.ts's Python references, whose slowest
// part may take many minutes on 100k / 1M).
import { spawn } from "node:child_process";

/** What a command printed before it ended or was stopped. */
export interface JsonLinesRun<T> {
  /** Every line of stdout that parsed as a JSON object, in order. */
  lines: T[];
  /** True when the time limit stopped the command. */
  timedOut: boolean;
  /** The exit code (null when a signal ended it). */
  exitCode: number | null;
  /** Wall-clock seconds from start to end. */
  seconds: number;
  /** The last 4,000 characters of stderr. */
  stderr: string;
}

/**
 * Runs `command args`, collecting JSON lines from stdout, and kills it
 * (SIGKILL, this child only) when it runs longer than `timeoutMs`.
 * Never rejects: a command that cannot start ends with exitCode 127.
 */
export function runJsonLines<T = Record<string, unknown>>(command: string, args: string[], options: { timeoutMs: number; cwd?: string }): Promise<JsonLinesRun<T>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err = (err + chunk).slice(-4000)));
    const finish = (exitCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const lines: T[] = [];
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          lines.push(JSON.parse(line) as T);
        } catch {
          // a line cut off by the kill
        }
      }
      resolve({ lines, timedOut, exitCode, seconds: (performance.now() - started) / 1000, stderr: err });
    };
    child.on("error", (e) => {
      err += String(e);
      finish(127);
    });
    child.on("close", (code) => finish(code));
  });
}
