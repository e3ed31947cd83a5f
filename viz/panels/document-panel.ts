// The document reader: a document's text with one passage highlighted (the
// quote that was clicked) and the other evidence spans underlined.
import { button, h, t, type VNode } from "./vnode.js";

/** The reader's tree: title, close button, and the text cut at the highlighted span. */
export function buildDocumentView(title: string, text: string, highlight: { start: number; end: number }): VNode {
  const start = Math.max(0, Math.min(highlight.start, text.length));
  const end = Math.max(start, Math.min(highlight.end, text.length));
  return h("div", { class: "document-view" },
    h("div", { class: "document-head" }, t("h2", title, { id: "document-title" }), button("Close", { type: "closeDocument" }, { class: "close", "aria-label": "Close the document" })),
    h("div", { class: "document-text", tabindex: 0 },
      { tag: "span", text: text.slice(0, start) },
      t("mark", text.slice(start, end), { id: "highlight" }),
      { tag: "span", text: text.slice(end) }));
}
