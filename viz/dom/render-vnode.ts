// Turns the panels' VNode trees into DOM elements. Text is only ever set as
// textContent and attributes come from an allow-list (no on* handlers, no
// href), so graph data cannot inject markup or script (RELIABILITY B10.1).
import type { Action, VNode } from "../panels/vnode.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const SAFE_ATTR = /^(class|id|role|tabindex|title|type|aria-[a-z-]+|data-[a-z-]+|viewBox|width|height|x|y|x1|y1|x2|y2|cx|cy|r|rx|d|fill|stroke|stroke-width|stroke-dasharray|marker-end|refX|refY|markerWidth|markerHeight|orient|text-anchor|font-weight)$/;

/**
 * Builds the element tree of `node`. Elements with an action call
 * `onAction` on click (buttons also on Enter and Space, natively).
 */
export function renderVNode(node: VNode, onAction: (action: Action) => void): Element {
  const el = node.svg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value === undefined || value === false || !SAFE_ATTR.test(key)) continue;
    el.setAttribute(key, String(value));
    if (key === "data-colour") (el as HTMLElement).style.setProperty("--c", String(value));
  }
  if (node.text !== undefined) el.textContent = node.text;
  for (const child of node.children ?? []) el.appendChild(renderVNode(child, onAction));
  if (node.action) {
    const action = node.action;
    el.addEventListener("click", (event) => {
      event.preventDefault();
      onAction(action);
    });
  }
  return el;
}
