// Boomerang instances drawn in the arrangement of Keck and Sikkink's figure:
// the blocked state (top left) and its domestic organisation (bottom left) on
// one side, the foreign partners (bottom right) and the state or
// intergovernmental body that pressures (top right) on the other. Legs a text
// states are absent, or that no text mentions, are dashed placeholders
// labelled with what is missing. Each instance offers to show its
// organisations and legs on the map (highlighted like a path).
import type { NodeRecord } from "../../graph/types.js";
import type { BoomerangInstance, BoomerangLeg, BoomerangResult } from "../api-client.js";
import { typeColour } from "../style.js";
import { button, h, t, type VNode } from "./vnode.js";

type Role = "state" | "domestic" | "partner" | "pressurer";

const W = 560;
const H = 300;
const POS: Record<Role, [number, number]> = { state: [110, 60], domestic: [110, 240], partner: [450, 240], pressurer: [450, 60] };
const ROLE_WORDS: Record<Role, string> = { state: "blocking state", domestic: "domestic group", partner: "foreign partner", pressurer: "State B / IGO" };
// Each leg runs between two roles of the figure, in the direction pressure travels.
const LEG_ENDS: Record<string, [Role, Role]> = {
  block: ["state", "domestic"],
  reach: ["domestic", "partner"],
  pressure: ["partner", "pressurer"],
  boomerang: ["pressurer", "state"],
};
const LEG_TYPE: Record<string, string> = { block: "BLOCKS", reach: "TIE", pressure: "PRESSURES", boomerang: "PRESSURES" };

/** Instances drawn in the panel at most (the best first). */
export const BOOMERANGS_DRAWN = 12;

/** The organisations an instance names (state bodies, domestic group, partners, pressurer, target), once each. */
export function instanceNodes(instance: BoomerangInstance): NodeRecord[] {
  const n = instance.nodes;
  const all = [...(n.stateBodies ?? []), n.domestic, ...(n.partners ?? []), n.pressurer, n.target].filter((x): x is NodeRecord => !!x);
  return [...new Map(all.map((x) => [x.id, x])).values()];
}

/** The relationships of an instance's legs. */
export function instanceRelationships(instance: BoomerangInstance) {
  return instance.legs.flatMap((leg) => leg.relationships);
}

const names = (nodes: readonly (NodeRecord | undefined)[]) => nodes.filter((n): n is NodeRecord => !!n).map((n) => n.attributes.name);
const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The names shown in each role of the figure (null when the chain does not reach it). */
export function roleNames(instance: BoomerangInstance): Record<Role, string | null> {
  const n = instance.nodes;
  const stateBody = names([n.target, ...(n.stateBodies ?? [])])[0];
  const partners = names(n.partners ?? []);
  return {
    state: stateBody ? `${stateBody} (${n.state})` : `State ${n.state}`,
    domestic: n.domestic?.attributes.name ?? null,
    partner: partners.length ? partners.slice(0, 2).join(", ") + (partners.length > 2 ? ` +${partners.length - 2}` : "") : null,
    pressurer: n.pressurer?.attributes.name ?? null,
  };
}

const svg = (tag: string, attrs: VNode["attrs"], ...children: VNode[]): VNode => ({ tag, attrs, children, svg: true });
const svgText = (text: string, attrs: VNode["attrs"]): VNode => ({ tag: "text", attrs, text, svg: true });

function legPath(leg: BoomerangLeg, id: string): VNode {
  const [from, to] = LEG_ENDS[leg.leg] ?? LEG_ENDS.reach;
  const [x1, y1] = POS[from];
  const [x2, y2] = POS[to];
  const present = leg.status === "present";
  const colour = present ? typeColour(leg.relationships[0]?.attributes.type ?? LEG_TYPE[leg.leg]) : leg.status === "absent" ? "#882255" : "#777777";
  const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
  const pad = dy === 0 ? 98 : 26; // stop at the role boxes so arrowheads stay visible
  const [sx, sy, ex, ey] = [x1 + (dx / len) * pad, y1 + (dy / len) * pad, x2 - (dx / len) * pad, y2 - (dy / len) * pad];
  const label = present ? leg.label : `${leg.status === "absent" ? "stated absent" : "missing"}: ${leg.label}`;
  const vertical = dx === 0;
  // Vertical legs are labelled on the inner side (between the columns), so nothing is clipped.
  const [lx, ly] = vertical ? [x1 + (x1 < W / 2 ? 10 : -10), (sy + ey) / 2 + 4] : [(sx + ex) / 2, y1 < H / 2 ? y1 - 30 : y1 + 40];
  const quote = leg.relationships[0]?.attributes.evidence?.[0]?.quote ?? "";
  return svg("g", { class: `leg ${leg.status}`, "data-leg": leg.leg },
    { tag: "title", text: quote ? `${label}: “${quote}”` : label, svg: true },
    svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })),
    svg("line", { x1: sx, y1: sy, x2: ex, y2: ey, stroke: colour, "stroke-width": present ? 3 : 2, "stroke-dasharray": present ? undefined : "7 5", "marker-end": `url(#${id})` }),
    svgText(short(label, vertical ? 26 : 40), { x: lx, y: ly, "text-anchor": vertical ? (x1 < W / 2 ? "start" : "end") : "middle", class: "leg-label", fill: present ? "#222" : "#555" }));
}

function roleBox(role: Role, name: string | null): VNode {
  const [x, y] = POS[role];
  return svg("g", { class: `role ${name ? "known" : "unknown"}`, "data-role": role },
    svg("rect", { x: x - 98, y: y - 24, width: 196, height: 48, rx: 8, fill: name ? "#F4F7FB" : "#FFFFFF", stroke: name ? "#333" : "#888", "stroke-dasharray": name ? undefined : "5 4" }),
    svgText(name ? short(name, 26) : "?", { x, y: y - 2, "text-anchor": "middle", "font-weight": "bold" }),
    svgText(ROLE_WORDS[role], { x, y: y + 15, "text-anchor": "middle", class: "role-word", fill: "#555" }));
}

/** One instance as an SVG figure plus each leg's evidence or what is missing. */
export function buildBoomerangInstance(instance: BoomerangInstance, index: number, titles: ReadonlyMap<string, string>): VNode {
  const roles = roleNames(instance);
  const title = `${instance.complete ? "Complete" : "Partial"} boomerang: ${instance.score.legsPresent} of 4 legs`;
  const description = (Object.keys(POS) as Role[]).map((r) => `${ROLE_WORDS[r]}: ${roles[r] ?? "unknown"}`).join("; ");
  return h("section", { class: `boomerang-instance ${instance.complete ? "complete" : "partial"}`, "aria-label": title, "data-instance": instance.id },
    t("h3", `${index + 1}. ${title}`),
    button("Show on map", { type: "highlight", nodes: instanceNodes(instance).map((n) => n.id), edges: instanceRelationships(instance).map((r) => r.id) }, { class: "show-on-map" }),
    svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": `${title}. ${description}` },
      ...instance.legs.map((leg, i) => legPath(leg, `bm-${index}-${i}`)),
      ...(Object.keys(POS) as Role[]).map((r) => roleBox(r, roles[r]))),
    h("ul", { class: "legs" }, ...instance.legs.map((leg) => {
      const ev = leg.relationships[0]?.attributes.evidence?.[0];
      return h("li", { class: leg.status },
        t("strong", `${leg.label}: `),
        ev
          ? button(`“${ev.quote.replace(/\s+/g, " ").trim()}”`, { type: "openQuote", document: ev.document, start: ev.start, end: ev.end }, { class: "quote" })
          : t("span", leg.status === "absent" ? "stated as absent" : "missing: no text supports it"),
        ev ? t("cite", titles.get(ev.document) ?? ev.document) : null,
        leg.note ? t("div", leg.note, { class: "note" }) : null);
    })));
}

/** The panel's tree for a boomerang query result (complete instances first, at most 12 drawn). */
export function buildBoomerangPanel(label: string, result: BoomerangResult, titles: ReadonlyMap<string, string>): VNode {
  const drawn = result.instances.slice(0, BOOMERANGS_DRAWN);
  return h("div", { class: "boomerang-detail" },
    t("h2", `Boomerangs for ${label}`),
    t("p", result.instances.length
      ? `${result.summary.complete} complete and ${result.summary.partial} partial instance(s)${result.instances.length > drawn.length ? `; the best ${drawn.length} are drawn` : ""}. Dashed legs are absent or missing in the texts.`
      : "No boomerang instance found.", { class: "summary" }),
    ...result.notes.map((note) => t("p", note, { class: "note" })),
    ...drawn.map((inst, i) => buildBoomerangInstance(inst, i, titles)));
}
