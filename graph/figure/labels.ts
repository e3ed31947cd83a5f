// Label placement for figures: larger nodes first, each label tried to the
// right, left, above and below its node, and skipped only when every spot
// collides (the node keeps its <title>, so the SVG still names it).
import { escapeXml, FONT_FAMILY, textWidth, truncate } from "./svg-text.js";

/** A drawn node, in figure pixels. */
export interface LabelledNode { x: number; y: number; r: number; name: string }

interface Box { x0: number; y0: number; x1: number; y1: number }

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * SVG markup of the labels of `nodes` inside a figure of `size`. Labels never
 * overlap each other or a node disc; those with no free spot are left out.
 */
export function placeLabels(nodes: readonly LabelledNode[], size: { width: number; height: number }): string {
  const taken: Box[] = nodes.map((n) => ({ x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r }));
  const ordered = [...nodes].sort((a, b) => b.r - a.r || a.name.localeCompare(b.name));
  const out = [`<g class="labels" font-family="${FONT_FAMILY}" fill="#111" stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">`];
  for (const n of ordered) {
    const fontSize = n.r > 12 ? 15 : 13;
    const text = truncate(n.name, 36);
    const w = textWidth(text, fontSize);
    const h = fontSize * 1.1;
    const spots: Array<[Box, number, number, string]> = [
      [{ x0: n.x + n.r + 3, y0: n.y - h / 2, x1: n.x + n.r + 3 + w, y1: n.y + h / 2 }, n.x + n.r + 3, n.y + fontSize * 0.35, "start"],
      [{ x0: n.x - n.r - 3 - w, y0: n.y - h / 2, x1: n.x - n.r - 3, y1: n.y + h / 2 }, n.x - n.r - 3, n.y + fontSize * 0.35, "end"],
      [{ x0: n.x - w / 2, y0: n.y - n.r - 2 - h, x1: n.x + w / 2, y1: n.y - n.r - 2 }, n.x, n.y - n.r - 4, "middle"],
      [{ x0: n.x - w / 2, y0: n.y + n.r + 2, x1: n.x + w / 2, y1: n.y + n.r + 2 + h }, n.x, n.y + n.r + fontSize, "middle"],
    ];
    // Spots sit outside the node's own disc, so every taken box is an obstacle.
    const spot = spots.find(([box]) =>
      box.x0 >= 0 && box.x1 <= size.width && box.y0 >= 0 && box.y1 <= size.height && !taken.some((t) => overlaps(t, box)));
    if (!spot) continue;
    taken.push(spot[0]);
    out.push(`<text x="${spot[1].toFixed(1)}" y="${spot[2].toFixed(1)}" font-size="${fontSize}" text-anchor="${spot[3]}">${escapeXml(text)}</text>`);
  }
  out.push(`</g>`);
  return out.join("\n");
}
