// The legend of a figure: one swatch per node kind drawn and one line sample
// per relationship type drawn, plus the dashed "absent" sample when needed.
import { kindColour, typeColour } from "./palette.js";
import { escapeXml, FONT_FAMILY, textWidth } from "./svg-text.js";

/** What the legend must explain. */
export interface LegendContent {
  kinds: string[];
  types: string[];
  hasAbsent: boolean;
}

const ROW = 22;
const FONT = 14;

/** Human wording of a kind or type ("global_union" -> "global union", "MEMBER_OF" -> "member of"). */
export function humanise(name: string): string {
  return name.toLowerCase().replace(/_/g, " ");
}

/** The legend's height in pixels for `content`. */
export function legendHeight(content: LegendContent): number {
  const rows = content.kinds.length + content.types.length + (content.hasAbsent ? 1 : 0);
  return rows * ROW + (content.kinds.length ? 30 : 0) + (content.types.length ? 30 : 0) + 16;
}

/** The legend's width in pixels for `content`. */
export function legendWidth(content: LegendContent): number {
  const texts = [...content.kinds.map(humanise), ...content.types.map(humanise), "absent (stated as not existing)", "Relationships"];
  return Math.ceil(Math.max(...texts.map((t) => textWidth(t, FONT)))) + 60;
}

/** SVG markup of the legend with its top-left corner at (x, y). */
export function renderLegend(content: LegendContent, x: number, y: number): string {
  const out: string[] = [`<g class="legend" font-family="${FONT_FAMILY}" font-size="${FONT}" fill="#222">`];
  let cy = y + 8;
  const heading = (text: string) => {
    out.push(`<text x="${x}" y="${cy + 16}" font-weight="bold">${escapeXml(text)}</text>`);
    cy += 30;
  };
  if (content.kinds.length) {
    heading("Nodes");
    for (const kind of content.kinds) {
      out.push(
        `<circle cx="${x + 8}" cy="${cy + 6}" r="7" fill="${kindColour(kind)}" stroke="#333" stroke-width="0.8"/>`,
        `<text x="${x + 24}" y="${cy + 11}">${escapeXml(humanise(kind))}</text>`,
      );
      cy += ROW;
    }
  }
  if (content.types.length) {
    heading("Relationships");
    for (const type of content.types) {
      out.push(
        `<line x1="${x}" y1="${cy + 6}" x2="${x + 18}" y2="${cy + 6}" stroke="${typeColour(type)}" stroke-width="3"/>`,
        `<text x="${x + 24}" y="${cy + 11}">${escapeXml(humanise(type))}</text>`,
      );
      cy += ROW;
    }
    if (content.hasAbsent) {
      out.push(
        `<line x1="${x}" y1="${cy + 6}" x2="${x + 18}" y2="${cy + 6}" stroke="#555" stroke-width="2" stroke-dasharray="4 3"/>`,
        `<text x="${x + 24}" y="${cy + 11}">absent (stated as not existing)</text>`,
      );
    }
  }
  out.push("</g>");
  return out.join("\n");
}
