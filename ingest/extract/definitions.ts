// Names defined in the text: "the National Trade Union Council (Zenrokyo)",
// "TWARO (the Japan-based Asian and Pacific Organization of ...)", "Rights of
// Immigrants Network in Kansai (RINK)". A definition adds a name to a known
// entity, or makes a new entity (origin extracted) with the acronym as alias;
// the document is then searched for the new names too.
import type { ExtractionContext } from "./context.js";
import { kindFromHead } from "./heads.js";
import { countryOf, NATIONALITY_SOURCE, COUNTRY_SOURCE } from "./nationality.js";

const CAP_WORD = "[A-Z\\u00c0-\\u00de][A-Za-z0-9\\u00c0-\\u024f'’.&]*(?:-[A-Za-z0-9\\u00c0-\\u024f'’]+)*";
const LINK = "(?:of|for|and|the|on|in|to|against|de|des|du|für|&|no)";
const NAME = `${CAP_WORD}(?:[ \\t]+(?:${LINK}[ \\t]+)*${CAP_WORD}){0,12}`;
/** A capitalised name followed by a parenthesis: "Japanese Trade Union Confederation (Rengo)". */
export const DEFINITION = new RegExp(`(${NAME})[ \\t]*\\((?:the[ \\t]+)?([^()\\n]{2,140}?)\\)`, "g");
const ACRONYM = /^[\p{Lu}][\p{Lu}\p{N}&\-]{1,11}$/u;
const LOOKS_LIKE_NAME = /^(?:[\p{Lu}][\p{L}\p{N}'’.&-]*|of|for|and|the|on|in|to|against|no|&)(?:\s+(?:[\p{Lu}][\p{L}\p{N}'’.&-]*|of|for|and|the|on|in|to|against|no|&))*$/u;
const BASED = new RegExp(`^(?:the\\s+)?(${COUNTRY_SOURCE}|${NATIONALITY_SOURCE})-based\\s+`, "u");

const LINK_WORDS = new Set(["of", "for", "and", "the", "on", "in", "to", "against", "de", "des", "du", "für", "&", "no"]);

/** The characters a NAME and the spaces before its "(" are made of. */
function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0x24f) ||
    c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x26 || c === 0x2d || c === 0x20 || c === 0x09
  );
}

/** A character that may start a CAP_WORD. */
function isCapital(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde);
}

/**
 * The matches of DEFINITION in `text`, exactly as a global scan finds them,
 * without scanning the whole text: every match ends its name at a "(" and
 * ends at the first ")" after it, and its name cannot reach back across a
 * character outside names or a lower-case word that is not a link word. So
 * the pattern runs only on the stretch from there to that ")", once per "(".
 */
export function definitionMatches(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0; // where the global scan would be
  for (;;) {
    const open = text.indexOf("(", pos);
    if (open < 0) break;
    const close = text.indexOf(")", open + 1);
    if (close < 0) break; // no match can end anywhere after
    // Walk back from the "(" over name words; the name starts after the first word it cannot hold.
    let from = open;
    let i = open;
    while (i > pos) {
      let j = i;
      while (j > pos && (text.charCodeAt(j - 1) === 0x20 || text.charCodeAt(j - 1) === 0x09)) j--;
      let r = j;
      let capital = false;
      while (r > pos) {
        const c = text.charCodeAt(r - 1);
        if (c === 0x20 || c === 0x09 || !isNameChar(c)) break;
        if (isCapital(c)) capital = true;
        r--;
      }
      if (r === j || (!capital && !LINK_WORDS.has(text.slice(r, j)))) {
        from = j;
        break;
      }
      from = r;
      i = r;
    }
    const window = text.slice(from, close + 1);
    DEFINITION.lastIndex = 0;
    for (let m = DEFINITION.exec(window); m; m = DEFINITION.exec(window)) {
      m.index += from;
      out.push(m);
    }
    pos = close + 1;
  }
  return out;
}

/** A name the definitions rule added: the document is searched for it. */
export interface DefinedName {
  name: string;
  id: string;
}

function clean(name: string): string {
  return name.replace(/^(?:The|the|A|An)\s+/, "").replace(/[,;:.]+$/, "").trim();
}

/**
 * Finds definitions in `ctx.text` before `limit` and registers their entities.
 * @returns names to search the document for (new entities and new aliases)
 */
export function findDefinitions(ctx: ExtractionContext, limit: number): DefinedName[] {
  const out: DefinedName[] = [];
  const text = ctx.text.slice(0, limit);
  const known = (name: string) => {
    return ctx.codebook.matcher.matchWhole(name) ?? [...ctx.entities.values()].find((e) => e.attributes.name === name || e.attributes.aliases.includes(name))?.id;
  };
  for (const m of definitionMatches(text)) {
    // The left name: drop words that only start the sentence ("In", "The").
    let left = clean(m[1]);
    left = left.replace(/^(?:In|On|At|By|For|From|With|And|But|Since|While|Both|Its|Their|This|These|That)\s+/, "");
    // "(Author, 2003)" is a citation, not a definition.
    if (/,\s*(?:19|20)\d{2}\b|\b(?:19|20)\d{2}[a-z]?\s*[:,]/.test(m[2])) continue;
    let inside = m[2].split(/[,;]|\s+\[|\s+–\s+/)[0].trim();
    inside = clean(inside);
    if (!left || !inside || /^\d/.test(inside) || /\d{4}/.test(inside)) continue;
    if (!LOOKS_LIKE_NAME.test(inside) && !ACRONYM.test(inside)) continue;
    // Trim a leading "Japan-based" from either side into a country.
    let country: string | undefined;
    for (const side of ["left", "inside"] as const) {
      const value = side === "left" ? left : inside;
      const b = BASED.exec(value);
      if (b) {
        country = countryOf(b[1]);
        if (side === "left") left = value.slice(b[0].length);
        else inside = value.slice(b[0].length);
      }
    }
    // Prefer the longest known tail of the left name ("... partners, the Korean Confederation of Trade Unions").
    const leftWords = left.split(/\s+/);
    let leftId: string | undefined;
    for (let i = 0; i < leftWords.length && !leftId; i++) {
      const tail = leftWords.slice(i).join(" ");
      if (!/^[\p{Lu}]/u.test(tail)) continue;
      leftId = known(tail);
      if (leftId) left = tail;
    }
    const insideId = known(inside);
    if (leftId && insideId) continue;
    // A name that merely contains a known name ("World Trade Organization and TNCs in East Asia") defines nothing.
    if (!leftId && ctx.codebook.matcher.findAll(left).length) continue;
    if (leftId || insideId) {
      const id = (leftId ?? insideId)!;
      const alias = leftId ? inside : left;
      if (alias.split(/\s+/).length > 14 || !/^[\p{Lu}\p{N}]/u.test(alias)) continue;
      const entity = ctx.useCodebook(id) ?? ctx.entities.get(id);
      if (!entity) continue;
      if (alias !== entity.attributes.name && !entity.attributes.aliases.includes(alias)) entity.attributes.aliases.push(alias);
      out.push({ name: alias, id });
      continue;
    }
    // Neither side known: a new organisation when one side is an acronym and the other a headed name.
    const [full, short] = ACRONYM.test(inside) ? [left, inside] : ACRONYM.test(left) ? [inside, left] : [left, inside];
    const kind = kindFromHead(full) ?? kindFromHead(short);
    if (!kind || !LOOKS_LIKE_NAME.test(full) || full.split(/\s+/).length < 2) continue;
    if (!(ACRONYM.test(short) || LOOKS_LIKE_NAME.test(short))) continue;
    const nat = new RegExp(`\\b(${NATIONALITY_SOURCE}|${COUNTRY_SOURCE})\\b`, "u").exec(full);
    country ??= nat ? countryOf(nat[1]) : undefined;
    const entity = ctx.addEntity(full, kind, { aliases: [short], ...(country ? { country } : {}) });
    out.push({ name: full, id: entity.id }, { name: short, id: entity.id });
  }
  return out;
}
