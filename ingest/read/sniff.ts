// Deciding what a document is from its bytes (magic numbers and content),
// the extension being only a hint: a ".txt" that starts with "%PDF-" is a
// PDF, a ".pdf" full of plain text is text, a ZIP or an image is refused.

import { DocumentError } from "../../graph/errors.js";

/** The document formats unionties reads. */
export type DocumentFormat = "txt" | "md" | "html" | "pdf";

// Recognised non-text formats, refused as unsupported (415) with their name.
const BINARY_MAGIC: Array<[string, number[]]> = [
  ["ZIP/Office document", [0x50, 0x4b, 0x03, 0x04]],
  ["legacy Office document", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["gzip archive", [0x1f, 0x8b]],
  ["ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["Windows executable", [0x4d, 0x5a]],
  ["7-zip archive", [0x37, 0x7a, 0xbc, 0xaf]],
  ["RAR archive", [0x52, 0x61, 0x72, 0x21]],
  ["bzip2 archive", [0x42, 0x5a, 0x68]],
  ["xz archive", [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ["PostScript", [0x25, 0x21, 0x50, 0x53]],
  ["RIFF media", [0x52, 0x49, 0x46, 0x46]],
  ["WebAssembly module", [0x00, 0x61, 0x73, 0x6d]],
];

/** True when the bytes carry a PDF header ("%PDF-") within their first KiB. */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  return head.indexOf("%PDF-") >= 0;
}

/**
 * Refuses known binary formats by their magic number. With `strongOnly`, only
 * signatures of 4+ bytes count (a text may well start with "MZ" or "BZh").
 * @throws DocumentError "unsupported-type" (415)
 */
export function refuseKnownBinary(bytes: Uint8Array, file: string, strongOnly = false): void {
  for (const [kind, magic] of BINARY_MAGIC) {
    if (strongOnly && magic.length < 4) continue;
    if (magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b)) {
      throw new DocumentError(
        file,
        "unsupported-type",
        `${file}: not a text, Markdown, HTML or PDF document (${kind})`,
        415,
      );
    }
  }
}

/** Picks the format of a decoded text document: HTML by content, Markdown by extension or content, else text. */
export function textFormat(text: string, name: string): Exclude<DocumentFormat, "pdf"> {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[^]*?-->\s*)*<!doctype html|^<html[\s>]/.test(head)) return "html";
  if ((ext === "html" || ext === "htm" || ext === "xhtml") && /<[a-z!/]/.test(head)) return "html";
  if (ext === "md" || ext === "markdown") return "md";
  return "txt";
}
