// Shared by the kill tests of the embedded store (memory-crash,
// memory-change-log-crash): what a killed run left, per document.
import { MemoryStore } from "../../graph/memory-store.js";
import type { EdgeAttributes, SerializedGraph } from "../../graph/types.js";

/** Evidence of each document, as sorted strings (relationship key + offsets). */
export function evidenceByDocument(graph: SerializedGraph): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    for (const ev of (e.attributes as EdgeAttributes).evidence ?? []) {
      const list = out.get(ev.document) ?? [];
      list.push(`${e.key}@${ev.start}-${ev.end}`);
      out.set(ev.document, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** The graph of the embedded store in `dir`, as a store opening it sees it. */
export async function exportOf(dir: string): Promise<SerializedGraph> {
  const store = new MemoryStore({ dir });
  await store.open();
  try {
    return await store.exportGraph();
  } finally {
    await store.close();
  }
}
