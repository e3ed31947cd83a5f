// The state of one document's extraction, shared by the rules: the text, its
// folded copy, the entities found so far (codebook or new), their mentions,
// the sentences, and the relationships drafted with their evidence spans (in
// offsets of the normalised text; the bundle maps them back to the original).
import { LABEL_OF_KIND, REL_SPECS, type NodeKind, type NodeLabel, type Polarity, type RelType, type TieStrength } from "../../graph/schema.js";
import type { NodeAttributes } from "../../graph/types.js";
import { slugOf as slugify } from "./memo.js";
import { codebookNode, type Codebook } from "../codebook.js";
import { foldLoweredNoting, type FoldNotes } from "../fold-text.js";
import type { SentenceSpan } from "./sentences.js";

/** How a mention was found. */
export type MentionVia = "name" | "definition" | "discovered" | "collective" | "person" | "event" | "anaphor";

/** One place in the text where an entity is named or referred to. */
export interface Mention {
  start: number;
  end: number;
  id: string;
  via: MentionVia;
}

/** Whether the span [start, end) overlaps one of `spans`. */
export function overlapsAny(spans: ReadonlyArray<{ start: number; end: number }>, start: number, end: number): boolean {
  for (const t of spans) if (t.start < end && start < t.end) return true;
  return false;
}

/** An entity of this document: a codebook entry or one the rules found. */
export interface EntityDraft {
  id: string;
  attributes: NodeAttributes;
  /** True when the codebook does not know it. */
  isNew: boolean;
}

/** Attributes a relationship's evidence item carries. */
export interface EvidenceAttrs {
  cue: string;
  confidence: number;
  strength?: TieStrength;
  since?: number;
  until?: number;
  role?: string;
  share?: string;
  amount?: string;
  date?: string;
}

/** A relationship found in one sentence, evidence in normalised offsets. */
export interface RelationDraft {
  type: RelType;
  source: string;
  target: string;
  polarity: Polarity;
  start: number;
  end: number;
  attrs: EvidenceAttrs;
}

/** Everything the rules share while reading one document. */
export class ExtractionContext {
  readonly folded: string;
  /** text.toLowerCase() (for the tokenizer). */
  readonly lower: string;
  /** What folding saw in `lower` (whole-text tests read these instead of scanning again). */
  readonly notes: FoldNotes;
  readonly entities = new Map<string, EntityDraft>();
  mentions: Mention[] = [];
  sentences: SentenceSpan[] = [];
  readonly relations: RelationDraft[] = [];
  /** Names already looked up in the codebook (null: not there). */
  private readonly knownNames = new Map<string, string | null>();
  /** labelOf and kindOf answers for registered entities. */
  private readonly labels = new Map<string, NodeLabel>();
  private readonly kinds = new Map<string, NodeKind>();
  /** The last two registered ids labelOf answered, and their labels. */
  private lastId: string | undefined;
  private lastLabel: NodeLabel | undefined;
  private lastId2: string | undefined;
  private lastLabel2: NodeLabel | undefined;

  constructor(
    readonly text: string,
    readonly codebook: Codebook,
  ) {
    this.lower = text.toLowerCase();
    const { folded, notes } = foldLoweredNoting(text, this.lower);
    this.folded = folded;
    this.notes = notes;
  }

  /** The entity for a codebook id, registered on first use. */
  useCodebook(id: string): EntityDraft | undefined {
    const known = this.entities.get(id);
    if (known) return known;
    const entry = this.codebook.byId.get(id);
    if (!entry) return undefined;
    const draft = { id, attributes: codebookNode(entry), isNew: false };
    this.entities.set(id, draft);
    return draft;
  }

  /**
   * Registers an entity the codebook lacks (or returns the one already there).
   * A name the codebook knows resolves to the codebook entry instead.
   */
  addEntity(name: string, kind: NodeKind, extra: Partial<NodeAttributes> = {}, id?: string): EntityDraft {
    let known = this.knownNames.get(name);
    if (known === undefined) {
      known = this.codebook.matcher.matchWhole(name) ?? null;
      this.knownNames.set(name, known);
    }
    if (known) return this.useCodebook(known)!;
    const key = id ?? slugify(name);
    const existing = this.entities.get(key);
    if (existing) {
      for (const [k, v] of Object.entries(extra)) {
        if (k === "aliases") existing.attributes.aliases = [...new Set([...existing.attributes.aliases, ...(v as string[])])].filter((a) => a !== existing.attributes.name);
        else if ((existing.attributes as Record<string, unknown>)[k] === undefined) (existing.attributes as Record<string, unknown>)[k] = v;
      }
      return existing;
    }
    const label: NodeLabel = LABEL_OF_KIND[kind];
    const draft: EntityDraft = {
      id: key,
      isNew: true,
      attributes: { nodeLabel: label, kind, name, documents: [], mentions: 0, origin: "extracted", ...extra, aliases: (extra.aliases ?? []).filter((a) => a !== name) },
    };
    this.entities.set(key, draft);
    return draft;
  }

  /**
   * The node label of an entity id (undefined when unknown). A registered
   * entity keeps its label, so its answer is kept (the rules ask for the same
   * ids in every sentence, and attribute objects of many shapes are slow to read).
   */
  labelOf(id: string): NodeLabel | undefined {
    // The last two ids asked are answered first (a rule often asks again about the ids it just asked about).
    if (id === this.lastId) return this.lastLabel;
    if (id === this.lastId2) return this.lastLabel2;
    let known = this.labels.get(id);
    if (known === undefined) {
      const entity = this.entities.get(id);
      if (!entity) return this.codebook.byId.get(id)?.nodeLabel;
      known = entity.attributes.nodeLabel;
      this.labels.set(id, known);
    }
    this.lastId2 = this.lastId;
    this.lastLabel2 = this.lastLabel;
    this.lastId = id;
    this.lastLabel = known;
    return known;
  }

  /** The kind of an entity id (kept for a registered entity, as its label is). */
  kindOf(id: string): NodeKind | undefined {
    const known = this.kinds.get(id);
    if (known !== undefined) return known;
    const entity = this.entities.get(id);
    if (!entity) return this.codebook.byId.get(id)?.kind;
    this.kinds.set(id, entity.attributes.kind);
    return entity.attributes.kind;
  }

  /**
   * Drafts a relationship when its ends fit the schema (labels allowed for the
   * type, two different ends); silently skips it otherwise.
   * @returns true when drafted
   */
  relate(type: RelType, source: string, target: string, span: { start: number; end: number }, attrs: EvidenceAttrs, polarity: Polarity = "present"): boolean {
    if (source === target) return false;
    const spec = REL_SPECS[type];
    const from = this.labelOf(source);
    const to = this.labelOf(target);
    if (!from || !to || !spec.from.includes(from) || !spec.to.includes(to)) return false;
    this.relations.push({ type, source, target, polarity, start: span.start, end: span.end, attrs });
    return true;
  }
}
