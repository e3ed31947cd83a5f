// One combined matcher for many names: every name and alias becomes a literal
// of a single alternation over the folded text, longest first, built once.
// One pass over the text finds every name, longest first at each position and
// bounded by non-letters, so the cost grows with the text, not with
// (names × sentences). Case rules keep acronyms and one-word names from
// matching ordinary words ("ILO" is not "ilo", "Diet" is not "diet").
import { foldCode, foldText, keyOfFolded, nameKey } from "./fold-text.js";

/** A name to find and what it stands for. */
export interface NameEntry {
  /** The name as written (case matters for the case rule). */
  name: string;
  /** What a match stands for (an entity id). */
  id: string;
}

/** One match in the text. */
export interface NameMatch {
  start: number;
  end: number;
  id: string;
  /** The name entry that matched. */
  name: string;
}

/** What case a name asks of the text that matches it. */
export type CaseRule = "none" | "initial" | "upper";

interface Target {
  id: string;
  name: string;
  rule: CaseRule;
}

const SEP = "\u0001";
const APOS = "\u0002";
const LETTER = "a-z0-9\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff";

/** The case a text span must have to count as `name`. */
function caseRule(name: string): CaseRule {
  const letters = name.replace(/[^\p{L}]/gu, "");
  if (!letters) return "none";
  if (letters.length >= 2 && letters === letters.toUpperCase() && /[A-Z]/.test(letters)) return "upper";
  const first = name.normalize("NFD").charAt(0);
  return first !== first.toLowerCase() ? "initial" : "none";
}

function base(ch: string): string {
  return ch.normalize("NFD").charAt(0);
}

/**
 * True when `span` has the case `rule` asks for. ASCII text (most of it) is
 * answered without Unicode normalisation: there NFD changes nothing, an upper-case
 * first letter is A-Z and "all letters upper case" means no a-z.
 */
export function satisfies(rule: CaseRule, span: string): boolean {
  return satisfiesAt(rule, span, 0, span.length);
}

/**
 * satisfies(rule, text.slice(start, end)) for a non-empty span, reading ASCII
 * spans in place (no slice).
 */
function satisfiesAt(rule: CaseRule, text: string, start: number, end: number): boolean {
  if (rule === "none") return true;
  const code = text.charCodeAt(start);
  if (rule === "initial" && code < 0x80) return code >= 65 && code <= 90;
  if (rule === "upper") {
    // All ASCII: upper when no a-z; else the Unicode test below.
    let lower = false;
    let i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      if (c >= 97 && c <= 122) lower = true;
    }
    if (i === end) return !lower;
  }
  const span = text.slice(start, end);
  const first = base(span.charAt(0));
  if (rule === "initial") return first === first.toUpperCase() && first !== first.toLowerCase();
  const letters = span.normalize("NFD").replace(/[^\p{L}]/gu, "");
  return letters === letters.toUpperCase();
}

/** The spelling a name is matched in: folded, separators and apostrophes as markers. */
function matchForm(name: string): string {
  return foldText(name.trim())
    .replace(/'/g, APOS)
    .replace(/\s*[\s\-]\s*/g, SEP)
    .replace(new RegExp(`${APOS}${SEP}`, "g"), `${APOS}${SEP}`);
}

/** Finds many names in one pass; build once, use on any number of texts. */
export class NameMatcher {
  private readonly regex: RegExp | null;
  private readonly targets = new Map<string, Target[]>();
  private readonly forms = new Set<string>();
  /** The entries of each literal of the pattern (a match is one of them): targets under its key. */
  private readonly byLiteral = new Map<string, Target[]>();
  readonly size: number;

  /**
   * @param entries names with the ids they stand for; empty names are ignored
   */
  constructor(entries: Iterable<NameEntry>) {
    let size = 0;
    for (const entry of entries) {
      const form = matchForm(entry.name);
      if (!form.replace(/[\u0001\u0002]/g, "")) continue;
      const key = nameKey(entry.name);
      const list = this.targets.get(key) ?? [];
      if (!list.some((t) => t.id === entry.id && t.name === entry.name)) {
        list.push({ id: entry.id, name: entry.name, rule: caseRule(entry.name) });
        this.targets.set(key, list);
      }
      this.forms.add(form);
      size++;
    }
    this.size = size;
    // One flat alternation of literals, longest first (irregexp scans literals far faster than a
    // trie with optional parts); each name with and without its apostrophes, spaces single.
    const literals = new Set<string>();
    for (const f of this.forms) {
      const plain = f.replace(new RegExp(SEP, "g"), " ");
      literals.add(plain.replace(new RegExp(APOS, "g"), "'"));
      literals.add(plain.replace(new RegExp(APOS, "g"), ""));
    }
    for (const literal of literals) {
      const list = this.targets.get(keyOfFolded(literal));
      if (list) this.byLiteral.set(literal, list);
    }
    const sorted = [...literals].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.regex = size ? new RegExp(`\\b(?:${sorted.map((f) => f.replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&")).join("|")})(?![${LETTER}])`, "g") : null;
  }

  /**
   * Every name in `text`, left to right, without overlaps.
   * @param text the original text (for the case rules)
   * @param folded foldText(text), when the caller already has it
   */
  findAll(text: string, folded: string = foldText(text)): NameMatch[] {
    return this.findEach(text, folded, text.length, nameMatch);
  }

  /**
   * The matches findAll gives that end at or before `limit`, each as `make` builds it
   * (a caller that wants its own objects makes one per match, not two).
   * @param text the original text (for the case rules)
   * @param folded foldText(text)
   */
  findEach<T>(text: string, folded: string, limit: number, make: (start: number, end: number, id: string, name: string) => T): T[] {
    const out: T[] = [];
    if (!this.regex) return out;
    const re = this.regex;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      // The folded copy has the same offsets, and a match is one of the pattern's literals:
      // its targets are those under the key of the span folded, found once per literal.
      const list = this.byLiteral.get(m[0]);
      if (!list) continue;
      for (const target of list)
        if (satisfiesAt(target.rule, text, start, end)) {
          if (end <= limit) out.push(make(start, end, target.id, target.name));
          break;
        }
    }
    return out;
  }

  /**
   * The id `findAll(name)` gives for a match covering all of `name`, or undefined.
   * Such a match is looked up under the key of the whole name, so a name whose key
   * no entry has is answered without running the pattern.
   */
  matchWhole(name: string): string | undefined {
    const folded = foldText(name);
    if (!this.targets.has(keyOfFolded(folded))) return undefined;
    return this.findAll(name, folded).find((m) => m.start === 0 && m.end === name.length)?.id;
  }
}

/** findAll's match object. */
function nameMatch(start: number, end: number, id: string, name: string): NameMatch {
  return { start, end, id, name };
}

/** True when the character at `i` of `text` is a letter or digit (folded). */
export function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = foldCode(text.charCodeAt(i));
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
}
