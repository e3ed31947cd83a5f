// Safe names for documents: a stable id for keys and a display name for
// people. Neither ever carries a path, a ".." segment or a control character,
// whatever the uploader or the file system handed us.

import { DocumentError } from "../../graph/errors.js";

const MAX_ID = 120;
const MAX_DISPLAY_BYTES = 255;
// C0/C1 controls, bidi overrides and isolates, line/paragraph separators, BOM
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/g;

/** The last path segment of a name given with "/" or "\" separators. */
export function baseName(name: string): string {
  const parts = name.split(/[/\\]+/);
  return parts[parts.length - 1] ?? "";
}

/**
 * The display name of a document: no directory part, no control or bidi
 * characters, no lone surrogates, at most 255 UTF-8 bytes.
 * @throws DocumentError "bad-name" (400) when nothing printable is left, or the name is "." or ".."
 */
export function displayName(name: string): string {
  const cleaned = baseName(wellFormed(name)).replace(UNSAFE_CHARS, "").trim();
  if (!cleaned || /^\.+$/.test(cleaned)) {
    throw new DocumentError(
      printable(name),
      "bad-name",
      `${printable(name) || "(empty name)"}: not a usable document name (expected a file name with at least one letter or digit)`,
      400,
    );
  }
  return truncateUtf8(cleaned, MAX_DISPLAY_BYTES);
}

/**
 * The stable id of a document: the display name without its extension, NFC,
 * every character outside [A-Za-z0-9._-] replaced by "-", at most 120 chars.
 * Never empty, never "." or "..", never starts with "." or "-".
 * @throws DocumentError "bad-name" like displayName
 */
export function documentId(name: string): string {
  const display = displayName(name);
  const stem = display.includes(".", 1) ? display.slice(0, display.lastIndexOf(".")) : display;
  let id = stem
    .normalize("NFC")
    .replace(/[^A-Za-z0-9._-]/g, "-")
    .replace(/^[.-]+/, "")
    .replace(/\.{2,}/g, ".")
    .slice(0, MAX_ID)
    .replace(/[.-]+$/, "");
  if (!id) id = `doc-${shortHash(display)}`;
  return id;
}

/** A printable rendering of any name, for error messages (controls shown as "?"). */
export function printable(name: string): string {
  return truncateUtf8(wellFormed(name).replace(UNSAFE_CHARS, "?"), MAX_DISPLAY_BYTES);
}

function truncateUtf8(s: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(s).length <= maxBytes) return s;
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

function shortHash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
