// The store-free half of ingesting one file: read it, extract, build the
// bundle. Runs in a worker thread or in-process; the main thread then commits
// the result (commit.ts). When the store already holds a hash for the
// document's id, the raw bytes are hashed first and an equal hash stops
// before decoding or extraction.
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { isUniontiesError } from "../../graph/errors.js";
import type { DocumentBundle } from "../../graph/types.js";
import { buildBundle } from "../bundle.js";
import type { Codebook } from "../codebook.js";
import { extractDocument } from "../extract/index.js";
import { READ_DEFAULTS, displayName, documentId, readDocument, readDocumentBytes, type ReadDocument } from "../read/index.js";
import { failedReport, type DocumentReport } from "../report.js";

/** What preparing one file gives the main thread to commit. */
export type PreparedDocument =
  | { kind: "bundle"; bundle: DocumentBundle; newIds: string[] }
  | { kind: "unchanged"; id: string; file: string; sha256: string }
  | { kind: "failed"; report: DocumentReport };

/** A prepared document that is a bundle to write. */
export type PreparedBundle = Extract<PreparedDocument, { kind: "bundle" }>;

/** The reason shown for an error: the message of ours and of anything else. */
export function reasonOf(error: unknown): string {
  if (isUniontiesError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The report of a file that failed, named by its base name as the ingest always did. */
export function failedFile(path: string, reason: string): DocumentReport {
  const name = basename(path);
  return failedReport(name.replace(/\.[^.]+$/, ""), name, reason);
}

/** The id a file's document will have, or null when its name is unusable (the read reports that). */
export function documentIdOf(path: string): string | null {
  try {
    return documentId(path);
  } catch {
    return null;
  }
}

/** Extracts a read document and builds its bundle, with the ids of entities the codebook lacked. */
export function prepareRead(doc: ReadDocument, codebook: Codebook): PreparedBundle {
  const extraction = extractDocument(doc.normalized, codebook);
  const bundle = buildBundle(doc, extraction);
  const newIds: string[] = [];
  for (const e of extraction.ctx.entities.values()) if (e.isNew) newIds.push(e.id);
  return { kind: "bundle", bundle, newIds };
}

/**
 * Prepares one file. `knownSha` is the hash the store held for the file's
 * document id when the work was handed out; an equal hash of the raw bytes
 * gives "unchanged" without reading further (the main thread checks again
 * before trusting it). Never throws: failures come back as reports.
 */
export async function prepareFile(path: string, codebook: Codebook, knownSha: string | null): Promise<PreparedDocument> {
  try {
    const bytes = knownSha ? await smallFileBytes(path) : null;
    if (bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (sha256 === knownSha) return { kind: "unchanged", id: documentId(path), file: displayName(path), sha256 };
    }
    const doc = bytes ? await readDocumentBytes(bytes, path) : await readDocument(path);
    return prepareRead(doc, codebook);
  } catch (error) {
    return { kind: "failed", report: failedFile(path, reasonOf(error)) };
  }
}

/**
 * The bytes of a regular file no larger than the smallest read cap, or null
 * (readDocument then applies its own checks and gives its own errors).
 */
async function smallFileBytes(path: string): Promise<Uint8Array | null> {
  const handle = await open(path, "r").catch(() => null);
  if (!handle) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > Math.min(READ_DEFAULTS.maxTextBytes, READ_DEFAULTS.maxPdfBytes)) return null;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
