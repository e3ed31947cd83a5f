// The cue lexicon: how this literature says that two actors are tied, that one
// is a member of, funds, founded, pressures, opposes or blocks another. Each
// cue is a pattern over a sentence's skeleton (lower-case words, entities as
// ENT) with the relationship type it signals, which way it points and how
// much a reader would trust it. Data only; relations.ts applies it.
import type { RelType, TieStrength } from "../../graph/schema.js";

/**
 * How the ends are found:
 * - forward: subject (left) → object (right)
 * - reverse: object (right) → subject (left)
 * - by: passive with agent; agent after "by" → patient on the left
 * - between: every pair of the list after the cue ("ties between A and B")
 * - inside: subject → the entity inside the cue ("PSI's largest affiliate")
 * - mutual: every pair of the subject list ("Zenroren and Zenrokyo cooperated")
 */
export type CueDirection = "forward" | "reverse" | "by" | "between" | "inside" | "mutual";

export interface Cue {
  name: string;
  /** Substrings one of which the sentence must contain for the pattern to be tried (a cheap gate). */
  keys: string[];
  /**
   * Substrings one of which every match of `re` contains: a second gate, tested
   * in the same scan as `keys`, that only skips sentences `re` cannot match.
   */
  also?: string[];
  re: RegExp;
  /** Candidate types; the first whose endpoint labels fit is used. */
  types: RelType[];
  dir: CueDirection;
  confidence: number;
  /** Lexically negative cue ("lacked ties with"). */
  negative?: boolean;
  /** For a passive cue without an agent: who blocks (the clause's gatekeeper or the state). */
  agentless?: boolean;
  /** When no object follows, relate to the other organisations of the sentence. */
  sentenceObject?: boolean;
  /** The cue's own negation words are its meaning ("had no access to"): only words before it negate it. */
  negationInside?: boolean;
  /** Emit both directions (OPPOSES between two rivals). */
  symmetric?: boolean;
  role?: string;
  strength?: TieStrength;
}

/** Substrings of the tie nouns (one is in each of TIE_NOUN's words). */
const TIE_STEMS = ["tie", "contact", "exchange", "link", "relation", "connection", "cooperat", "co-operat", "collaborat", "partner", "alliance", "dialogue"];

const ADJ = "(?:(?:strongest|strong|stronger|close|closer|closest|particularly|very|good|intensive|regular|frequent|weak|weaker|loose|limited|few|some|bilateral|informal|formal|direct|existing|established|personal|long-standing|long-term|institutional|international|mutual|main|major|joint)\\s+)*";
const TIE_NOUN = "(?:ties|tie|contacts|contact|exchanges|exchange|links|linkages|relations|relationships|connections|cooperation|co-operation|collaboration|partnership|partnerships|alliance|alliances|dialogue)";

/** Strength words before a tie noun, strongest reading first. */
export const STRENGTH_WORDS: Array<[RegExp, TieStrength]> = [
  [/\b(?:strongest|strong|stronger|close|closer|closest|particularly good|very good|intensive|long-standing)\b/, "strong"],
  [/\b(?:regular|frequent|good|established|institutional)\b/, "regular"],
  [/\b(?:weak|weaker|loose|limited|few|occasional|informal)\b/, "weak"],
  [/\bpotential\b/, "potential"],
];

export const CUES: Cue[] = [
  // ---- TIE ----
  { name: "ties with", keys: TIE_STEMS, re: new RegExp(`\\b${ADJ}${TIE_NOUN} (?:\\w+ ){0,2}?(?:with|to)\\b`, "g"), types: ["TIE"], dir: "forward", confidence: 0.85 },
  { name: "ties between", keys: ["between"], also: TIE_STEMS, re: new RegExp(`\\b${ADJ}${TIE_NOUN}(?: and (?:no )?\\w+)? between\\b`, "g"), types: ["TIE"], dir: "between", confidence: 0.85 },
  { name: "lacked ties", keys: ["lack", "absence", "without"], also: TIE_STEMS, re: new RegExp(`\\b(?:lack|lacks|lacked|lacking|absence|without)(?: of)? ${ADJ}${TIE_NOUN} (?:with|to|between)\\b`, "g"), types: ["TIE"], dir: "forward", confidence: 0.85, negative: true },
  { name: "cooperates with", keys: ["cooperat", "co-operat", "collaborat"], also: [" with"], re: /\b(?:cooperat|co-operat|collaborat)(?:es|ed|ing|e)\b(?: \w+){0,4}? with\b/g, types: ["TIE"], dir: "forward", confidence: 0.8 },
  { name: "cooperated together", keys: ["cooperat", "collaborat", "allied", "together", "formed"], re: /\b(?:cooperated|cooperate|co-operated|collaborated|collaborate|allied|worked together|work together|joined forces|formed (?:a |an )?(?:\w+ )?(?:alliance|coalition|network|partnership))\b(?! with)/g, types: ["TIE"], dir: "mutual", confidence: 0.75 },
  { name: "works with", keys: ["work"], also: ["work with", "works with", "worked with", "working with", "closely with", "together with"], re: /\b(?:works?|worked|working) (?:closely |together )*with\b/g, types: ["TIE"], dir: "forward", confidence: 0.75 },
  { name: "solidarity with", keys: ["solidarity"], re: /\bin solidarity with\b/g, types: ["TIE"], dir: "forward", confidence: 0.7 },
  { name: "engage with", keys: ["engage"], re: /\bengage[sd]?(?: at all)? with\b/g, types: ["TIE"], dir: "forward", confidence: 0.75 },
  { name: "reach out to", keys: ["reach"], re: /\breach(?:ed|es)? out to\b/g, types: ["TIE"], dir: "forward", confidence: 0.65 },
  { name: "linked to", keys: ["linked"], re: /\b(?:\w+ly )?linked (?:to|with)\b/g, types: ["TIE"], dir: "forward", confidence: 0.7 },
  { name: "linking", keys: ["linking", "connecting"], re: /\b(?:linking|connecting) ENT to\b/g, types: ["TIE"], dir: "forward", confidence: 0.6, sentenceObject: true },
  { name: "located in", keys: ["located", "housed", "hosted", "based"], re: /\b(?:located|housed|hosted|based) (?:in|at|by)\b/g, types: ["TIE"], dir: "forward", confidence: 0.6 },
  { name: "partners are", keys: ["partner"], also: ["partner is", "partner was", "partner are", "partner were", "partner include", "partners is", "partners was", "partners are", "partners were", "partners include"], re: /\b(?:main |major |other |potential |cooperation |preferred )*partners? (?:are|were|is|was|include|included)\b/g, types: ["TIE"], dir: "forward", confidence: 0.8 },
  { name: "identified as partners", keys: ["partners"], re: /\b(?:identified|identifies|named|names|sees|saw|regards|regarded|considers|considered) (?:the )?ENT as (?:\w+ ){0,2}partners\b/g, types: ["TIE"], dir: "inside", confidence: 0.75, strength: "potential" },
  // ---- MEMBER_OF ----
  { name: "affiliated with", keys: ["affiliated"], re: /\baffiliated (?:\w+ )?(?:with|to)\b/g, types: ["MEMBER_OF"], dir: "forward", confidence: 0.85 },
  { name: "member of", keys: ["member", "affiliate", "part"], also: ["member of", "member in", "members of", "members in", "affiliate of", "affiliate in", "affiliates of", "affiliates in", "part of", "part in"], re: /\b(?:is|are|was|were|became|become|becomes|remains?|as) (?:a |an |the )?(?:\w+ ){0,2}(?:member|members|affiliate|affiliates|part) (?:of|in)\b/g, types: ["MEMBER_OF"], dir: "forward", confidence: 0.85 },
  { name: "a member of", keys: ["member", "affiliate"], also: ["member of", "member in", "affiliate of", "affiliate in"], re: /, (?:a|an|the) (?:\w+ ){0,2}(?:member|affiliate) (?:of|in)\b/g, types: ["MEMBER_OF"], dir: "forward", confidence: 0.8 },
  { name: "affiliates include", keys: ["affiliates", "members include", "members are"], re: /\b(?:affiliates|member (?:unions|organi[sz]ations|federations)|members)(?: ,)? (?:include|included|including|such as|are|were|like)\b/g, types: ["MEMBER_OF"], dir: "reverse", confidence: 0.75 },
  { name: "part of", keys: ["part of"], re: /\bpart of\b/g, types: ["MEMBER_OF"], dir: "forward", confidence: 0.7 },
  { name: "belongs to", keys: ["belong"], re: /\bbelong(?:s|ed|ing)? to\b/g, types: ["MEMBER_OF"], dir: "forward", confidence: 0.8 },
  { name: "joined", keys: ["join"], re: /\bjoin(?:ed|s|ing)?\b/g, types: ["MEMBER_OF", "PARTICIPATED_IN"], dir: "forward", confidence: 0.8, role: "participant" },
  { name: "affiliate of", keys: ["affiliate", "member"], also: ["ENT 's "], re: /\bENT 's (?:\w+ ){0,2}(?:affiliate|affiliates|member|members)\b/g, types: ["MEMBER_OF"], dir: "inside", confidence: 0.8 },
  // ---- FUNDS ----
  { name: "funded by", keys: ["funded", "financed", "sponsored", "subsidi", "supported financially"], re: /\b(?:funded|financed|sponsored|subsidi[sz]ed|supported financially) by\b/g, types: ["FUNDS"], dir: "by", confidence: 0.85 },
  { name: "funds", keys: ["fund", "financ", "sponsor", "subsidi", "bankroll"], re: /\b(?:funds|fund|funded|finances|financed|sponsors|sponsored|sponsoring|subsidi[sz]es|subsidi[sz]ed|bankrolls|bankrolled)\b(?! by)/g, types: ["FUNDS"], dir: "forward", confidence: 0.8 },
  { name: "donor", keys: ["donor", "funder", "sponsor"], re: /\b(?:donor|donors|funder|funders|sponsor) (?:for|to|of)\b/g, types: ["FUNDS"], dir: "forward", confidence: 0.8 },
  { name: "transfers to", keys: ["transfers", "donations", "grants", "contributions", "subsidies", "payments", "support", "funding"], also: ["transfers to", "donations to", "grants to", "contributions to", "subsidies to", "payments to", "support to", "funding to"], re: /\b(?:charitable |financial )?(?:transfers|donations|grants|contributions|subsidies|payments|financial support|material support|funding) to\b/g, types: ["FUNDS"], dir: "forward", confidence: 0.7 },
  { name: "revenues from", keys: ["from"], also: ["revenue", "income", "funding", "funds", "budget", "money"], re: /\b(?:revenues?|income|funding|funds|budget|money)\b(?: \w+){0,4}? (?:comes?|came|stems?|derives?|derived) from\b/g, types: ["FUNDS"], dir: "reverse", confidence: 0.8 },
  { name: "receives funding from", keys: ["receiv"], re: /\breceiv(?:e|es|ed|ing) (?:\w+ ){0,4}?(?:funding|funds|money|grants|subsidies|donations|financial support) from\b/g, types: ["FUNDS"], dir: "reverse", confidence: 0.8 },
  { name: "subsidies between", keys: ["between"], also: ["subsid", "funding", "grants", "financial connections", "financial support", "money flow"], re: /\b(?:subsidies|subsidy|funding|grants|financial connections|financial support|money flows?)\b(?: \w+){0,4}? between\b/g, types: ["FUNDS"], dir: "between", confidence: 0.7 },
  { name: "contributions by", keys: ["contributions", "donations"], re: /\b(?:contributions|donations)(?: in kind)? (?:by|from)\b/g, types: ["FUNDS"], dir: "reverse", confidence: 0.7 },
  // ---- FOUNDED / organised ----
  { name: "founded by", keys: [" by"], also: ["founded", "established", "set up", "created", "formed", "initiated", "launched", "organised", "organized", "convened", "implemented"], re: /\b(?:founded|established|set up|created|formed|initiated|launched|co-founded|organi[sz]ed|convened|implemented) by\b/g, types: ["FOUNDED", "PARTICIPATED_IN"], dir: "by", confidence: 0.85, role: "organizer" },
  { name: "founded", keys: ["founded", "established", "set up", "created", "launched", "initiated"], re: /\b(?:founded|established|set up|created|co-founded|launched|initiated)(?! by| in \d)\b/g, types: ["FOUNDED", "PARTICIPATED_IN"], dir: "forward", confidence: 0.75, role: "organizer" },
  { name: "organised", keys: ["organi", "held", "hosted", "convened", "staged"], also: ["organised", "organized", "organises", "organizes", "organising", "organizing", "held", "hosted", "convened", "staged"], re: /\b(?:organi[sz]ed|organi[sz]es|organi[sz]ing|held|hosted|convened|co-organi[sz]ed|staged)(?! by)\b/g, types: ["PARTICIPATED_IN", "FOUNDED"], dir: "forward", confidence: 0.75, role: "organizer" },
  // ---- PARTICIPATED_IN ----
  { name: "took part in", keys: ["part in"], re: /\b(?:took|take|takes|taking) part in\b/g, types: ["PARTICIPATED_IN", "MEMBER_OF"], dir: "forward", confidence: 0.85, role: "participant" },
  { name: "participated in", keys: ["participat", "involved", "engaged"], also: ["participated in", "participates in", "participate in", "participating in", "involved in", "engaged in"], re: /\b(?:participat(?:ed|es|e|ing)|was involved|were involved|engaged) in\b/g, types: ["PARTICIPATED_IN"], dir: "forward", confidence: 0.85, role: "participant" },
  { name: "participated", keys: ["participat"], re: /\bparticipat(?:ed|es|e|ing)\b(?! in)/g, types: ["PARTICIPATED_IN"], dir: "forward", confidence: 0.75, role: "participant" },
  { name: "sent a delegation", keys: ["delegat"], re: /\bsen[dt]s? (?:a |an )?(?:\w+ )?delegations? to\b/g, types: ["PARTICIPATED_IN", "TIE"], dir: "forward", confidence: 0.8, role: "participant" },
  { name: "attended", keys: ["attend"], re: /\battend(?:ed|s|ing)?\b/g, types: ["PARTICIPATED_IN"], dir: "forward", confidence: 0.8, role: "participant" },
  { name: "supported", keys: ["support"], re: /\bsupport(?:ed|s|ing)?\b(?! by)/g, types: ["PARTICIPATED_IN"], dir: "forward", confidence: 0.7, role: "supporter" },
  // ---- PRESSURES ----
  { name: "lobbied", keys: ["lobb"], re: /\blobb(?:y|ies|ied|ying)\b(?: (?:intensely|actively|hard|directly|behind the scenes))*(?: with| for)?/g, types: ["PRESSURES"], dir: "forward", confidence: 0.8 },
  { name: "lobbying from", keys: ["from"], also: ["lobbying", "pressure", "demands", "requests"], re: /\b(?:lobbying|pressure|pressures|demands|requests) (?:\w+ ){0,2}?from\b/g, types: ["PRESSURES"], dir: "reverse", confidence: 0.75 },
  { name: "pressure on", keys: ["pressure"], re: /\bpressure (?:on|upon)\b/g, types: ["PRESSURES"], dir: "forward", confidence: 0.8 },
  { name: "complaint with", keys: ["complaint", "petition", "case"], also: ["filed", "lodged", "submitted", "brought", "sent"], re: /\b(?:filed|lodged|submitted|brought|sent)(?: \w+){0,2}? (?:complaints?|petitions?|cases?|appeals?) (?:with|to|before)\b/g, types: ["PRESSURES"], dir: "forward", confidence: 0.8 },
  { name: "pressed by", keys: [" by"], also: ["pressed", "pressured", "pushed", "lobbied", "urged", "petitioned"], re: /\b(?:pressed|pressured|pushed|lobbied|urged|petitioned) (?:\w+ ){0,2}?by\b/g, types: ["PRESSURES"], dir: "by", confidence: 0.8 },
  { name: "demands", keys: ["demand", "request", "urge", "petition", "called", "calls", "pressed", "pressured"], re: /\b(?:demands?|demanded|requests?|requested|urged|urges|petitioned|called on|calls on|called upon|calls upon|pressed|pressured)\b(?! by| from)/g, types: ["PRESSURES"], dir: "forward", confidence: 0.7 },
  { name: "to influence", keys: ["influence", "sway", "shape"], re: /\b(?:to|could|can|tried to|attempts? to) (?:influence|sway|shape)\b/g, types: ["PRESSURES"], dir: "forward", confidence: 0.6 },
  // ---- OPPOSES ----
  { name: "opposes", keys: ["oppos"], re: /\boppos(?:e|es|ed|ing)\b/g, types: ["OPPOSES"], dir: "forward", confidence: 0.8 },
  { name: "opposition to", keys: ["opposition"], re: /\bopposition (?:to|against)\b/g, types: ["OPPOSES"], dir: "forward", confidence: 0.8 },
  { name: "critical of", keys: ["critic", "disagree", "conflict with", "rival", "hostile"], re: /\b(?:critical of|critic of|criticis(?:ed|es)|criticiz(?:ed|es)|disagree(?:s|d)? with|in conflict with|rivals? of|hostile to)\b/g, types: ["OPPOSES"], dir: "forward", confidence: 0.75 },
  { name: "rivalry between", keys: ["between"], also: ["rivalr", "conflict", "friction", "turf war", "dispute", "split"], re: /\b(?:rivalry|rivalries|conflicts?|frictions?|turf wars?|disputes?|split) between\b/g, types: ["OPPOSES"], dir: "between", confidence: 0.75, symmetric: true },
  { name: "resistance by", keys: ["resistance", "opposition"], re: /\b(?:resistance|opposition) (?:by|from)\b/g, types: ["OPPOSES"], dir: "reverse", confidence: 0.8 },
  { name: "campaigned against", keys: ["against"], also: ["campaign", "protest", "mobilis", "mobiliz", "rejecting", "resistance"], re: /\b(?:campaign(?:ed|s|ing)?|protest(?:ed|s|ing)?|mobili[sz](?:ed|e|ing)|rejecting|resistance) (?:\w+ ){0,3}?against\b/g, types: ["OPPOSES"], dir: "forward", confidence: 0.65 },
  // ---- BLOCKS ----
  { name: "excluded", keys: ["exclud", "reject", "refus", "repress", "block", "barred", "banned", "suppress", "shut out"], re: /\b(?:were|was|been|be|are|is) (?:\w+ )?(?:excluded|rejected|refused|repressed|blocked|barred|banned|suppressed|shut out)\b(?! by)/g, types: ["BLOCKS"], dir: "forward", confidence: 0.75, agentless: true },
  { name: "bound by", keys: [" by", "restrictions"], also: ["bound by", "restricted by", "constrained by", "hindered by", "hampered by", "limited by", "controlled by", "repressed by", "suppressed by", "restrictions"], re: /\b(?:bound|restricted|constrained|hindered|hampered|limited|controlled|repressed|suppressed) by\b|\brestrictions (?:imposed|laid) (?:upon \w+ )?by\b/g, types: ["BLOCKS"], dir: "by", confidence: 0.65 },
  { name: "access limited", keys: ["access"], re: /\baccess (?:[\w-]+ ){0,3}?(?:for|of) ENT (?:is|was|are|were|remains?|has been|have been) (?:\w+ )?(?:limited|restricted|denied|blocked|closed|curtailed)\b/g, types: ["BLOCKS"], dir: "inside", confidence: 0.65, agentless: true },
  { name: "denied access", keys: ["denied", "refused", "no access", "no voice", "no say", "no opportunity", "no seat", "lack", "without access"], re: /\b(?:(?:was|were|is|are|been|be) (?:\w+ )?(?:denied|refused) (?:any |direct |formal )?(?:access|entry|a voice|a say|a seat|participation)|(?:had|have|has|having|got|with) (?:no|hardly any) (?:direct |formal |real |political )?(?:access|voice|say|seat|opportunity to (?:influence|participate|take part))|(?:lack|lacks|lacked|lacking|without) (?:any |direct |formal |political )?access)\b/g, types: ["BLOCKS"], dir: "forward", confidence: 0.65, agentless: true, negationInside: true },
  { name: "excluded by", keys: [" by"], also: ["excluded", "rejected", "refused", "repressed", "blocked", "barred", "banned", "suppressed"], re: /\b(?:excluded|rejected|refused|repressed|blocked|barred|banned|suppressed) (?:\w+ ){0,3}?by\b/g, types: ["BLOCKS"], dir: "by", confidence: 0.8 },
  { name: "excludes", keys: ["exclud", "refus", "reject", "repress", "block", "bar", "denie", "denied"], re: /\b(?:exclud(?:es|ed|ing)|refus(?:es|ed)|reject(?:s|ed)|repress(?:es|ed)|block(?:s|ed)|bar(?:s|red)|den(?:ies|ied) access to)\b/g, types: ["BLOCKS"], dir: "forward", confidence: 0.7 },
];
