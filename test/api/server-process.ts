// Starts serve-child.ts as a separate Node process and watches it from the
// outside: its port, its resident memory (VmRSS and the peak VmHWM from
// /proc/<pid>/status, the peak resettable through clear_refs), whether it is
// still alive, and the files under its data folder and its private TMPDIR.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { tempDir } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** A server process under test. */
export interface ServerProcess {
  pid: number;
  port: number;
  base: string;
  dataDir: string;
  /** The child's TMPDIR (where multipart spills would land). */
  tmpDir: string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** Current resident set size in bytes (0 once exited). */
  rss(): number;
  /** Peak resident set size in bytes since the last resetPeak(). */
  peakRss(): number;
  /** Resets the kernel's peak RSS counter; false when the kernel refuses. */
  resetPeak(): boolean;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

/** A memory figure of /proc/<pid>/status in bytes; 0 once the process is gone. */
function statusField(pid: number, field: string): number {
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return 0;
  }
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** Every file under `dir` with its size, sorted ("path:size"). */
export function filesWithSizes(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .map((f) => `${f}:${statSync(join(dir, f)).size}`)
    .sort();
}

/**
 * Spawns the server (`rateLimit: false` switches the per-client limit off)
 * and resolves once it listens.
 * @throws when it does not print its port within 90 s
 */
export async function spawnServer(options: { rateLimit?: boolean } = {}): Promise<ServerProcess> {
  const dataDir = tempDir("unionties-child-data-");
  const tmpDir = tempDir("unionties-child-tmp-");
  const args = ["--import", "tsx", join(ROOT, "test", "api", "serve-child.ts"), dataDir];
  if (options.rateLimit === false) args.push("no-rate-limit");
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, TMPDIR: tmpDir }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 90_000);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}: ${err}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^listening (\d+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
  });
  const pid = child.pid!;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid,
    port,
    base: `http://127.0.0.1:${port}`,
    dataDir,
    tmpDir,
    alive,
    rss: () => statusField(pid, "VmRSS"),
    peakRss: () => statusField(pid, "VmHWM"),
    resetPeak: () => {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5");
        return true;
      } catch {
        return false;
      }
    },
    stderr: () => err,
    stop: async () => {
      if (!alive()) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
