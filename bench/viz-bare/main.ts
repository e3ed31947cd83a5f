// Bare Sigma for bench/viz.ts: the same graph as the viewer (GET /api/graph,
// same seeded positions, sizes by degree, colours by kind and type) drawn
// with Sigma's default settings and nothing else: no reducers, no panels, no
// layout worker. `?top=N` asks for the same overview the viewer asks for. Reports its first frame time on window.__bare, measured as
// the viewer measures it (viz/first-frame.ts).
import Graph from "graphology";
import Sigma from "sigma";
import { firstFrameDrawn, reportFirstFrame } from "../../viz/first-frame.js";
import { seededPositions } from "../../viz/graph-model.js";
import { kindColour, nodeSize, typeColour } from "../../viz/style.js";

const hook: { firstFrameMs: number | null; sigma: Sigma | null; ready: boolean } = { firstFrameMs: null, sigma: null, ready: false };
(window as unknown as { __bare: typeof hook }).__bare = hook;

async function start(): Promise<void> {
  const top = new URLSearchParams(location.search).get("top");
  const data = await (await fetch(`/api/graph?withoutDocuments=true${top ? `&top=${encodeURIComponent(top)}` : ""}`)).json();
  performance.mark("bare:data");
  const graph = new Graph({ multi: true, type: "mixed" });
  graph.import(data);
  performance.mark("bare:imported");
  const maxDegree = Math.max(1, ...graph.mapNodes((n) => graph.degree(n)));
  const positions = seededPositions(graph.nodes(), 1);
  graph.updateEachNodeAttributes((n, a) => ({ ...a, ...positions.get(n)!, label: a.name, size: nodeSize(graph.degree(n), maxDegree), color: kindColour(a.kind) }));
  graph.updateEachEdgeAttributes((_e, a) => ({ ...a, relType: a.type, type: "line", color: typeColour(a.type) }));
  performance.mark("bare:prepared");
  const sigma = new Sigma(graph, document.getElementById("graph")!);
  performance.mark("bare:sigma"); // the constructor renders once
  hook.firstFrameMs = firstFrameDrawn(sigma);
  await reportFirstFrame(hook.firstFrameMs);
  hook.sigma = sigma;
  (hook as unknown as { Sigma: typeof Sigma }).Sigma = Sigma; // for experiments from the bench
  hook.ready = true;
}

void start();
