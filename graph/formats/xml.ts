// A small, safe XML reader and the escaping the GEXF and GraphML writers use.
// It knows elements, attributes, text, CDATA, comments and processing
// instructions, and the five predefined entities plus numeric character
// references. It never expands other entities and refuses any DOCTYPE with an
// internal subset, so entity bombs and external entities cannot happen.
import { InvalidDataError } from "../errors.js";

/** One element: its local name (namespace prefix dropped), attributes and children. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element (not its children's). */
  text: string;
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTR = /\s*([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Decodes the predefined entities and numeric references; any other entity is an error. */
export function decodeEntities(text: string, where = "xml"): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(/&([^;\s&]{0,12});/g, (_m, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) throw new InvalidDataError(`${where}: bad character reference &${ref};`);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw new InvalidDataError(`${where}: entity &${ref}; is not allowed (only the five predefined ones)`);
    return value;
  });
}

/**
 * Parses an XML document into its root element.
 * @throws InvalidDataError for malformed XML, a DOCTYPE with an internal subset, or unknown entities
 */
export function parseXml(source: string, where = "xml"): XmlElement {
  const fail = (message: string, at: number): never => {
    const line = source.slice(0, at).split("\n").length;
    throw new InvalidDataError(`${where}: ${message} (line ${line})`);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = source.length;
  while (i < n) {
    const lt = source.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = source.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1].text += decodeEntities(text, where);
      else if (text.trim()) fail("text outside the root element", i);
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith("<!--", i)) {
      const end = source.indexOf("-->", i + 4);
      if (end < 0) fail("unterminated comment", i);
      i = end + 3;
    } else if (source.startsWith("<![CDATA[", i)) {
      const end = source.indexOf("]]>", i + 9);
      if (end < 0) fail("unterminated CDATA", i);
      if (!stack.length) fail("CDATA outside the root element", i);
      stack[stack.length - 1].text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith("<?", i)) {
      const end = source.indexOf("?>", i + 2);
      if (end < 0) fail("unterminated processing instruction", i);
      i = end + 2;
    } else if (source.startsWith("<!DOCTYPE", i)) {
      const end = source.indexOf(">", i);
      if (end < 0) fail("unterminated DOCTYPE", i);
      const decl = source.slice(i, end);
      if (decl.includes("[") || /\b(SYSTEM|PUBLIC)\b/.test(decl)) fail("DOCTYPE with an internal subset or external identifier is refused", i);
      i = end + 1;
    } else if (source[i + 1] === "/") {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(source);
      if (!m) fail("bad closing tag", i);
      const open = stack.pop();
      if (!open || open.name !== localName(m![0])) fail(`closing tag </${m![0]}> does not match`, i);
      const gt = source.indexOf(">", NAME.lastIndex);
      if (gt < 0 || source.slice(NAME.lastIndex, gt).trim()) fail("bad closing tag", i);
      i = gt + 1;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(source);
      if (!m) fail("bad tag", i);
      const el: XmlElement = { name: localName(m![0]), attrs: {}, children: [], text: "" };
      let j = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = j;
        const a = ATTR.exec(source);
        if (!a) break;
        const key = a[1].startsWith("xmlns") ? a[1] : localName(a[1]);
        el.attrs[key] = decodeEntities(a[2] ?? a[3] ?? "", where);
        j = ATTR.lastIndex;
      }
      while (j < n && /\s/.test(source[j])) j++;
      let selfClosing = false;
      if (source[j] === "/") {
        selfClosing = true;
        j++;
      }
      if (source[j] !== ">") fail(`bad attribute syntax in <${m![0]}>`, j);
      i = j + 1;
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail("more than one root element", lt);
      else root = el;
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1].name}> is never closed`, n);
  if (!root) fail("no root element", 0);
  return root!;
}

/** Children of `el` with the given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child of `el` with the given local name, or undefined. */
export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/**
 * Escapes text for an XML attribute value or element content. Newlines and
 * tabs become character references so attribute values keep them; characters
 * XML 1.0 cannot carry (other control characters, lone surrogates) become U+FFFD.
 */
export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/[&<>"\n\r\t]/g, (c) =>
      c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : `&#${c.charCodeAt(0)};`,
    );
}
