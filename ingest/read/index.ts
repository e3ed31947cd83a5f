// Reading documents with exact offsets: the public surface of ingest/read.

export { type ReadDocument, readDocument, readDocumentBytes } from "./read-document.js";
export { READ_DEFAULTS, type ReadOptions, resolveReadOptions } from "./defaults.js";
export { type DocumentMeta, parseAuthorLine } from "./metadata.js";
export { type DocumentFormat } from "./sniff.js";
export { documentId, displayName } from "./names.js";
export { type MappedText, spanToOriginal } from "./offset-map.js";
export { normalizeText } from "./normalize.js";
