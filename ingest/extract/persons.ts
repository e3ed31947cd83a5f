// People with roles: "chairperson Manami Yano", "Torii Ippei, head of
// Zentōitsu Workers' Union", "co-representatives in Ijuren, namely Keiko Otsu
// of Women's Shelter HELP, ...", "Justice Minister Seiken Sugiura". A name
// next to a role word becomes a Person node; ROLE_IN links it to the
// organisation the sentence ties the role to.
import { factoredAlternation } from "./alternation.js";
import { groupsIn, hasLabel, subjectBefore } from "./clauses.js";
import { NATIONALITIES } from "./nationality.js";
import type { ExtractionContext, Mention } from "./context.js";
import type { EntityToken, SentenceTokens } from "./tokens.js";
import { matchesAtStarts } from "./sticky-scan.js";

/** Role titles, in order of preference (a title before the longer ones it starts is taken first where both fit). */
const ROLE_TITLES = [
  "co-founder and chairperson", "co-founder and chair", "chairperson", "chairman", "chairwoman", "chair", "co-chair", "president", "vice-president",
  "secretary-general", "secretary general", "general secretary", "director", "executive director", "director general", "head", "leader",
  "co-representatives", "co-representative", "representatives", "representative", "founder", "co-founder", "spokesperson", "spokesman", "coordinator",
  "senior\\s+vice-justice\\s+minister", "senior\\s+vice-minister", "vice-justice\\s+minister", "vice-minister",
  "justice\\s+minister", "foreign\\s+minister", "finance\\s+minister", "prime\\s+minister", "labour\\s+minister", "labor\\s+minister", "trade\\s+minister",
  "minister", "rapporteur", "special rapporteur", "activist", "staff member", "secretary",
];
// Shared prefixes factored: the titles are tried at every word of the text.
const ROLE = factoredAlternation(ROLE_TITLES);
const NAME = "[\\p{Lu}][\\p{Ll}’'ōūâîôûēā-]+(?:\\s+[\\p{Lu}][\\p{Ll}’'ōūâîôûēā-]+){1,2}";
const ROLE_THEN_NAME = new RegExp(`\\b(${ROLE})\\s+(${NAME})`, "gu");
/** "Torii Ippei, head of X": the role after a comma is found first (rare), then the name that ends right before it. */
const COMMA_ROLE = new RegExp(`,\\s+(?:the\\s+|a\\s+|former\\s+)*(${ROLE})\\s+(?:of|at)\\b`, "gu");
const NAME_AT_END = new RegExp(`(${NAME})$`, "u");
const NOT_NAME = /\b(?:Union|Unions|Confederation|Federation|Network|Center|Centre|Council|Ministry|Forum|Movement|Association|Committee|Institute|Party|Organization|Japan|Japanese|Korea|Korean|Asia|Asian|The|In|Of|Department|International|Affairs|Office|Bureau|House|Law|Government)\b/;
const ROLE_WORD = new RegExp(`\\b(${ROLE})\\b`, "iu");

const NAMELY = /\b(?:namely|including|such as)\s+([^.;]{5,600})/uy;
/**
 * Where NAMELY can match, found by a rarer letter of each word ("y" of namely,
 * "g" of including, "c" of such as) with the word checked behind it: the engine
 * stops at far fewer places than at every n, i and s.
 */
const NAMELY_AT = /y(?<=\bnamely)|g(?<=\bincluding)|c(?<=\bsuc)(?=h as)/g;

/** Where an enumeration word starts in `text`, ascending. */
function* enumerationStarts(text: string): Generator<number> {
  NAMELY_AT.lastIndex = 0;
  let a: RegExpExecArray | null;
  while ((a = NAMELY_AT.exec(text))) {
    const c = text.charCodeAt(a.index);
    yield a.index - (c === 0x79 ? 5 : c === 0x67 ? 8 : 2);
  }
}

/** The matches a global scan of NAMELY finds in `text`, tried only where an enumeration word starts. */
export function enumerations(text: string): RegExpExecArray[] {
  return matchesAtStarts(NAMELY, text, enumerationStarts(text));
}
const NAME_ONLY = new RegExp(`^(${NAME})(?=\\s+of\\b|\\s*$|\\s*\\()`, "u");

/** "namely A of X, B of Y, and C": the people of an enumeration, split at top-level commas. */
function listedNames(list: string): Array<{ name: string; at: number }> {
  const out: Array<{ name: string; at: number }> = [];
  let depth = 0;
  let from = 0;
  const push = (to: number) => {
    const raw = list.slice(from, to);
    const lead = raw.match(/^\s*(?:and\s+)?/)![0].length;
    const item = raw.slice(lead).trim();
    const m = NAME_ONLY.exec(item);
    if (m && !NOT_NAME.test(m[1])) out.push({ name: m[1], at: from + lead });
  };
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(list.length);
  return out;
}

/** Finds named people with a role word before `limit`; registers them as Person entities. */
export function findPersons(ctx: ExtractionContext, limit: number): Mention[] {
  const out: Mention[] = [];
  const text = ctx.text.slice(0, limit);
  for (const re of [ROLE_THEN_NAME, COMMA_ROLE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let reach = 0;
    while ((m = re.exec(text))) {
      let name: string;
      let role: string;
      let start: number;
      if (re === ROLE_THEN_NAME) {
        [name, role] = [m[2], m[1]];
        start = m.index + m[0].indexOf(name);
      } else {
        // Read from its comma: the name is what ends right before it (leftmost start, as the full pattern would give).
        const from = Math.max(reach, m.index - 120);
        const before = NAME_AT_END.exec(text.slice(from, m.index));
        if (!before) continue;
        [name, role] = [before[1], m[1]];
        start = from + before.index;
        reach = m.index + m[0].length;
      }
      if (NOT_NAME.test(name)) continue;
      const entity = ctx.addEntity(name.replace(/\s+/g, " "), "person", { roles: [role.toLowerCase().replace(/\s+/g, " ")] });
      if (entity.attributes.nodeLabel !== "Person") continue;
      out.push({ start, end: start + name.length, id: entity.id, via: "person" });
    }
  }
  // People enumerated after "namely" when the enumeration names a role or members.
  for (const n of enumerations(text)) {
    const context = text.slice(Math.max(0, n.index - 160), n.index);
    if (!ROLE_WORD.test(context) && !/\bmembers?\b/i.test(context)) continue;
    const listStart = n.index + n[0].length - n[1].length;
    const names = listedNames(n[1]);
    if (names.length < 2 && !ROLE_WORD.test(context)) continue;
    for (const { name, at } of names) {
      const entity = ctx.addEntity(name.replace(/\s+/g, " "), "person");
      if (entity.attributes.nodeLabel !== "Person") continue;
      out.push({ start: listStart + at, end: listStart + at + name.length, id: entity.id, via: "person" });
    }
  }
  return out;
}

const MINISTRY_OF: Record<string, string> = { justice: "Ministry of Justice", foreign: "Ministry of Foreign Affairs", finance: "Ministry of Finance", labour: "Ministry of Labour", labor: "Ministry of Labor", trade: "Ministry of International Trade and Industry", education: "Ministry of Education", defence: "Ministry of Defence", defense: "Ministry of Defense" };

/** The ministry a title names ("Justice Minister" → Ministry of Justice), if the codebook knows it. */
function ministryOf(ctx: ExtractionContext, role: string): string | undefined {
  const word = /\b(justice|foreign|finance|labou?r|trade|education|defen[cs]e)\s+minister\b|\bvice-(justice)\s+minister\b/i.exec(role);
  const key = (word?.[1] ?? word?.[2])?.toLowerCase();
  if (!key) return undefined;
  const name = MINISTRY_OF[key];
  const hit = ctx.codebook.matcher.matchWhole(name);
  return hit ? ctx.useCodebook(hit)?.id : undefined;
}

/**
 * ROLE_IN for each person in a sentence: the organisation named right after
 * ("of X", "X's chairperson"), else the sentence's organisation the role
 * word attaches to ("co-representatives in X, namely P of Y": P → X as
 * co-representative, P → Y as member).
 */
export function extractRoles(ctx: ExtractionContext, s: SentenceTokens): void {
  if (!hasLabel(ctx, s, "Person")) return;
  const sentence = ctx.text.slice(s.start, s.end);
  const span = { start: s.start, end: s.end };
  const sentenceRole = ROLE_WORD.exec(sentence)?.[1]?.toLowerCase().replace(/\s+/g, " ");
  if (!sentenceRole) return;
  const isOrg = (id: string) => ctx.labelOf(id) === "Organization";
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.kind !== "E" || !t.ids.some((id) => ctx.labelOf(id) === "Person")) continue;
    const person = t.ids.find((id) => ctx.labelOf(id) === "Person")!;
    const near = (k: number) => s.tokens[k]?.kind === "W" ? (s.tokens[k] as { text: string }).text : undefined;
    // Right side: "P, head of X" / "P of X" / "P (X)" / "took over as X's chairperson".
    let own: string | undefined;
    let localRole: string | undefined;
    for (let k = i + 1; k < Math.min(s.tokens.length, i + 8); k++) {
      const tk = s.tokens[k];
      if (tk.kind === "E") {
        const org = (tk as EntityToken).ids.find(isOrg);
        const between = s.tokens.slice(i + 1, k).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
        if (org && (/\b(?:of|at|in|from|for)$/.test(between) || between === "(" || /\bas$/.test(between))) {
          own = org;
          localRole = ROLE_WORD.exec(between)?.[1]?.toLowerCase();
          if (/\bas$/.test(between) && near(k + 1) === "'s") localRole = near(k + 2);
        }
        break;
      }
      if (near(k) === "." || near(k) === ";") break;
    }
    // Left side: "X's chairperson P", "chairperson of X, P", "members of X, namely P", or the clause's organisation.
    const before = s.tokens.slice(Math.max(0, i - 4), i).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
    const roleBefore = [...before.matchAll(new RegExp(ROLE_WORD.source, "giu"))].pop()?.[1]?.toLowerCase();
    const upTo = ctx.text.slice(s.start, t.start);
    const namely = /\b(?:namely|including|such as)\b(?![\s\S]*\b(?:namely|including|such as)\b)/.exec(upTo);
    let main: string | undefined = roleBefore ? ministryOf(ctx, roleBefore) : undefined;
    // "Malaysian Prime Minister Mahathir": the role belongs to that country's state.
    const nationality = /\b([a-z]+(?: [a-z]+)?) (?:prime minister|president|minister|foreign minister|finance minister)$/.exec(before)?.[1];
    if (!main && nationality && NATIONALITIES[nationality.split(" ").pop()!]) {
      const code = NATIONALITIES[nationality.split(" ").pop()!];
      main = ctx.useCodebook(`government-${code.toLowerCase()}`)?.id;
      if (!main) continue;
    }
    if (!main && namely) {
      const cut = s.start + namely.index;
      main = s.tokens.filter((x) => x.kind === "E" && x.end <= cut).flatMap((x) => (x as EntityToken).ids).reverse().find(isOrg);
    }
    if (!main && roleBefore) {
      const subject = subjectBefore(s, i, (g) => g.ids.some(isOrg));
      main = subject?.group.ids.find(isOrg) ?? groupsIn(s, 0, i).flatMap((g) => g.ids).reverse().find(isOrg);
    }
    // "P ... took over as X's chairperson" / "became director of X".
    const rest = s.tokens.slice(i + 1).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
    const took = /\b(?:took over as|became|becomes|was appointed|was elected|serves as|served as|acts as|acted as)(?: the| a)? (?:(ENT) 's ([\w-]+(?: [\w-]+)?)|([\w-]+(?: [\w-]+)?) (?:of|at|in) (ENT))/.exec(rest);
    if (took) {
      const at = took.index + (took[1] ? took[0].indexOf("ENT") : took[0].lastIndexOf("ENT"));
      const nth = (rest.slice(0, at).match(/\bENT\b/g) ?? []).length;
      const target = s.tokens.slice(i + 1).filter((x) => x.kind === "E")[nth] as EntityToken | undefined;
      const org = target?.ids.find(isOrg);
      const tookRole = (took[2] ?? took[3] ?? "").toLowerCase();
      if (org && org !== own) ctx.relate("ROLE_IN", person, org, span, { cue: "took over as", confidence: 0.8, role: ROLE_WORD.exec(tookRole)?.[1]?.toLowerCase() ?? tookRole });
    }
    const role = localRole ?? roleBefore ?? sentenceRole;
    if (main && main !== own) ctx.relate("ROLE_IN", person, main, span, { cue: "role", confidence: 0.8, role });
    if (own && main && main !== own) ctx.relate("TIE", main, own, span, { cue: "representative of", confidence: 0.65, strength: "unspecified" });
    if (own) ctx.relate("ROLE_IN", person, own, span, { cue: "role of", confidence: main ? 0.75 : 0.85, role: main && main !== own && !localRole ? "member" : role });
  }
}
