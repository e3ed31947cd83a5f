// The extraction rules' public surface: one document's text in, entities and drafted relationships out.
export { extractDocument, mergeMentions, type Extraction } from "./extract-document.js";
export { ExtractionContext } from "./context.js";
export type { EntityDraft, Mention, RelationDraft, EvidenceAttrs } from "./context.js";
