// Bytes to text, strictly: UTF-8 (BOM stripped), UTF-16 with a BOM (or an
// unmistakable zero-byte pattern), windows-1252 only when the bytes look like
// Latin-script text; anything else is refused rather than mangled. When
// replacement characters are inserted the result says so (lossy).

import { DocumentError } from "../../graph/errors.js";

/** A decoded document text. */
export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  lossy: boolean;
}

const SAMPLE = 64 * 1024;

/**
 * Decodes document bytes.
 * @param file the sanitised display name, used in error messages
 * @throws DocumentError "empty" (nothing but whitespace), "binary" (NUL or control bytes), "unknown-encoding"
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw fail(file, "empty", "the file is empty (0 bytes)");
  const decoded = decodeBytes(bytes, file);
  if (decoded.text.trim() === "") throw fail(file, "empty", "the file holds only whitespace");
  return decoded;
}

function decodeBytes(bytes: Uint8Array, file: string): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw fail(file, "unknown-encoding", "UTF-32 is not supported (expected UTF-8, UTF-16 or windows-1252)");
  }
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes.subarray(2), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes.subarray(2), "utf-16be");

  const bomless = utf16Pattern(bytes);
  if (bomless) {
    const decoded = utf16(bytes, bomless);
    // zero bytes at one parity are also what some binary formats look like: the result must read as text
    if (decoded.lossy || controlShare(decoded.text) > 0.02) {
      throw fail(file, "binary", "not a text, Markdown, HTML or PDF document (binary content)");
    }
    return decoded;
  }
  if (looksBinary(bytes)) throw fail(file, "binary", "not a text, Markdown, HTML or PDF document (binary content)");

  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", lossy: false };
  } catch {
    // not valid UTF-8: decide between a damaged UTF-8 file, Latin text, or refusal
  }
  const { validMultibyte, invalid } = utf8Census(bytes);
  if (validMultibyte >= 4 * invalid) return utf8(bytes);
  if (looksLatin(bytes)) {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252", lossy: false };
  }
  throw fail(
    file,
    "unknown-encoding",
    "the text encoding is not recognised (expected UTF-8, UTF-16 with a byte-order mark, or windows-1252)",
  );
}

function utf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", lossy: false };
  } catch {
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", lossy: true };
  }
}

function utf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): DecodedText {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { text, encoding, lossy: false };
  } catch {
    return { text: new TextDecoder(encoding).decode(bytes), encoding, lossy: true };
  }
}

/** BOM-less UTF-16: in a sample, nearly every byte at one parity is zero and almost none at the other. */
function utf16Pattern(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  // no zero byte in the sample: both counts are 0 (one native search instead of the loop)
  if (bytes.subarray(0, n).indexOf(0) < 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.6 * pairs && evenZero < 0.05 * pairs) return "utf-16le";
  if (evenZero > 0.6 * pairs && oddZero < 0.05 * pairs) return "utf-16be";
  return null;
}

// the bytes looksBinary counts (NUL is ruled out before), as latin1 characters
const SAMPLE_CONTROL = /[\u0001-\u0008\u000E-\u001A\u001C-\u001F]/;

/** Any NUL byte, or more than 2 % C0 controls other than tab, line breaks, form feed and escape. */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.indexOf(0) >= 0) return true;
  const n = Math.min(bytes.length, SAMPLE);
  // no such control at all (the usual case): one native scan of the sample instead of the loop
  if (!SAMPLE_CONTROL.test(Buffer.from(bytes.buffer, bytes.byteOffset, n).toString("latin1"))) return false;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b && b !== 0x0b) controls++;
  }
  return controls > 0.02 * n;
}

/** Share of C0 controls (other than tab, line breaks, form feed) in a sample of decoded text. */
function controlShare(text: string): number {
  const sample = text.slice(0, SAMPLE);
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  return sample.length ? controls / sample.length : 0;
}

/** Counts well-formed UTF-8 multibyte sequences and bytes that fit no sequence. */
function utf8Census(bytes: Uint8Array): { validMultibyte: number; invalid: number } {
  let validMultibyte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 1) {
      i++;
      continue;
    }
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      validMultibyte++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { validMultibyte, invalid };
}

// windows-1252 bytes 0x80-0x9F that Latin prose uses: € ' ' " " • – — ™ … š œ ž Ÿ Š Œ Ž
const LATIN_C1 = new Set([0x80, 0x85, 0x8a, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9a, 0x9c, 0x9e, 0x9f]);

/**
 * True when the non-ASCII bytes read as Latin-script text in windows-1252:
 * few of them, mostly standing alone between ASCII bytes (CJK encodings come
 * in dense runs of high bytes), and none of them a byte Latin text never uses
 * (the undefined 0x81/0x8D/0x8F/0x90/0x9D, rare C1 marks, the soft hyphen).
 */
function looksLatin(bytes: Uint8Array): boolean {
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    if (b < 0xa0 ? !LATIN_C1.has(b) : b === 0xad) return false;
    const prevHigh = i > 0 && bytes[i - 1]! >= 0x80;
    const nextHigh = i + 1 < bytes.length && bytes[i + 1]! >= 0x80;
    if (prevHigh || nextHigh) inRuns++;
  }
  return high > 0 && high < 0.2 * bytes.length && inRuns <= 0.3 * high;
}

// windows-1252 0x80-0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned; looksLatin refuses them)
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/** windows-1252 by table: Node's TextDecoder("windows-1252") decodes 0x80-0x9F as Latin-1 controls. */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    parts.push(String.fromCharCode(...chunk));
  }
  return parts.join("").replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function fail(file: string, reason: string, what: string): DocumentError {
  return new DocumentError(file, reason, `${file}: ${what}`, 422);
}
