// Title, authors and year as the document shows them: a Markdown "# Title"
// with an emphasised author line under it, the first lines of a plain text,
// a running header that is a list of names, a "© 2012" or "(2008)" near the
// top. Nothing is guessed from outside the text, except that a format's own
// title (HTML <title>, PDF info) is used when the text shows none.

/** Metadata read from a document's text. */
export interface DocumentMeta {
  title?: string;
  authors?: string[];
  year?: number;
}

/** Hints a format parser may give (HTML <title>, PDF info dictionary). */
export interface MetaHints {
  title?: string;
  authors?: string[];
  year?: number;
}

const HEAD_LINES = 12;
const SECTION_HEADING = /^(?:\d+(?:\.\d+)*\.?\s+|[IVX]+\.\s+)?(?:abstract|introduction|contents|table of contents|summary|keywords|preface|foreword|acknowledge?ments?)\b/i;
// words that open titles and headings, never names
const NOT_A_NAME = /^(?:The|A|An|This|These|Our|On|In|From|Towards?|Why|How|What|When|Where|Between|Beyond|Against|Japan|Japanese|Korea|Korean|Asia|Asian|Trade|Labou?r|Unions?|Migrant|Regional|Global|Transnational|International|National|Social|Civil)$/;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:-?\p{Lu}\.)*|van|von|der|de|den|del|della|di|da|du|la|le|bin|al|dos|das|ter|ten)$/u;

/**
 * Reads title, authors and year from the start of a text.
 * @param text the decoded text
 * @param headers running headers/footers found by the normaliser
 * @param hints a format's own metadata, used only where the text shows nothing
 */
export function extractMetadata(text: string, headers: string[], hints: MetaHints = {}): DocumentMeta {
  const lines = text
    .slice(0, 20_000)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, HEAD_LINES);
  const meta: DocumentMeta = {};

  const mdTitle = lines.findIndex((l) => /^#{1,2}\s+\S/.test(l));
  let titleLine = -1;
  if (mdTitle >= 0 && mdTitle < 5) {
    titleLine = mdTitle;
    meta.title = cleanInline(lines[mdTitle]!.replace(/^#+\s+/, "").replace(/\s+#+$/, ""));
  } else if (lines[0] && looksLikeTitle(lines[0], lines[1])) {
    titleLine = 0;
    meta.title = cleanInline(lines[0]);
  }

  // authors: a line right under the title (or the first line), else a running header made of names
  let authorLine = -1;
  for (let i = titleLine + 1; i <= titleLine + 2 && i < lines.length && !meta.authors; i++) {
    meta.authors = parseAuthorLine(lines[i]!);
    if (meta.authors) authorLine = i;
  }
  if (!meta.authors) {
    for (const h of headers) {
      meta.authors = parseAuthorLine(h);
      if (meta.authors) break;
    }
  }

  const front = [titleLine, authorLine].filter((i) => i >= 0).map((i) => lines[i]!);
  const after = Math.max(titleLine, authorLine);
  meta.year = findYear(text.slice(0, 3000), front, after >= 0 ? lines.slice(after + 1, after + 3) : []);
  if (!meta.title && hints.title && hints.title.trim()) meta.title = cleanInline(hints.title);
  if (!meta.authors && hints.authors?.length) meta.authors = hints.authors;
  if (!meta.year && hints.year) meta.year = hints.year;
  for (const k of Object.keys(meta) as Array<keyof DocumentMeta>) if (meta[k] === undefined) delete meta[k];
  return meta;
}

/** A title-shaped first line: not a heading or a sentence, and not a name unless names follow under it. */
function looksLikeTitle(line: string, next: string | undefined): boolean {
  const l = cleanInline(line);
  if (l.length < 8 || l.length > 250 || SECTION_HEADING.test(l)) return false;
  if (/[.,;]$/.test(l) && !/\.\.\.$/.test(l)) return false; // a sentence, not a title
  if (/^[\p{Ll}\d(]/u.test(l)) return false;
  const asNames = parseAuthorLine(l);
  return !asNames || (asNames.length === 1 && next !== undefined && parseAuthorLine(next) !== undefined);
}

/**
 * Parses a line that lists author names ("*A B and C D*", "A B, C D & E F",
 * "Verena BLECHINGER and Jochen LEGEWIE"); undefined if it is not one.
 * All-capital surnames are shown in title case.
 */
export function parseAuthorLine(line: string): string[] | undefined {
  const l = cleanInline(line).replace(/\s*(?:\d+|[*†‡§])(?=\s*(?:,|&|\band\b|$))/g, "");
  if (l.length < 5 || l.length > 200 || /[\d:;!?()[\]"]/.test(l)) return undefined;
  const parts = l
    .replace(/^by\s+/i, "")
    .split(/\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 12) return undefined;
  const names: string[] = [];
  for (const part of parts) {
    const words = part.split(/\s+/);
    if (words.length < 2 || words.length > 5 || !words.every((w) => NAME_WORD.test(w))) return undefined;
    if (NOT_A_NAME.test(words[0]!) || words.filter((w) => /^\p{Lu}/u.test(w)).length > 4) return undefined;
    if (parts.length === 1 && words.filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length > 3) return undefined;
    if (!/^\p{Lu}/u.test(words[words.length - 1]!)) return undefined;
    names.push(words.map(titleCaseShouting).join(" "));
  }
  return names;
}

function titleCaseShouting(word: string): string {
  if (word.length < 2 || word !== word.toUpperCase() || !/\p{Lu}{2}/u.test(word)) return word;
  return word.replace(/(\p{L})(\p{L}*)/gu, (_, a: string, b: string) => a + b.toLowerCase());
}

/** Removes Markdown emphasis and collapses spaces. */
function cleanInline(s: string): string {
  return s
    .replace(/<[^>]+>/g, "")
    .replace(/(^|\s)[*_]{1,3}|[*_]{1,3}(?=\s|$)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A year the front matter states: "© 2012" / "Copyright 2012" near the top,
 * "(2008)" on the title or author line, or a line under them that is only a year.
 */
function findYear(head: string, front: string[], under: string[]): number | undefined {
  const max = new Date().getFullYear() + 1;
  const ok = (y: number) => (y >= 1800 && y <= max ? y : undefined);
  const copyright = /(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:18|19|20)\d{2})\b/i.exec(head);
  if (copyright) return ok(Number(copyright[1]));
  for (const l of front) {
    const m = /\(((?:18|19|20)\d{2})\)/.exec(l);
    if (m) return ok(Number(m[1]));
  }
  for (const l of under) {
    const m = /^\(?((?:18|19|20)\d{2})\)?$/.exec(cleanInline(l));
    if (m) return ok(Number(m[1]));
  }
  return undefined;
}
