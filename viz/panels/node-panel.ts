// The side panel for a selected node: what it is (kind, country, aliases,
// membership, founding year) and its relationships grouped by type, each
// with its quote and document; a quote is a button that opens the document.
import type { NodeDetail } from "../../graph/store.js";
import type { RelationshipRecord } from "../../graph/types.js";
import { humanise } from "../style.js";
import { button, h, t, type VNode } from "./vnode.js";

/** Titles of documents by id, for naming where a quote comes from. */
export type DocumentTitles = ReadonlyMap<string, string>;

function fact(label: string, value: unknown): VNode | null {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return null;
  const text = Array.isArray(value) ? value.join("; ") : String(value);
  return h("div", { class: "fact" }, t("dt", label), t("dd", text));
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Short description of a relationship from the selected node's side ("member of ITUC"). */
export function describeRelationship(rel: RelationshipRecord, self: string, names: ReadonlyMap<string, string>): string {
  const a = rel.attributes;
  const otherId = rel.source === self ? rel.target : rel.source;
  const other = names.get(otherId) ?? otherId;
  const extras = [a.strength && a.strength !== "unspecified" ? a.strength : "", a.since ? `since ${a.since}` : "", a.role ?? "", a.share ?? ""].filter(Boolean);
  const tail = extras.length ? ` (${extras.join(", ")})` : "";
  const no = a.polarity === "absent" ? "no " : "";
  if (a.type === "TIE") return `${no}tie with ${other}${tail}`;
  // Incoming relationships read from the other side: "Zenroren opposes this".
  if (rel.source !== self) return `${other} ${no}${humanise(a.type)} this${tail}`;
  return `${no}${humanise(a.type)} ${other}${tail}`;
}

/**
 * The panel's tree for `detail`; `notDrawn`: how many of its relationships
 * the viewer's graph lacks (an overview), offered to bring in.
 */
export function buildNodePanel(detail: NodeDetail, titles: DocumentTitles, notDrawn = 0): VNode {
  const { node, relationships, neighbours } = detail;
  const a = node.attributes;
  const names = new Map(neighbours.map((n) => [n.id, n.attributes.name]));
  const byType = new Map<string, RelationshipRecord[]>();
  for (const rel of relationships) byType.set(rel.attributes.type, [...(byType.get(rel.attributes.type) ?? []), rel]);
  const groups = [...byType.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([type, rels]) =>
    h("section", { class: "rel-group", "aria-label": `${humanise(type)} relationships` },
      t("h3", `${sentence(humanise(type))} (${rels.length})`),
      h("ul", {}, ...rels.map((rel) => relationshipItem(rel, node.id, names, titles)))));
  return h("div", { class: "node-detail", "data-node": node.id },
    t("h2", a.name, { id: "detail-title" }),
    h("dl", { class: "facts" },
      fact("Kind", humanise(String(a.kind))),
      fact("Country", a.country),
      fact("Also known as", a.aliases),
      fact("Founded", a.founded),
      fact("Membership", a.membership !== undefined ? `${a.membership.toLocaleString("en")}${a.membershipYear ? ` (${a.membershipYear})` : ""}` : undefined),
      fact("Ideology", a.ideology),
      fact("Documents", (a.documents ?? []).map((d) => titles.get(d) ?? d))),
    button("Focus on its neighbourhood", { type: "focus", id: node.id, depth: 1 }, { class: "focus-button" }),
    notDrawn > 0
      ? button(`Bring in ${notDrawn.toLocaleString("en")} more of its relationships`, { type: "expand", id: node.id }, { class: "expand-button", title: "The overview leaves them out: add them and their other ends to the picture" })
      : null,
    relationships.length ? h("div", { class: "relationships" }, ...groups) : t("p", "No relationships recorded.", { class: "empty" }));
}

function relationshipItem(rel: RelationshipRecord, self: string, names: ReadonlyMap<string, string>, titles: DocumentTitles): VNode {
  const otherId = rel.source === self ? rel.target : rel.source;
  const a = rel.attributes;
  return h("li", { class: `rel${a.polarity === "absent" ? " absent" : ""}`, "data-rel": rel.id },
    h("div", { class: "rel-head" },
      t("span", describeRelationship(rel, self, names), { class: "rel-text" }),
      button("show", { type: "select", id: otherId }, { class: "link", "aria-label": `Select ${names.get(otherId) ?? otherId}` }),
      t("span", `confidence ${Math.round((a.confidence ?? 0) * 100)}%`, { class: "confidence" })),
    ...(a.evidence ?? []).slice(0, 5).map((ev) =>
      h("blockquote", { class: "evidence" },
        button(`“${ev.quote.replace(/\s+/g, " ").trim()}”`, { type: "openQuote", document: ev.document, start: ev.start, end: ev.end }, { class: "quote", title: "Open the document at this passage" }),
        t("cite", titles.get(ev.document) ?? ev.document))));
}
