// Document bundles written inline for the store contract: three small
// documents whose evidence offsets are computed from their own text, so every
// quote is exactly text.slice(start, end).
import { createHash } from "node:crypto";
import type { NodeKind, RelType, TieStrength } from "../../graph/schema.js";
import { LABEL_OF_KIND } from "../../graph/schema.js";
import type { DocumentBundle, Evidence, NodeAttributes } from "../../graph/types.js";

type NodeSpec = [id: string, name: string, kind: NodeKind, aliases?: string[], extra?: Partial<NodeAttributes>];
type RelSpec = [type: RelType, source: string, target: string, quote: string, extra?: Partial<Evidence> & { polarity?: "present" | "absent" }];

/** The nodes every fixture may name (a codebook in miniature). */
export const NODES: Record<string, NodeSpec> = {
  rengo: ["rengo", "Rengō", "confederation", ["Rengo", "Japanese Trade Union Confederation", "JTUC"], { country: "JP", origin: "codebook" }],
  kctu: ["kctu", "KCTU", "confederation", ["Korean Confederation of Trade Unions"], { country: "KR", origin: "codebook" }],
  zenroren: ["zenroren", "Zenrōren", "confederation", ["Zenroren"], { country: "JP", origin: "codebook" }],
  ituc: ["ituc", "ITUC", "global_union", ["International Trade Union Confederation"], { origin: "codebook" }],
  fktu: ["fktu", "FKTU", "confederation", ["Federation of Korean Trade Unions"], { country: "KR", origin: "codebook" }],
  mofa: ["mofa", "MOFA", "government", ["Ministry of Foreign Affairs"], { country: "JP", origin: "codebook" }],
  jkepa: ["jkepa", "Japan–Korea EPA", "epa", ["JKEPA"], { origin: "extracted" }],
  "kpa-fta": ["kpa-fta", "Korean People's Action against FTAs and WTO", "movement", ["KoPA"], { country: "KR", origin: "extracted" }],
  "thai-unions": ["thai-unions", "Thai labor unions", "union", [], { country: "TH", origin: "extracted" }],
  "rally-2004": ["rally-2004", "Anti-EPA rally", "protest", [], { date: "2004-11", origin: "extracted" }],
  "lone-ngo": ["lone-ngo", "Lone Network", "ngo", [], { origin: "extracted" }],
};

function node([id, name, kind, aliases = [], extra = {}]: NodeSpec): NodeAttributes {
  return { nodeLabel: LABEL_OF_KIND[kind], kind, name, aliases, documents: [], mentions: 0, origin: "extracted", ...extra } as NodeAttributes;
}

/** A text's SHA-256 in hex, as the ingest gives a document's `sha256`. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A bundle from a text, the ids it mentions (with counts) and relationships
 * given by their quote (the first occurrence in the text).
 */
export function makeBundle(docId: string, text: string, mentions: Record<string, number>, rels: RelSpec[], title = docId): DocumentBundle {
  const sha256 = sha256Hex(text);
  return {
    document: {
      id: docId,
      attributes: { nodeLabel: "Document", kind: "document", name: title, title, aliases: [], documents: [], mentions: 0, origin: "extracted", sha256, year: 2020 },
    },
    text,
    nodes: Object.entries(mentions).map(([id, count]) => ({ id, attributes: node(NODES[id]), mentions: count })),
    relationships: rels.map(([type, source, target, quote, extra = {}]) => {
      const start = text.indexOf(quote);
      if (start < 0) throw new Error(`fixture ${docId}: quote not in text: ${quote}`);
      const { polarity = "present", ...ev } = extra;
      return { source, target, attributes: { type, polarity, confidence: 0, origin: "extracted" as const, evidence: [{ document: docId, quote, start, end: start + quote.length, ...ev }] } };
    }),
  };
}

const TEXT_A =
  "Rengō maintains strong ties with the KCTU. Rengo is a member of ITUC. " +
  "KCTU is affiliated to ITUC as well. Rengō pressed MOFA over the Japan–Korea EPA. " +
  "There were no ties between Japanese and Thai labor unions.";

const TEXT_B =
  "Zenrōren and KCTU held regular exchanges since 1998. KCTU organised the Anti-EPA rally in November 2004, " +
  "which targeted the Japan–Korea EPA. Korean People's Action against FTAs and WTO supported the rally. " +
  "KCTU opposed the Japan–Korea EPA.";

const TEXT_C =
  "The FKTU joined ITUC. FKTU and Rengō keep weak contacts. The Lone Network was also present. " +
  "KCTU has strong ties with Rengō, a second account says.";

/** Document A: Rengō, KCTU, ITUC, MOFA, the EPA, an absent tie with Thai unions. */
export function bundleA(text = TEXT_A): DocumentBundle {
  const rels: RelSpec[] = [
    ["TIE", "rengo", "kctu", "Rengō maintains strong ties with the KCTU", { strength: "strong" as TieStrength, confidence: 0.9, cue: "ties" }],
    ["MEMBER_OF", "rengo", "ituc", "Rengo is a member of ITUC", { confidence: 0.95 }],
    ["MEMBER_OF", "kctu", "ituc", "KCTU is affiliated to ITUC", { confidence: 0.8 }],
    ["PRESSURES", "rengo", "mofa", "Rengō pressed MOFA", { confidence: 0.7 }],
    ["TIE", "rengo", "thai-unions", "no ties between Japanese and Thai labor unions", { polarity: "absent", confidence: 0.6 }],
  ].filter(([, , , quote]) => text.includes(quote as string)) as RelSpec[];
  return makeBundle("doc-a", text, { rengo: 3, kctu: 2, ituc: 2, mofa: 1, jkepa: 1, "thai-unions": 1 }, rels, "Document A");
}

/** Document B: Zenrōren–KCTU exchanges, a protest, an opposed agreement. */
export function bundleB(): DocumentBundle {
  return makeBundle(
    "doc-b",
    TEXT_B,
    { zenroren: 1, kctu: 4, "rally-2004": 2, jkepa: 2, "kpa-fta": 1 },
    [
      ["TIE", "zenroren", "kctu", "Zenrōren and KCTU held regular exchanges since 1998", { strength: "regular", since: 1998, confidence: 0.8 }],
      ["PARTICIPATED_IN", "kctu", "rally-2004", "KCTU organised the Anti-EPA rally", { role: "organizer", confidence: 0.85 }],
      ["TARGETS", "rally-2004", "jkepa", "targeted the Japan–Korea EPA", { confidence: 0.75 }],
      ["PARTICIPATED_IN", "kpa-fta", "rally-2004", "Korean People's Action against FTAs and WTO supported the rally", { role: "supporter", confidence: 0.7 }],
      ["OPPOSES", "kctu", "jkepa", "KCTU opposed the Japan–Korea EPA", { confidence: 0.9 }],
    ],
    "Document B",
  );
}

/** Document C: FKTU joins ITUC, a second account of the Rengō–KCTU tie (written the other way round), an unlinked NGO. */
export function bundleC(): DocumentBundle {
  return makeBundle(
    "doc-c",
    TEXT_C,
    { fktu: 2, ituc: 1, rengo: 2, kctu: 1, "lone-ngo": 1 },
    [
      ["MEMBER_OF", "fktu", "ituc", "The FKTU joined ITUC", { confidence: 0.9 }],
      ["TIE", "fktu", "rengo", "FKTU and Rengō keep weak contacts", { strength: "weak", confidence: 0.5 }],
      ["TIE", "kctu", "rengo", "KCTU has strong ties with Rengō", { strength: "strong", confidence: 0.95 }],
    ],
    "Document C",
  );
}

/** Document A with its last two sentences cut (a changed version: new sha256). */
export function bundleAShort(): DocumentBundle {
  return bundleA(TEXT_A.slice(0, TEXT_A.indexOf(" Rengō pressed")));
}

/** Every permutation of a list (for order-independence checks). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}
