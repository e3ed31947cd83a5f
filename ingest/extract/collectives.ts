// Collective actors: "Thai trade unions", "Japanese and Korean social movement
// networks", "trade unions in Indonesia and Thailand", "the Japanese
// government". Each becomes one node per country (or region) and kind, so
// every mention of Thai trade unions in any document lands on the same node.
import type { NodeKind } from "../../graph/schema.js";
import { slugOf as slugify } from "./memo.js";
import type { ExtractionContext, Mention } from "./context.js";
import { classMatches } from "./class-matches.js";
import { execNotAfterLetter } from "./letter-before.js";
import { adjectiveOf, countryOf, COUNTRIES, COUNTRY_SOURCE, NATIONALITY_SOURCE, REGIONS } from "./nationality.js";
import { matchesAtStarts } from "./sticky-scan.js";

const COUNTRY_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(COUNTRIES).filter(([n]) => !n.startsWith("the ")).map(([n, c]) => [n.replace(/\b\w/g, (x) => x.toUpperCase()), c]),
);

interface Group {
  noun: string;
  kind: NodeKind;
}

const GROUPS: Array<[RegExp, Group]> = [
  [/^(?:trade[ -]union|labou?r[ -]union|union)s?(?: (?:partners|movements?|confederations|federations|centres|centers|organi[sz]ations))?$|^unions$|^trade unionists$|^labou?r$/, { noun: "trade unions", kind: "union" }],
  [/^social movements?(?: networks?)?$|^movement networks$|^activists$/, { noun: "social movements", kind: "movement" }],
  [/^(?:ngos|csos|civil society organi[sz]ations|civil society groups|migrant support organi[sz]ations|non-governmental organi[sz]ations)$/, { noun: "civil society organisations", kind: "ngo" }],
  [/^(?:multinationals|multinational (?:firms|companies|corporations|enterprises)|firms|companies|business|big business|employers|business associations)$/, { noun: "business", kind: "business" }],
  [/^(?:government|national government|state|authorities)$/, { noun: "government", kind: "government" }],
];

const NOUNS = "(?:trade[ -]unions?|labou?r[ -]unions?|unions|trade unionists|union (?:confederations|federations|centres|centers)|trade union (?:partners|movements?|confederations|organi[sz]ations)|social movements?(?: networks?)?|movement networks|NGOs|CSOs|civil society (?:organi[sz]ations|groups)|migrant support organi[sz]ations|multinationals|multinational (?:firms|companies|corporations|enterprises)|firms|companies|big business|business associations|employers|government|authorities)";
const ADJ = `(?:${NATIONALITY_SOURCE})`;
// Read with execNotAfterLetter: no letter before the match (a leading lookbehind would be tried at every position).
const BEFORE = new RegExp(`(${ADJ}(?:(?:,[ \\t]*|[ \\t]+(?:and|or)[ \\t]+|,[ \\t]+and[ \\t]+)(?:other[ \\t]+)?${ADJ})*)[ \\t\\n]+(?:(?:fellow|other|main|major|leading|large|small|radical|alternative|national|independent|mainstream)[ \\t\\n]+)?(${NOUNS})(?![\\p{L}])`, "gu");
// The "no letter before" check sits behind each noun's first character: the same matches as a
// leading (?<![\p{L}]), but the engine looks for the first characters instead of trying the
// lookbehind at every position (about 2.5x faster on the corpus).
const NOT_AFTER_LETTER = "(?<![\\p{L}].)";
const AFTER_NOUNS = ["trade unions", "unions", "labou?r unions", "NGOs", "civil society organi[sz]ations"].map((n) => n[0] + NOT_AFTER_LETTER + n.slice(1)).join("|");
/** Collective nouns followed by "in" and countries ("trade unions in Indonesia and Thailand"). */
export const AFTER = new RegExp(`(${AFTER_NOUNS})[ \\t\\n]+in[ \\t\\n]+((?:${COUNTRY_SOURCE})(?:(?:,[ \\t]*|[ \\t]+and[ \\t]+)(?:${COUNTRY_SOURCE}))*)(?![\\p{L}])`, "gu");
const AFTER_AT_START = new RegExp(AFTER.source, "uy");
/** What each AFTER noun holds, found by a rare first letter (u, N, g) instead of every t, u, l, N and c. */
const AFTER_KEYS = /unions|NGOs|g(?<=org)ani[sz]ations/g;

/** True for a space, a tab or a line feed. */
function space(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a;
}

/** True when [ \t\n]+in[ \t\n] starts at `at`. */
function inFollows(text: string, at: number): boolean {
  if (!space(text.charCodeAt(at))) return false;
  while (space(text.charCodeAt(at))) at++;
  return text.charCodeAt(at) === 0x69 && text.charCodeAt(at + 1) === 0x6e && space(text.charCodeAt(at + 2));
}

/**
 * The matches a global scan of AFTER finds in `text`, tried only where one of
 * its nouns can start: at "unions" and 6 or 7 characters before it ("trade ",
 * "labor ", "labour "), at "NGOs", and 14 characters before "organisations"
 * ("civil society "), each only when "in" follows.
 */
export function afterMatches(text: string): RegExpExecArray[] {
  const starts: number[] = [];
  AFTER_KEYS.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = AFTER_KEYS.exec(text))) {
    const at = k.index;
    // Every noun of AFTER ends where its key does, and "in" between spaces follows it.
    if (!inFollows(text, at + k[0].length)) continue;
    const c = text.charCodeAt(at);
    if (c === 0x75) starts.push(at - 7, at - 6, at);
    else if (c === 0x4e) starts.push(at);
    else starts.push(at - 16);
  }
  return matchesAtStarts(AFTER_AT_START, text, starts.sort((a, b) => a - b));
}

/** The node of a collective actor: one per country (or region) and group. */
export function collectiveEntity(ctx: ExtractionContext, place: string, noun: string) {
  const key = `${place}\u0000${noun}`;
  const cached = CACHE.get(ctx)?.get(key);
  if (cached !== undefined) return cached ? ctx.entities.get(cached) : undefined;
  const made = makeCollective(ctx, place, noun);
  if (!CACHE.has(ctx)) CACHE.set(ctx, new Map());
  CACHE.get(ctx)!.set(key, made?.id ?? null);
  return made;
}

const CACHE = new WeakMap<ExtractionContext, Map<string, string | null>>();

function makeCollective(ctx: ExtractionContext, place: string, noun: string) {
  const group = GROUPS.find(([re]) => re.test(noun.toLowerCase().replace(/\s+/g, " ")))?.[1];
  if (!group) return undefined;
  const code = countryOf(place);
  const region = REGIONS[place.toLowerCase().replace(/\s+/g, " ")];
  const adjective = code ? adjectiveOf(code) : region;
  if (!adjective) return undefined;
  if (group.kind === "government") {
    if (!code) return undefined;
    return ctx.addEntity(`${adjective} government`, "government", { country: code, collective: true }, `government-${code.toLowerCase()}`);
  }
  const name = `${adjective} ${group.noun}`;
  const country = code ? Object.entries(COUNTRY_NAMES).find(([, c]) => c === code)?.[0] : undefined;
  const aliases = group.kind === "union"
    ? [`${adjective} unions`, `${adjective} labor unions`, `${adjective} labour unions`, ...(country ? [`trade unions in ${country}`] : [])]
    : group.kind === "ngo"
      ? [`${adjective} CSOs`, `${adjective} NGOs`, `${adjective} organizations`, ...(country ? [`organizations in ${country}`, `NGOs all over ${country}`, `NGOs in ${country}`, `CSOs in ${country}`] : [])]
      : [];
  return ctx.addEntity(name, group.kind, { ...(code ? { country: code } : { scope: "regional" as const }), collective: true, aliases }, slugify(name));
}

/** Classes of actors named without a nationality, one node each. */
const CLASSES: Array<[RegExp, string, NodeKind, string[]]> = [
  [/^migrant support organi[sz]ations$/i, "migrant support organizations", "ngo", ["migrant support groups", "MSOs"]],
  [/^church organi[sz]ations$/i, "church organizations", "ngo", ["churches", "church groups"]],
  [/^political parties$/i, "political parties", "party", ["parties"]],
  [/^local authorities$/i, "local authorities", "government", ["local governments", "local government"]],
  [/^national political actors$/i, "national political actors", "government", ["national politicians"]],
  [/^international organi[sz]ations$/i, "international organizations", "igo", ["international bodies"]],
  [/^companies$/i, "companies", "business", ["firms", "private corporations"]],
];
const FOREIGN_ALIASES = ["organizations abroad", "foreign organizations", "overseas groups", "other overseas groups", "foreign CSOs", "foreign NGOs", "CSOs abroad", "CSOs in other states", "network organizations in Asian regions"];

/** Classes of actors ("local authorities", "organizations abroad", "NGOs all over Japan") before `limit`. */
export function findClasses(ctx: ExtractionContext, limit: number): Mention[] {
  const out: Mention[] = [];
  // Runs on the folded copy (lower case, same offsets); "in japan" counts only when it names a country.
  const text = ctx.folded.slice(0, limit);
  for (const m of classMatches(text)) {
    const [, pre, noun] = m;
    let post: string | undefined = m[3];
    const placeWord = post && /^(?:in|within|all +over) +([a-z]+)$/.exec(post)?.[1];
    if (placeWord && !countryOf(placeWord)) post = undefined;
    const known = CLASSES.find(([re]) => re.test(noun));
    let id: string | undefined;
    let end = m.index + m[0].length - (m[3] && !post ? m[3].length + 1 : 0);
    if (known && !(/^(?:organi|groups)/i.test(noun))) {
      const [, name, kind, aliases] = known;
      if (known[1] === "migrant support organizations" || !post) id = ctx.addEntity(name, kind, { collective: true, aliases }, slugify(name)).id;
      if (post && known[1] === "migrant support organizations") end = m.index + m[0].length - post.length - 1;
      if (!id) continue;
    } else {
      const where = `${pre ?? ""} ${post ?? ""}`.toLowerCase();
      if (/\b(?:foreign|overseas|abroad|other states|other countries|asian regions)\b/.test(where)) {
        id = ctx.addEntity("foreign civil society organisations", "ngo", { collective: true, aliases: FOREIGN_ALIASES }, "foreign-civil-society-organisations").id;
      } else {
        const place = /(?:in|within|all +over) +([a-z]+)/.exec(post ?? "")?.[1];
        if (!place || !countryOf(place)) continue;
        id = collectiveEntity(ctx, place, "civil society organisations")?.id;
      }
    }
    if (id) out.push({ start: m.index + (pre && !known ? 0 : pre ? pre.length + 1 : 0), end, id, via: "collective" });
  }
  return out;
}

/**
 * Finds collective actors in the text before `limit`.
 * @returns one mention per actor (a coordinated phrase "Japanese and Korean
 * unions" gives one mention per nationality, sharing the phrase's span)
 */
export function findCollectives(ctx: ExtractionContext, limit: number): Mention[] {
  const out: Mention[] = [];
  const text = ctx.text.slice(0, limit);
  // The actors of each wording of places and noun, found once (the same phrases recur; collectiveEntity answers a repeat from its cache).
  const actors = new Map<string, string[]>();
  const found = (m: RegExpExecArray, places: string, noun: string) => {
    const key = `${places}\u0000${noun}`;
    let ids = actors.get(key);
    if (!ids) {
      const parts = places.split(/\s*(?:,\s*and|,|\band\b|\bor\b)\s*/).map((p) => p.replace(/^other\s+/, "").trim()).filter(Boolean);
      ids = [...new Set(parts.map((p) => collectiveEntity(ctx, p, noun)?.id).filter((id): id is string => !!id))];
      actors.set(key, ids);
    }
    for (const id of ids) out.push({ start: m.index, end: m.index + m[0].length, id, via: "collective" });
  };
  let m: RegExpExecArray | null;
  for (let from = 0; (m = execNotAfterLetter(BEFORE, text, from)); from = m.index + m[0].length) found(m, m[1]!, m[2]!);
  for (const a of afterMatches(text)) found(a, a[2]!, a[1]!);
  return out;
}
