/**
 * A small XML reader for TwiML answers, so tests check elements and attributes rather than compare strings.
 * Handles what TwiML uses: the XML declaration, elements with quoted attributes, self-closing tags, text, the
 * five named entities and numeric character references. Anything else (comments, CDATA, a doctype, a tag
 * that does not close) is an error, so a test fails instead of reading a broken document.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED[ref];
    if (named === undefined) throw new Error(`unknown entity ${whole}`);
    return named;
  });
}

const TOKEN = /<\?xml[^?]*\?>|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|[^<]+/gy;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a TwiML document into its root element; throws on anything it does not understand. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const open: XmlElement[] = [root];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(xml); match; match = TOKEN.exec(xml)) {
    const [token, closing, name, attrs, selfClosing] = match;
    const parent = open.at(-1) as XmlElement;
    if (token.startsWith('<?xml')) continue;
    if (closing) {
      if (parent.name !== closing) throw new Error(`</${closing}> closes <${parent.name}>`);
      open.pop();
    } else if (name) {
      const attributes: Record<string, string> = {};
      for (const a of (attrs ?? '').matchAll(ATTRIBUTE)) attributes[a[1] ?? ''] = decode(a[2] ?? a[3] ?? '');
      const element: XmlElement = { name, attributes, children: [] };
      parent.children.push(element);
      if (!selfClosing) open.push(element);
    } else if (token === '<') {
      throw new Error(`unsupported markup at ${match.index}: ${xml.slice(match.index, match.index + 20)}`);
    } else if (token.trim() !== '') {
      parent.children.push(decode(token));
    }
  }
  if (open.length !== 1) throw new Error(`<${open.at(-1)?.name}> is not closed`);
  const elements = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (elements.length !== 1 || root.children.length !== 1) throw new Error('a document has one root element and nothing else');
  return elements[0] as XmlElement;
}

/** The element's text, its descendants' included. */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Every descendant element with this name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.name === name ? [c] : []), ...findAll(c, name)]));
}
