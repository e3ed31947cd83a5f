// Head nouns of organisation names and the kind each suggests: "Kanagawa City
// Union" is a union, "Center of Indian Trade Unions" a confederation (the head
// before "of" wins), "Ministry of Justice" a government body.
import type { NodeKind } from "../../graph/schema.js";

const HEADS: Record<string, NodeKind> = {
  union: "union", unions: "union", confederation: "confederation", federation: "federation",
  council: "ngo", network: "ngo", center: "ngo", centre: "ngo", ministry: "government", agency: "government",
  forum: "movement", movement: "movement", association: "ngo", committee: "ngo", institute: "research",
  foundation: "ngo", party: "party", organization: "ngo", organisation: "ngo", alliance: "movement",
  coalition: "movement", action: "movement", league: "ngo", project: "ngo", shelter: "ngo",
  bureau: "government", commission: "government", parliament: "government", court: "government",
  corporation: "business", company: "business", bank: "igo", fund: "igo", congress: "confederation",
  secretariat: "global_union", solidarity: "ngo", caucus: "igo",
};

const EVENT_HEADS: Record<string, NodeKind> = {
  conference: "conference", summit: "summit", meeting: "conference", symposium: "conference",
  campaign: "campaign", strike: "dispute", rally: "protest", demonstration: "protest",
};

/** Words that make a name a labour body whatever its head. */
const LABOUR = /\b(?:trade unions?|labou?r|workers'?|unions)\b/i;

/**
 * The kind of a capitalised name from its head noun, or undefined when it has none.
 * @param name e.g. "National Trade Union Council"
 */
export function kindFromHead(name: string): NodeKind | undefined {
  const words = name.split(/[\s\-]+/).map((w) => w.toLowerCase().replace(/['’]s?$/, ""));
  const of = words.indexOf("of");
  const candidates = of > 0 ? [words[of - 1], words[words.length - 1]] : [words[words.length - 1]];
  for (const head of candidates) {
    const event = Object.hasOwn(EVENT_HEADS, head) ? EVENT_HEADS[head] : undefined;
    if (event) return event;
    const kind = Object.hasOwn(HEADS, head) ? HEADS[head] : undefined;
    if (!kind) continue;
    if (kind === "ngo" || kind === "movement") {
      if (/\bbusiness|corporate|employers|industr(?:y|ies)\b/i.test(name)) return "business";
      if (head === "center" || head === "centre" || head === "council" || head === "congress") {
        if (/\btrade unions?\b/i.test(name)) return "confederation";
      }
      if (LABOUR.test(name) && (head === "network" || head === "secretariat")) return "global_union";
      if (/\bresearch|studies|science\b/i.test(name)) return "research";
    }
    if ((head === "committee" || head === "commission") && /\b(?:diet|house|parliament|juridical|government)\b/i.test(name)) return "government";
    return kind;
  }
  return undefined;
}

/** Every head noun, as a set (an object's `in` would also accept "constructor"). */
const HEAD_WORDS = new Set([...Object.keys(HEADS), ...Object.keys(EVENT_HEADS)]);

/**
 * Matches a string holding at least one head noun as a whole word (optionally
 * possessive), as isHeadWord reads the words of a name: a cheap first test.
 */
export const HAS_HEAD_WORD = new RegExp(`(?:^|\\s)(?:${[...HEAD_WORDS].sort((a, b) => b.length - a.length).map((w) => w.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|")})(?:['’]s?)?(?=\\s|$)`, "iu");

/** True for the head nouns that name an organisation or event. */
export function isHeadWord(word: string): boolean {
  return HEAD_WORDS.has(word.toLowerCase());
}
