// Text helpers for SVG figures: XML escaping, approximate text widths and
// line wrapping (no font metrics are available on the server, so widths are
// estimated from DejaVu Sans' average advance).

/** Font stack of every figure; DejaVu Sans is what resvg finds on Debian. */
export const FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif";

// Characters XML 1.0 forbids (C0 controls other than tab, newline, return).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an XML text node or a double-quoted attribute. */
export function escapeXml(text: unknown): string {
  return String(text ?? "")
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Estimated rendered width in pixels of `text` at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += /[A-Z MWmw@]/.test(ch) ? 0.72 : /[iljtf.,;:'!|]/.test(ch) ? 0.32 : 0.58;
  return units * fontSize;
}

/** Splits `text` into lines no wider than `maxWidth` at `fontSize`. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Shortens `text` to at most `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
