// An overview under the filters: when a filter changes while the viewer
// shows an overview of a large graph, it asks the API for the overview under
// the new filters (the `top` organisations by the relationships those filters
// keep, with the nodes brought in as `include`), after the controls settle,
// and the graph becomes that answer plus what was brought in, selected or on
// a highlighted path (overview.ts replaceOverview). One request at a time: a
// change made while an answer is on its way asks again once it has come (the
// year player on the 100k store would otherwise pile up requests); each
// answer is drawn as it comes.
import { MAX_EXPORT_IDS } from "../api-client.js";
import { overviewQuery, replaceOverview } from "../overview.js";
import { presentTypes } from "../graph-model.js";
import { nodeSize } from "../style.js";
import type { Viewer } from "../viewer.js";

/** Wait after the last filter change before asking (a slider or the year player moves fast). */
const SETTLE_MS = 250;
/** Most characters of ids an overview or export URL carries in `include` (Node's header limit is 16 KiB). */
const MAX_INCLUDE_CHARS = 8000;

/**
 * The first of `ids` (sorted) that fit an `include` parameter: at most
 * MAX_EXPORT_IDS and MAX_INCLUDE_CHARS; `left` says how many did not fit.
 */
export function includeList(ids: Iterable<string>): { ids: string[]; left: number } {
  const sorted = [...ids].sort();
  const out: string[] = [];
  let chars = 0;
  for (const id of sorted) {
    if (out.length >= MAX_EXPORT_IDS || chars + id.length + 1 > MAX_INCLUDE_CHARS) break;
    out.push(id);
    chars += id.length + 1;
  }
  return { ids: out, left: sorted.length - out.length };
}

/** Nodes a new overview keeps whatever it holds: brought in, selected, focused, on a highlighted path. */
function pinned(viewer: Viewer): Set<string> {
  const keep = new Set(viewer.broughtIn);
  for (const id of [viewer.state.selected, viewer.state.focus?.node]) if (id) keep.add(id);
  for (const id of viewer.highlight.pathNodes ?? []) keep.add(id);
  return keep;
}

/** Asks for the overview under the current filters (debounced); `onReplaced` gets the number of nodes added. */
export class OverviewReload {
  private timer: number | undefined;
  private asked = 0;
  private inFlight = false;
  private again = false;
  /** Overviews drawn since the first (a test hook). */
  loads = 0;

  constructor(private readonly viewer: Viewer, private readonly onReplaced: (added: number) => void) {}

  /** Asks again once the filters have not changed for SETTLE_MS. */
  schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.reload(), SETTLE_MS);
  }

  private async reload(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      await this.load(++this.asked);
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  private async load(ticket: number): Promise<void> {
    const { viewer } = this;
    viewer.setStatus("Loading the overview under these filters…");
    try {
      const query = overviewQuery(viewer.state, viewer.overviewLimit, includeList(viewer.broughtIn).ids);
      const { graph: answer, totals } = await viewer.api.graphWithTotals(query);
      if (ticket !== this.asked || !viewer.overview) return;
      const { added } = replaceOverview(viewer.graph, answer, pinned(viewer), { undirected: (type) => viewer.undirectedTypes.has(type), size: nodeSize });
      viewer.overviewIds = new Set(answer.nodes.map((n) => n.key).filter((id) => !viewer.broughtIn.has(id)));
      viewer.overview = { shown: viewer.overviewIds.size, totalNodes: totals?.nodes ?? viewer.overview.totalNodes, totalRelationships: totals?.relationships ?? viewer.overview.totalRelationships };
      viewer.presentTypes = presentTypes(viewer.graph);
      viewer.showOverviewNotice();
      viewer.refreshView();
      viewer.frameVisible();
      this.loads++;
      this.onReplaced(added.length);
    } catch (error) {
      if (ticket === this.asked) viewer.setStatus(`Could not load the overview under these filters: ${(error as Error).message}`);
    }
  }
}
