// People with roles: "chairperson Manami Yano", "Torii Ippei, head of
// Zentōitsu Workers' Union", "co-representatives in Ijuren, namely Keiko Otsu
// of Women's Shelter HELP, ...", "Justice Minister Seiken Sugiura". A name
// next to a role word becomes a Person node; ROLE_IN links it to the
// organisation the sentence ties the role to.
import { groupsIn, subjectBefore } from "./clauses.js";
import type { ExtractionContext, Mention } from "./context.js";
import type { EntityToken, SentenceTokens } from "./tokens.js";

const ROLE = "(?:co-founder and chairperson|co-founder and chair|chairperson|chairman|chairwoman|chair|co-chair|president|vice-president|secretary[- ]general|general secretary|director|executive director|director general|head|leader|co-representatives?|representatives?|founder|co-founder|spokesperson|spokesman|coordinator|(?:senior\\s+)?vice-(?:justice\\s+)?minister|(?:justice|foreign|finance|prime|labou?r|trade)\\s+minister|minister|rapporteur|special rapporteur|activist|staff member|secretary)";
const NAME = "[\\p{Lu}][\\p{Ll}’'ōūâîôûēā-]+(?:\\s+[\\p{Lu}][\\p{Ll}’'ōūâîôûēā-]+){1,2}";
const ROLE_THEN_NAME = new RegExp(`\\b(${ROLE})\\s+(${NAME})`, "gu");
const NAME_THEN_ROLE = new RegExp(`(${NAME}),\\s+(?:the\\s+|a\\s+|former\\s+)*(${ROLE})\\s+(?:of|at)\\b`, "gu");
const NOT_NAME = /\b(?:Union|Unions|Confederation|Federation|Network|Center|Centre|Council|Ministry|Forum|Movement|Association|Committee|Institute|Party|Organization|Japan|Japanese|Korea|Korean|Asia|Asian|The|In|Of|Department|International|Affairs|Office|Bureau|House|Law|Government)\b/;
const ROLE_WORD = new RegExp(`\\b(${ROLE})\\b`, "iu");

/** Finds named people with a role word before `limit`; registers them as Person entities. */
export function findPersons(ctx: ExtractionContext, limit: number): Mention[] {
  const out: Mention[] = [];
  const text = ctx.text.slice(0, limit);
  for (const re of [ROLE_THEN_NAME, NAME_THEN_ROLE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const [name, role] = re === ROLE_THEN_NAME ? [m[2], m[1]] : [m[1], m[2]];
      if (NOT_NAME.test(name)) continue;
      const start = m.index + m[0].indexOf(name);
      const entity = ctx.addEntity(name.replace(/\s+/g, " "), "person", { roles: [role.toLowerCase().replace(/\s+/g, " ")] });
      if (entity.attributes.nodeLabel !== "Person") continue;
      out.push({ start, end: start + name.length, id: entity.id, via: "person" });
    }
  }
  return out;
}

/**
 * ROLE_IN for each person in a sentence: the organisation named right after
 * ("of X", "X's chairperson"), else the sentence's organisation the role
 * word attaches to ("co-representatives in X, namely P of Y": P → X as
 * co-representative, P → Y as member).
 */
export function extractRoles(ctx: ExtractionContext, s: SentenceTokens): void {
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
    // Left side: "X's chairperson P", "chairperson of X, P", or the clause's organisation.
    const before = s.tokens.slice(Math.max(0, i - 4), i).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
    const roleBefore = ROLE_WORD.exec(before)?.[1]?.toLowerCase();
    let main: string | undefined;
    if (roleBefore || /\b(?:namely|including|such as)\b/.test(ctx.text.slice(s.start, t.start))) {
      const subject = subjectBefore(s, i, (g) => g.ids.some(isOrg));
      main = subject?.group.ids.find(isOrg) ?? groupsIn(s, 0, i).flatMap((g) => g.ids).reverse().find(isOrg);
    }
    const role = localRole ?? roleBefore ?? sentenceRole;
    if (main && main !== own) ctx.relate("ROLE_IN", person, main, span, { cue: "role", confidence: 0.8, role });
    if (own) ctx.relate("ROLE_IN", person, own, span, { cue: "role of", confidence: main ? 0.7 : 0.85, role: main ? "member" : role });
  }
}
