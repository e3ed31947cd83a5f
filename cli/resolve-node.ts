// What the commands that take a node on the command line share: an id is
// used as it is, anything else is looked up by search (name or alias, case-
// and accent-insensitive) and the best match is taken.
import { NotFoundError } from "../graph/errors.js";
import type { NodeLabel } from "../graph/schema.js";
import type { GraphStore } from "../graph/store.js";

/** The id of the node `given` names: an exact id as it is, else the best search hit (of `label`, if given). */
export async function resolveNode(store: GraphStore, given: string, label?: NodeLabel): Promise<string> {
  const exact = await store.getNodes([given]);
  if (exact.length) return exact[0].id;
  const hit = await store.search({ q: given, label, limit: 1 });
  if (!hit.items.length) throw new NotFoundError(label === "Organization" ? "organisation" : "node", given);
  return hit.items[0].id;
}
