// Collective actors: "Thai trade unions", "Japanese and Korean social movement
// networks", "trade unions in Indonesia and Thailand", "the Japanese
// government". Each becomes one node per country (or region) and kind, so
// every mention of Thai trade unions in any document lands on the same node.
import type { NodeKind } from "../../graph/schema.js";
import { slugify } from "../../graph/text.js";
import type { ExtractionContext, Mention } from "./context.js";
import { adjectiveOf, countryOf, COUNTRY_SOURCE, NATIONALITY_SOURCE, REGIONS } from "./nationality.js";

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
const BEFORE = new RegExp(`(?<![\\p{L}])(${ADJ}(?:(?:,[ \\t]*|[ \\t]+(?:and|or)[ \\t]+|,[ \\t]+and[ \\t]+)(?:other[ \\t]+)?${ADJ})*)[ \\t\\n]+(?:(?:fellow|other|main|major|leading|large|small|radical|alternative|national|independent|mainstream)[ \\t\\n]+)?(${NOUNS})(?![\\p{L}])`, "gu");
const AFTER = new RegExp(`(?<![\\p{L}])(trade unions|unions|labou?r unions|NGOs|civil society organi[sz]ations)[ \\t\\n]+in[ \\t\\n]+((?:${COUNTRY_SOURCE})(?:(?:,[ \\t]*|[ \\t]+and[ \\t]+)(?:${COUNTRY_SOURCE}))*)(?![\\p{L}])`, "gu");

/** The node of a collective actor: one per country (or region) and group. */
export function collectiveEntity(ctx: ExtractionContext, place: string, noun: string) {
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
  const aliases = group.kind === "union" ? [`${adjective} unions`, `${adjective} labor unions`, `${adjective} labour unions`] : [];
  return ctx.addEntity(name, group.kind, { ...(code ? { country: code } : { scope: "regional" as const }), collective: true, aliases }, slugify(name));
}

/**
 * Finds collective actors in the text before `limit`.
 * @returns one mention per actor (a coordinated phrase "Japanese and Korean
 * unions" gives one mention per nationality, sharing the phrase's span)
 */
export function findCollectives(ctx: ExtractionContext, limit: number): Mention[] {
  const out: Mention[] = [];
  const text = ctx.text.slice(0, limit);
  for (const re of [BEFORE, AFTER]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const [places, noun] = re === BEFORE ? [m[1], m[2]] : [m[2], m[1]];
      const parts = places.split(/\s*(?:,\s*and|,|\band\b|\bor\b)\s*/).map((p) => p.replace(/^other\s+/, "").trim()).filter(Boolean);
      const ids = parts.map((p) => collectiveEntity(ctx, p, noun)?.id).filter((id): id is string => !!id);
      for (const id of new Set(ids)) out.push({ start: m.index, end: m.index + m[0].length, id, via: "collective" });
    }
  }
  return out;
}
