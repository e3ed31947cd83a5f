// A tiny description of DOM to build: panels return VNode trees (pure data,
// testable in node) and main.ts turns them into elements. Text is always text:
// there is no way to put markup in a VNode, so graph data cannot inject HTML.

/** What a click (or Enter/Space on a button) on an element asks the viewer to do. */
export type Action =
  | { type: "select"; id: string }
  | { type: "openQuote"; document: string; start: number; end: number }
  | { type: "closeDocument" }
  | { type: "focus"; id: string; depth: number }
  | { type: "expand"; id: string }
  | { type: "highlight"; nodes: string[]; edges: string[] };

/** An element to build: tag, attributes, text and children; `svg` for SVG elements. */
export interface VNode {
  tag: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  text?: string;
  children?: VNode[];
  action?: Action;
  svg?: boolean;
}

/** Builds a VNode; children that are strings become text spans. */
export function h(tag: string, attrs: VNode["attrs"] = {}, ...children: Array<VNode | string | null | undefined | false>): VNode {
  const kids = children.filter((c): c is VNode | string => !!c).map((c) => (typeof c === "string" ? { tag: "span", text: c } : c));
  return { tag, attrs, children: kids };
}

/** A VNode with only text content. */
export function t(tag: string, text: string, attrs: VNode["attrs"] = {}): VNode {
  return { tag, attrs, text };
}

/** A button that triggers `action`. */
export function button(label: string, action: Action, attrs: VNode["attrs"] = {}): VNode {
  return { tag: "button", attrs: { type: "button", ...attrs }, text: label, action };
}

/** All text in a tree, in document order (for tests and screen-reader summaries). */
export function textOf(node: VNode): string {
  return [node.text ?? "", ...(node.children ?? []).map(textOf)].filter(Boolean).join(" ");
}
