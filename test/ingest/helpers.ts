// Test helpers for the ingest: extraction of a short text written for a test
// (normalized === text), relationships as readable keys, a temp folder.
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle } from "../../ingest/bundle.js";
import { loadCodebook, type Codebook } from "../../ingest/codebook.js";
import { extractDocument } from "../../ingest/extract/index.js";
import type { ReadDocument } from "../../ingest/read/index.js";
import type { DocumentBundle } from "../../graph/types.js";

let cached: Codebook | undefined;
/** The project's codebook, loaded once per test file. */
export function codebook(): Codebook {
  return (cached ??= loadCodebook());
}

/** A ReadDocument over a text whose normalised form is itself. */
export function plainDocument(text: string, id = "test-doc"): ReadDocument {
  return {
    id,
    file: `${id}.txt`,
    format: "txt" as ReadDocument["format"],
    bytes: Buffer.byteLength(text),
    sha256: createHash("sha256").update(text).digest("hex"),
    text,
    normalized: text,
    toOriginal: (start, end) => [start, end],
    meta: {},
  };
}

/** The bundle the ingest builds for `text`. */
export function bundleOf(text: string): DocumentBundle {
  const doc = plainDocument(text);
  return buildBundle(doc, extractDocument(doc.normalized, codebook()));
}

/** Relationship keys "TYPE source target" (absent ones end in " absent"), sorted. */
export function relationKeys(text: string): string[] {
  return bundleOf(text)
    .relationships.map((r) => {
      const [a, b] = r.attributes.type === "TIE" ? [r.source, r.target].sort() : [r.source, r.target];
      return `${r.attributes.type} ${a} ${b}${r.attributes.polarity === "absent" ? " absent" : ""}`;
    })
    .sort();
}

/** The relationship of a type between two ends (either order for TIE), or undefined. */
export function findRelation(bundle: DocumentBundle, type: string, a: string, b: string) {
  return bundle.relationships.find(
    (r) => r.attributes.type === type && ((r.source === a && r.target === b) || (type === "TIE" && r.source === b && r.target === a)),
  );
}

/** A fresh temporary folder. */
export function tempDir(prefix = "unionties-ingest-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
