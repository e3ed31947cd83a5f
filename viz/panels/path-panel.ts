// The path panel: each shortest path found between two nodes, hop by hop,
// with the relationship crossed and the quote that supports it.
import type { GraphPath } from "../../graph/store.js";
import { humanise } from "../style.js";
import { button, h, t, type VNode } from "./vnode.js";

/** The panel's tree for the paths found from `from` to `to`. */
export function buildPathPanel(fromName: string, toName: string, paths: readonly GraphPath[], titles: ReadonlyMap<string, string>): VNode {
  if (!paths.length) return h("div", { class: "path-detail" }, t("h2", `No path between ${fromName} and ${toName}`), t("p", "Try allowing more relationship types."));
  return h("div", { class: "path-detail" },
    t("h2", `${paths.length > 1 ? `${paths.length} shortest paths` : "Shortest path"} from ${fromName} to ${toName}`),
    ...paths.map((path, i) => {
      const names = new Map(path.nodes.map((n) => [n.id, n.attributes.name]));
      return h("ol", { class: "path", "aria-label": `Path ${i + 1}, ${path.hops.length} hops` },
        ...path.hops.map((hop) => {
          const a = hop.relationship.attributes;
          const ev = a.evidence?.[0];
          const arrow = a.type === "TIE" ? "—" : hop.relationship.source === hop.from ? "→" : "←";
          return h("li", { class: "hop" },
            t("span", `${names.get(hop.from) ?? hop.from} ${arrow} ${humanise(a.type)} ${arrow} ${names.get(hop.to) ?? hop.to}`, { class: "hop-text" }),
            ev ? h("blockquote", { class: "evidence" },
              button(`“${ev.quote.replace(/\s+/g, " ").trim()}”`, { type: "openQuote", document: ev.document, start: ev.start, end: ev.end }, { class: "quote" }),
              t("cite", titles.get(ev.document) ?? ev.document)) : null);
        }));
    }));
}
