// HTML to its visible text, by a small tokenizer that never builds a DOM and
// never runs anything: scripts, styles, templates, comments and the <head>
// are dropped, tags are removed (block elements become paragraph breaks),
// character references are decoded, and whitespace collapses as a browser
// would show it (kept inside <pre>).

import { decodeEntities } from "./html-entities.js";

/** The visible text of an HTML page and its <title>. */
export interface HtmlText {
  text: string;
  title?: string;
}

const HIDDEN = new Set(["script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object", "select", "textarea"]);
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
  "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
]);
const TOKEN = /<!--[^]*?(?:-->|$)|<!\[CDATA\[[^]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/?([A-Za-z][A-Za-z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>?/g;

/**
 * Extracts the visible text of an HTML document. Pure and linear; never throws.
 * @returns the text, paragraphs separated by "\n\n", and the <title> if any
 */
export function htmlToText(html: string): HtmlText {
  const out: string[] = [];
  let hiddenUntil: string | null = null; // name of the element whose end tag ends hidden content
  let preDepth = 0;
  let last = 0;

  const emit = (raw: string) => {
    if (hiddenUntil || !raw) return;
    const decoded = decodeEntities(raw);
    out.push(preDepth > 0 ? decoded : decoded.replace(/[\t\n\f\r ]+/g, " "));
  };

  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    emit(html.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name) continue; // comment, doctype, CDATA, processing instruction
    const closing = m[0].startsWith("</");
    if (hiddenUntil) {
      if (closing && name === hiddenUntil) hiddenUntil = null;
      continue;
    }
    if (!closing && HIDDEN.has(name) && !m[0].endsWith("/>")) {
      hiddenUntil = name;
      continue;
    }
    if (name === "pre") preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    if (name === "br") out.push("\n");
    else if (BLOCK.has(name)) out.push("\n\n");
    else if ((name === "td" || name === "th") && !/\s$/.test(out[out.length - 1] ?? "")) out.push(" ");
  }
  emit(html.slice(last));
  const rawTitle = titleText(html);
  const title = rawTitle ? decodeEntities(rawTitle).replace(/\s+/g, " ").trim() : "";
  return { text: tidy(out.join("")), ...(title ? { title } : {}) };
}

/**
 * The raw text of the first <title>: from the first ">" after the first
 * "<title" up to the next "<" (what /<title\b[^>]*>([^<]*)/i finds). That
 * regex is quadratic when no ">" follows: it scans to the end from every
 * "<title", so a page of "<title" repeated held the thread for minutes
 * (240 KB: 12 s, 480 KB: 46 s). When the first "<title" has no ">" after it,
 * no later one has either, so one search of each kind is enough.
 */
function titleText(html: string): string | undefined {
  const open = /<title\b/i.exec(html);
  if (!open) return undefined;
  const gt = html.indexOf(">", open.index + 6);
  if (gt < 0) return undefined;
  const lt = html.indexOf("<", gt + 1);
  return html.slice(gt + 1, lt < 0 ? html.length : lt);
}

/** Trims each line's edge spaces and keeps at most one blank line between paragraphs. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
