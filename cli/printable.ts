// Makes what the CLI prints safe for a terminal: names, quotes and values in
// messages come from documents and imported files, not from the user.

// C0 controls other than tab and newline, DEL, and C1 controls (U+009B is a one-character CSI).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character but tab and newline written as a
 * \uXXXX escape. Printed raw, a document's escape sequences could hide or
 * overwrite lines of a report, retitle the window or (OSC 52) fill the
 * clipboard. The escape is also JSON's, so --json output parses the same.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
