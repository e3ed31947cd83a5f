// The viewer's side of the layout worker: sends the graph's positions, sizes
// and walkable edges to viz/layout-worker.ts (a separate file, so the CSP
// needs no blob: workers), writes the positions it sends back into the
// graph, and stops or resumes it.
import type Graph from "graphology";
import type { LayoutRequest, LayoutUpdate } from "./layout-worker.js";

/** Progress of a layout run. */
export interface LayoutProgress {
  done: number;
  planned: number;
  finished: boolean;
}

/** Runs ForceAtlas2 + noverlap on `graph` in a worker; positions are written into the graph as they come. */
export class LayoutClient {
  private worker: Worker | null = null;
  private index = new Map<string, number>();
  /** True while the worker iterates. */
  running = false;

  constructor(private readonly graph: Graph, private readonly onProgress: (progress: LayoutProgress) => void) {}

  /** Starts a run of `iterations` ForceAtlas2 iterations from the current positions (ending a run under way). */
  start(iterations: number): void {
    this.worker?.terminate();
    const nodes = this.graph.nodes();
    this.index = new Map(nodes.map((n, i) => [n, i]));
    const x = new Float32Array(nodes.length);
    const y = new Float32Array(nodes.length);
    const size = new Float32Array(nodes.length);
    nodes.forEach((n, i) => {
      const a = this.graph.getNodeAttributes(n);
      [x[i], y[i], size[i]] = [a.x, a.y, a.size];
    });
    // Absent relationships pull nothing together: the text says they do not exist.
    const pairs: number[] = [];
    this.graph.forEachEdge((_e, a, s, t) => {
      if (a.type !== "MENTIONS" && a.polarity !== "absent") pairs.push(this.index.get(s)!, this.index.get(t)!);
    });
    this.worker = new Worker(new URL("./layout-worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (event: MessageEvent<LayoutUpdate>) => this.receive(event.data);
    const edges = new Uint32Array(pairs);
    const init: LayoutRequest = { type: "init", x, y, size, edges, iterations };
    this.worker.postMessage(init, [x.buffer, y.buffer, size.buffer, edges.buffer]);
    this.running = true;
  }

  /** Stops after the current batch; positions stay where they are. */
  stop(): void {
    if (!this.worker || !this.running) return;
    this.worker.postMessage({ type: "stop" } satisfies LayoutRequest);
    this.running = false;
  }

  /** Runs `iterations` more, then noverlap again. */
  resume(iterations = 100): void {
    if (!this.worker || this.running) return;
    this.worker.postMessage({ type: "resume", iterations } satisfies LayoutRequest);
    this.running = true;
  }

  private receive(update: LayoutUpdate): void {
    const { x, y, done, planned, finished } = update;
    this.graph.updateEachNodeAttributes((n, a) => {
      const i = this.index.get(n);
      // A node brought in after the layout started keeps its place.
      if (i === undefined) return a;
      a.x = x[i];
      a.y = y[i];
      return a;
    }, { attributes: ["x", "y"] });
    if (finished) this.running = false;
    this.onProgress({ done, planned, finished });
  }
}
