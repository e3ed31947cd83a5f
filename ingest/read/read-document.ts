// Reading one document: bytes in, a ReadDocument out with the decoded text
// that evidence offsets index, the normalised text extraction reads, and an
// exact map between the two. Size caps are checked before any parsing; the
// type comes from the bytes, not the extension.

import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { DocumentError } from "../../graph/errors.js";
import { decodeText } from "./decode.js";
import { type ReadOptions, resolveReadOptions } from "./defaults.js";
import { htmlToText } from "./html.js";
import { type DocumentMeta, type MetaHints, extractMetadata } from "./metadata.js";
import { documentId, displayName } from "./names.js";
import { normalizeText } from "./normalize.js";
import { spanToOriginal } from "./offset-map.js";
import { extractPdfText } from "./pdf.js";
import { type DocumentFormat, isPdf, refuseKnownBinary, textFormat } from "./sniff.js";

/** A document read and normalised, with offsets back into its decoded text. */
export interface ReadDocument {
  /** Stable id from the file name (basename without extension, [A-Za-z0-9._-], at most 120 chars). */
  id: string;
  /** Sanitised display name: no path, no control characters, at most 255 UTF-8 bytes. */
  file: string;
  /** Decided from the bytes (magic numbers, content), not only the extension. */
  format: DocumentFormat;
  /** Size of the raw bytes. */
  bytes: number;
  /** SHA-256 of the raw bytes, hex. */
  sha256: string;
  /** The decoded text evidence offsets index (UTF-16 code units). */
  text: string;
  /** The text extraction reads: furniture, markup, hyphenation and footnote markers removed, whitespace collapsed. */
  normalized: string;
  /** Maps a span of `normalized` to the span of `text` it came from. @throws RangeError outside `normalized` */
  toOriginal(start: number, end: number): [number, number];
  /** Title, authors and year as the text shows them. */
  meta: DocumentMeta;
  /** True when decoding inserted replacement characters. */
  lossy?: boolean;
}

/**
 * Reads a document from disk. The size cap is checked on the file's size
 * before its content is read (a file of at most 1 MiB is read whole first).
 * @throws DocumentError (see readDocumentBytes), "unreadable" when the file cannot be opened or is not a regular file
 */
export async function readDocument(path: string, options?: ReadOptions): Promise<ReadDocument> {
  const limits = resolveReadOptions(options);
  const file = displayName(path);
  // A regular file of at most SYNC_READ_BYTES is read without leaving the thread: the five
  // round trips through the thread pool below cost more than such a read.
  const small = statOrNull(path);
  if (small?.isFile() && small.size <= SYNC_READ_BYTES) {
    const bytes = readSmallFile(path, file);
    if (bytes) {
      checkSize(isPdf(bytes.subarray(0, 1024)) ? "pdf" : "text", bytes.length, file, limits);
      return readDocumentBytes(bytes, path, options);
    }
  }
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new DocumentError(file, "unreadable", `${file}: cannot be opened (${(error as NodeJS.ErrnoException).code ?? "error"})`, 422);
  }
  try {
    const info = await handle.stat();
    // a device or FIFO (/dev/zero, a pipe) has no size to check and may never end
    if (!info.isFile()) throw new DocumentError(file, "unreadable", `${file}: not a regular file (expected a document file)`, 422);
    const { size } = info;
    // Read only enough to see the magic number before deciding which cap applies.
    const head = Buffer.alloc(Math.min(size, 1024));
    await handle.read(head, 0, head.length, 0);
    checkSize(isPdf(head) ? "pdf" : "text", size, file, limits);
    const bytes = await handle.readFile();
    return await readDocumentBytes(bytes, path, options);
  } finally {
    await handle.close();
  }
}

/** The file's stat, or null when it cannot be had (the usual read then reports why). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Files up to this size are read on the calling thread (readSmallFile). */
const SYNC_READ_BYTES = 1024 * 1024;

/**
 * The bytes of a regular file of at most SYNC_READ_BYTES, or null when it is
 * no longer one (replaced or grown since its stat: read the usual way).
 * @throws DocumentError "unreadable" when it cannot be opened
 */
function readSmallFile(path: string, file: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new DocumentError(file, "unreadable", `${file}: cannot be opened (${(error as NodeJS.ErrnoException).code ?? "error"})`, 422);
  }
  try {
    const info = fstatSync(fd);
    return info.isFile() && info.size <= SYNC_READ_BYTES ? readFileSync(fd) : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a document from memory.
 * @param bytes the raw file content
 * @param name the file name as given (path parts and control characters are removed)
 * @throws DocumentError with reason "empty", "binary", "unknown-encoding",
 *   "too-large" (413, before parsing), "bad-name" (400), "unsupported-type" (415),
 *   "pdf-encrypted", "pdf-unreadable", "pdf-timeout", "pdf-memory"
 */
export async function readDocumentBytes(bytes: Uint8Array, name: string, options?: ReadOptions): Promise<ReadDocument> {
  const limits = resolveReadOptions(options);
  const file = displayName(name);
  const id = documentId(name);
  const pdf = isPdf(bytes);
  checkSize(pdf ? "pdf" : "text", bytes.length, file, limits);
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  let format: DocumentFormat;
  let text: string;
  let lossy = false;
  let hints: MetaHints = {};
  let markup = false;
  if (pdf) {
    format = "pdf";
    const extracted = await extractPdfText(bytes, file, limits);
    text = extracted.text;
    hints = extracted.info;
    if (text.trim() === "") {
      throw new DocumentError(file, "empty", `${file}: the PDF has no extractable text (${extracted.pages} pages; a scan needs OCR first)`, 422);
    }
  } else {
    if (bytes.length > 0) refuseKnownBinary(bytes, file, true);
    const decoded = decodeWithMagic(bytes, file);
    lossy = decoded.lossy;
    format = textFormat(decoded.text, file);
    if (format === "html") {
      const html = htmlToText(decoded.text);
      text = html.text;
      hints = { title: html.title };
      if (text.trim() === "") throw new DocumentError(file, "empty", `${file}: the HTML page has no visible text`, 422);
    } else {
      text = decoded.text;
      markup = true;
    }
  }

  const { mapped, headers } = normalizeText(text, { markup });
  if (mapped.text === "") {
    throw new DocumentError(file, "empty", `${file}: no readable text is left once markup and page furniture are removed`, 422);
  }
  const meta = extractMetadata(text, headers, hints);
  const doc: ReadDocument = {
    id,
    file,
    format,
    bytes: bytes.length,
    sha256,
    text,
    normalized: mapped.text,
    toOriginal: (start, end) => spanToOriginal(mapped, start, end, text.length),
    meta,
  };
  if (lossy) doc.lossy = true;
  return doc;
}

function decodeWithMagic(bytes: Uint8Array, file: string) {
  try {
    return decodeText(bytes, file);
  } catch (error) {
    // a binary refusal names the format when the magic number is known
    if (error instanceof DocumentError && (error.reason === "binary" || error.reason === "unknown-encoding")) {
      refuseKnownBinary(bytes, file);
    }
    throw error;
  }
}

function checkSize(kind: "pdf" | "text", size: number, file: string, limits: Required<ReadOptions>): void {
  const cap = kind === "pdf" ? limits.maxPdfBytes : limits.maxTextBytes;
  if (size > cap) {
    throw new DocumentError(
      file,
      "too-large",
      `${file}: ${size} bytes is over the ${kind === "pdf" ? "PDF" : "text"} size limit of ${cap} bytes`,
      413,
    );
  }
}

