// Figures (SVG layout and PNG rasterisation) drawn in a child process, never
// on the API's event loop: a whole-graph PNG of 2,335 nodes at 4000x4000 held
// the server's only thread for 29 s (every request waited), and a whole-graph
// SVG for 5 s. Each figure gets a fresh process (figure-child.mjs) with a heap
// limit, at most `concurrency` run at once (others are a 503 at once), and a
// deadline after which the process is killed (SIGKILL) and the request is a
// 504. A process rather than a worker thread: resvg rasterises in native code,
// and Worker.terminate() waits for it to return (measured: terminated after
// 2 s, a 1600x1000 figure's worker exited after 6.7 s), while a killed process
// stops at once and gives its memory back.
import { fork, type ChildProcess } from "node:child_process";
import type { SerializedGraph } from "../graph/types.js";
import type { FigureParams, Rendered } from "./exporter.js";
import { HttpError } from "./plugins/errors.js";

/** Limits of figure drawing. */
export interface FigureLimits {
  /** Milliseconds from starting a figure's process until it is killed and the request is a 504. */
  timeoutMs: number;
  /** Most figures drawn at once; one more is a 503 with Retry-After. */
  concurrency: number;
  /** V8 heap limit of a figure's process, in MB (resvg's pixels are outside it; width and height ≤ 4000 bound them). */
  memoryMb: number;
  /** Called with each figure process's pid once it is started (logs and tests). */
  onSpawn?: (pid: number) => void;
}

/**
 * The defaults. One figure at a time keeps one of two cores for the API; a
 * deadline of 12 s answers before the 15 s handler timeout would (a default
 * 1600x1000 PNG of the whole 2,335-node test store takes 11-12 s in all
 * on a busy machine: narrow it with `top`).
 */
export const FIGURE_LIMITS: FigureLimits = { timeoutMs: 12_000, concurrency: 1, memoryMb: 1024 };

/** What the child posts back (figure-child.mjs). */
type FigureReply = { ready: true } | { ok: true; body: Uint8Array; type: string; extension: string } | { ok: false; message: string };

const CHILD = new URL("./figure-child.mjs", import.meta.url);

/** Draws figures in child processes under FigureLimits. */
export class FigureRenderer {
  readonly limits: FigureLimits;
  private readonly children = new Set<ChildProcess>();

  constructor(limits: Partial<FigureLimits> = {}) {
    this.limits = { ...FIGURE_LIMITS, ...limits };
  }

  /** Figure processes alive now (a killed one counts until it has exited). */
  get active(): number {
    return this.children.size;
  }

  /**
   * Draws `graph` as an SVG or PNG figure, the same bytes renderExport gives in-process.
   * @throws HttpError 503 when `concurrency` figures are being drawn, 504 past the deadline (the process is gone by then)
   * @throws Error when the process fails otherwise (a 500)
   */
  render(graph: SerializedGraph, format: "svg" | "png", figure: FigureParams): Promise<Rendered> {
    if (this.children.size >= this.limits.concurrency) {
      const n = this.limits.concurrency;
      throw new HttpError(503, `the server is drawing ${n === 1 ? "another figure" : `${n} figures`} (at most ${n} at once); retry in a few seconds`);
    }
    const child = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${this.limits.memoryMb}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    this.children.add(child);
    if (child.pid !== undefined) this.limits.onSpawn?.(child.pid);
    return new Promise<Rendered>((resolve, reject) => {
      let outcome: (() => void) | null = null;
      const settle = (fn: () => void) => {
        outcome ??= fn;
        clearTimeout(timer);
        // A slot is free, and the caller answered, only once the process is gone.
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      };
      const timer = setTimeout(
        () => settle(() => reject(new HttpError(504, `the figure took longer than ${this.limits.timeoutMs} ms to draw and was stopped; narrow it (top, kinds, countries or nodes) or ask for a smaller width and height`))),
        this.limits.timeoutMs,
      );
      child.on("message", (reply: FigureReply) => {
        if ("ready" in reply) {
          child.send({ graph, format, figure }, (error) => {
            if (error) settle(() => reject(error));
          });
          return;
        }
        settle(() =>
          reply.ok
            ? resolve({ body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength), type: reply.type, extension: reply.extension })
            : reject(new Error(`the figure could not be drawn: ${reply.message}`)),
        );
      });
      child.once("error", (error) => {
        settle(() => reject(error));
        // A process that never started emits no "exit".
        if (child.pid === undefined) {
          this.children.delete(child);
          outcome!();
        }
      });
      child.once("exit", (code, signal) => {
        this.children.delete(child);
        clearTimeout(timer);
        (outcome ?? (() => reject(new Error(`the figure process stopped unexpectedly (exit ${code ?? signal})`))))();
      });
    });
  }

  /** Kills every figure process (the app is closing). */
  close(): void {
    for (const child of this.children) child.kill("SIGKILL");
  }
}
