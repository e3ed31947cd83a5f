// Checks an uploaded file before any parse: a sane display name, an allowed
// extension and declared type (text, markdown, html, pdf), and magic bytes
// that agree (a PDF really starts with %PDF-, a text file is no archive or
// image). Anything else is a 415; a bad name is a 400.
import { extname } from "node:path";
import { HttpError } from "./plugins/errors.js";

/** Extensions the ingest reads. */
export const UPLOAD_EXTENSIONS = [".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"] as const;
/** Declared media types accepted for an upload (raw body or multipart part). */
export const UPLOAD_MEDIA_TYPES = ["text/plain", "text/markdown", "text/x-markdown", "text/html", "application/pdf", "application/octet-stream"] as const;
/** Largest upload (RELIABILITY.md B5.4). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const BINARY_MAGIC: Array<[string, number[]]> = [
  ["zip archive", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip data", [0x1f, 0x8b]],
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["Windows executable", [0x4d, 0x5a]],
];

/**
 * A display name safe to keep as metadata: the last path segment, NFC,
 * without control or bidi-override characters, at most 255 UTF-8 bytes.
 * @throws HttpError 400 for an empty, ".", ".." or extension-less name
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.split(/[\\/]/).pop() ?? "";
  name = name.normalize("NFC").replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (!name || name === "." || name === "..") throw new HttpError(400, "the upload needs a file name (multipart filename, X-File-Name header or ?name=)");
  while (Buffer.byteLength(name, "utf8") > 255) name = name.slice(0, -1);
  if (/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))) throw new HttpError(400, "the file name is not valid Unicode");
  return name;
}

/** Media type without parameters, lower case. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Checks extension, declared type and magic bytes.
 * @throws HttpError 415 when the file is not text, markdown, html or pdf
 */
export function checkUploadType(name: string, declared: string, bytes: Uint8Array): void {
  const ext = extname(name).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) throw new HttpError(415, `"${ext || "(none)"}" files are not accepted; upload .txt, .md, .html or .pdf`);
  if (!(UPLOAD_MEDIA_TYPES as readonly string[]).includes(declared)) throw new HttpError(415, `media type "${declared.slice(0, 80)}" is not accepted; use text/plain, text/markdown, text/html or application/pdf`);
  const isPdf = bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
  if (ext === ".pdf" && !isPdf) throw new HttpError(415, "the file is named .pdf but is not a PDF");
  if (declared === "application/pdf" && !isPdf) throw new HttpError(415, "the body is declared application/pdf but is not a PDF");
  for (const [what, magic] of BINARY_MAGIC) if (magic.every((b, i) => bytes[i] === b)) throw new HttpError(415, `the file is a ${what}, not a text or PDF document`);
}
