// The ingest's public surface for the API and the CLI.
export { loadCodebook, buildCodebook, DEFAULT_CODEBOOK_PATH, type Codebook, type CodebookEntry } from "./codebook.js";
export { ingestPaths, ingestBytes, expandPaths, DEFAULT_REVIEW_PATH, DOCUMENT_EXTENSIONS, type IngestOptions } from "./ingest.js";
export type { IngestReport, DocumentReport, LowConfidenceItem } from "./report.js";
export { loadReviews, applyReviews, type ReviewEntry } from "./review.js";
export { extractDocument, type Extraction } from "./extract/index.js";
export { buildBundle } from "./bundle.js";
