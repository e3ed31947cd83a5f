// The embedded store's write lock: <dir>/graph.lock, held by the process
// that writes the folder (one write, or a whole batch) so that two processes
// never rewrite graph.json from their own memory over each other's writes.
// Node has no flock, so the lock is an exclusive create: a temporary file
// holding the holder's pid, host, process start, time and command is linked
// onto graph.lock, which fails while another process holds it. A second
// writer polls with a short backoff up to a timeout, then fails with
// StoreUnavailableError naming the holder. A lock whose holder is gone (same
// host, pid no longer alive) is taken over; one from another host never is.
// Reads take no lock. See docs/design.md (the paragraph on two processes).
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";
import { StoreUnavailableError } from "./errors.js";
import { tempName } from "./memory-store-file.js";

/** Defaults of the lock (MemoryStoreOptions.lockTimeoutMs overrides the timeout). */
export const LOCK_DEFAULTS = {
  /**
   * How long a writer waits for another process's lock before failing: under
   * the API's handler timeout (15 s), so a request that cannot write gets the
   * store's 503 rather than a timed-out request whose write goes on after it.
   */
  timeoutMs: 10_000,
  /** Longest pause between two tries (the first pauses are shorter). */
  maxPollMs: 100,
};

/** What graph.lock says about the process holding it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the process started (ms since 1970): tells a reused pid from the holder. */
  processStart: number;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** The command that holds it, e.g. "unionties ingest". */
  command: string;
}

/** This process's start time, as a lock records it. */
const PROCESS_START = Math.round(performance.timeOrigin);

/**
 * The write lock of one store folder, re-entrant within the store that owns
 * it: acquire() while held only counts, and the file goes when every
 * acquire() has been released. Not shared between store objects: a second
 * store on the same folder in the same process waits like another process.
 */
export class FolderLock {
  /** How many acquire() calls hold the lock now. */
  private held = 0;
  /** The file acquisition under way, which later acquire() calls join. */
  private taking: Promise<void> | null = null;
  /** The text of graph.lock while this object holds it. */
  private text: string | null = null;

  /**
   * @param dir the store folder (created when missing)
   * @param timeoutMs how long acquire() waits for another holder (0: one try)
   */
  constructor(
    readonly dir: string,
    readonly timeoutMs: number = LOCK_DEFAULTS.timeoutMs,
  ) {}

  /** The lock file's path. */
  get file(): string {
    return join(this.dir, "graph.lock");
  }

  /** True while this object holds the lock. */
  get holds(): boolean {
    return this.held > 0;
  }

  /**
   * Takes the lock, or counts one more use when this object holds it already.
   * @throws StoreUnavailableError when another process holds it past the timeout (nothing changed)
   */
  async acquire(): Promise<void> {
    while (this.held === 0 && this.taking) await this.taking.catch(() => undefined);
    if (this.held > 0) {
      this.held++;
      return;
    }
    this.taking = this.take();
    try {
      await this.taking;
      this.held = 1;
    } finally {
      this.taking = null;
    }
  }

  /** Releases one acquire(); the last one removes graph.lock (only when it is still this object's). */
  release(): void {
    if (this.held === 0) return;
    if (--this.held > 0) return;
    const text = this.text;
    this.text = null;
    if (readLock(this.file) === text) removeFile(this.file);
  }

  /** Tries until the lock is taken or the time is up. */
  private async take(): Promise<void> {
    const holder: LockHolder = { pid: process.pid, host: hostname(), processStart: PROCESS_START, since: new Date().toISOString(), command: commandName() };
    const text = JSON.stringify(holder);
    const tmp = tempName(this.file);
    try {
      writeFileSync(tmp, text);
    } catch (error) {
      // The first write into a new folder creates it (a syscall spared on every other write).
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, text);
    }
    try {
      const deadline = performance.now() + this.timeoutMs;
      for (let pause = 2; ; pause = Math.min(2 * pause, LOCK_DEFAULTS.maxPollMs)) {
        const seen = this.tryTake(tmp);
        if (seen === null) {
          this.text = text;
          return;
        }
        const left = deadline - performance.now();
        if (left <= 0) throw lockedError(this.dir, this.file, seen);
        await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
      }
    } finally {
      removeFile(tmp);
    }
  }

  /**
   * One try: links `tmp` onto graph.lock; when a lock is there, takes over a
   * stale one and tries again.
   * @returns null when taken, else the text of the lock that holds it
   */
  private tryTake(tmp: string): string | null {
    for (let tries = 0; ; tries++) {
      try {
        linkSync(tmp, this.file);
        return null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const seen = readLock(this.file);
      // Gone meanwhile (released): try again at once, a few times.
      if (seen === null) {
        if (tries < 3) continue;
        return "";
      }
      if (tries >= 3 || !isStale(parseHolder(seen)) || !removeIfStill(this.file, seen)) return seen;
    }
  }
}

/** The text of a lock file, or null when there is none. */
function readLock(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Removes a file that may be gone already. */
function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** A lock file's holder, or null when its text is not one (unreadable: never stale). */
export function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === "number" && typeof h.host === "string" ? h : null;
  } catch {
    return null;
  }
}

/** True when the holder ran on this host and is gone (its pid dead, or reused by this process). */
function isStale(holder: LockHolder | null): boolean {
  if (!holder || holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return holder.processStart !== PROCESS_START;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes the lock at `file` when it still holds `seen`: renamed aside to a
 * name of this process first, so that of two processes taking over at once
 * only one gets it; when what was renamed is not `seen` (another process took
 * the lock over meanwhile), it is put back.
 * @returns true when the lock is gone (removed here or by another process)
 */
function removeIfStill(file: string, seen: string): boolean {
  const aside = tempName(file);
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  if (readLock(aside) === seen) {
    removeFile(aside);
    return true;
  }
  try {
    linkSync(aside, file);
  } catch {
    // A third process took the lock in the instant it was away; nothing better to do.
  }
  removeFile(aside);
  return false;
}

/**
 * The error of a writer that waited for the lock in vain; names the holder
 * and what to do. Each path ends at punctuation, so the API's scrubbing of
 * paths (api/plugins/errors.ts) leaves the rest of the sentence.
 */
function lockedError(dir: string, file: string, seen: string): StoreUnavailableError {
  const holder = parseHolder(seen);
  if (!holder) return new StoreUnavailableError("memory", `the lock of the store at ${dir} (${file}) names no process; if nothing writes this folder, remove the lock by hand`);
  const since = holder.since ? `, since ${holder.since.slice(0, 19).replace("T", " ")} UTC` : "";
  const what = `(${holder.command || "unknown command"}${since})`;
  if (holder.host !== hostname())
    return new StoreUnavailableError("memory", `process ${holder.pid} on host ${holder.host} ${what} holds the lock of the store at ${dir}; if that host no longer writes this folder, remove the lock by hand (${file})`);
  return new StoreUnavailableError("memory", `process ${holder.pid} ${what} is writing the store at ${dir}; try again when it finishes`);
}

/** This process's command as a lock names it: the script without extension, and its first argument when that is a word (e.g. "unionties ingest"). */
function commandName(): string {
  const script = basename(process.argv[1] ?? "node").replace(/\.[cm]?[jt]s$/, "");
  const first = process.argv[2];
  return first && /^[a-z][\w-]*$/i.test(first) ? `${script} ${first}` : script;
}
