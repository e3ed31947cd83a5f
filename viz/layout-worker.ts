// The layout worker (built by Vite as its own file, so the CSP needs no
// blob: workers): runs ForceAtlas2 in batches on positions sent by the
// viewer, posts positions after each batch, and after the planned number of
// iterations removes overlaps with noverlap. It can be stopped and resumed.
// The same input and iteration count always give the same output.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";

/** Messages the viewer sends. */
export type LayoutRequest =
  | { type: "init"; x: Float32Array; y: Float32Array; size: Float32Array; edges: Uint32Array; iterations: number }
  | { type: "stop" }
  | { type: "resume"; iterations: number };

/** Messages the worker sends back. */
export interface LayoutUpdate {
  type: "positions";
  x: Float32Array;
  y: Float32Array;
  done: number;
  planned: number;
  finished: boolean;
}

const BATCH = 10;
let graph: Graph | null = null;
let running = false;
let done = 0;
let planned = 0;

function post(finished: boolean): void {
  const g = graph!;
  const x = new Float32Array(g.order);
  const y = new Float32Array(g.order);
  g.forEachNode((n, a) => {
    x[Number(n)] = a.x;
    y[Number(n)] = a.y;
  });
  const update: LayoutUpdate = { type: "positions", x, y, done, planned, finished };
  (self as unknown as Worker).postMessage(update, [x.buffer, y.buffer]);
}

function step(): void {
  if (!running || !graph) return;
  const n = Math.min(BATCH, planned - done);
  if (n > 0) {
    const settings = forceAtlas2.inferSettings(graph);
    // Stronger repulsion than inferred spreads clusters apart, which leaves room for labels.
    forceAtlas2.assign(graph, { iterations: n, settings: { ...settings, scalingRatio: Math.max(settings.scalingRatio ?? 1, 6), barnesHutOptimize: graph.order > 2000 }, getEdgeWeight: null });
    done += n;
  }
  if (done >= planned) {
    noverlap.assign(graph, { maxIterations: graph.order > 5000 ? 20 : 120, settings: { margin: 4, ratio: 1.2 } });
    running = false;
    post(true);
    return;
  }
  post(false);
  setTimeout(step, 0);
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const msg = event.data;
  if (msg.type === "init") {
    graph = new Graph({ type: "undirected", multi: false });
    for (let i = 0; i < msg.x.length; i++) graph.addNode(String(i), { x: msg.x[i], y: msg.y[i], size: msg.size[i] });
    for (let i = 0; i + 1 < msg.edges.length; i += 2) {
      const [s, t] = [String(msg.edges[i]), String(msg.edges[i + 1])];
      if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t);
    }
    done = 0;
    planned = msg.iterations;
    running = true;
    step();
  } else if (msg.type === "stop") {
    running = false;
  } else if (msg.type === "resume" && graph && !running) {
    planned = done + msg.iterations;
    running = true;
    step();
  }
};
