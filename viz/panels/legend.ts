// The legend: node kinds and relationship types present in the graph, with
// their colours, and the dashed sample for relationships stated as absent.
import { humanise, kindColour, typeColour } from "../style.js";
import { h, t, type VNode } from "./vnode.js";

/** The legend's tree for the kinds and types present. */
export function buildLegend(kinds: readonly string[], types: readonly string[], showAbsent: boolean): VNode {
  return h("div", { class: "legend-body" },
    t("h2", "Legend", { class: "visually-hidden" }),
    h("ul", { class: "legend-kinds", "aria-label": "Node kinds" },
      ...kinds.map((k) => h("li", {}, { tag: "span", attrs: { class: "swatch dot", "data-colour": kindColour(k) } }, t("span", humanise(k))))),
    h("ul", { class: "legend-types", "aria-label": "Relationship types" },
      ...types.map((ty) => h("li", {}, { tag: "span", attrs: { class: "swatch line", "data-colour": typeColour(ty) } }, t("span", humanise(ty)))),
      showAbsent ? h("li", {}, { tag: "span", attrs: { class: "swatch line dashed", "data-colour": "#555555" } }, t("span", "absent (stated as not existing)")) : null));
}
