/**
 * A small strict XML 1.0 reader for tests: walks the text character by character, so a feed or
 * sitemap that a regex would wave through (a stray '&', a mismatched close tag, a "]]>" in text,
 * a forbidden control character) fails here. No DTDs, no namespaces resolution — not needed.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside this element, concatenated. */
  text: string;
}

export class XmlError extends Error {}

const NAME_START = (c: string): boolean => /[A-Za-z_:]/.test(c) || c.charCodeAt(0) > 0x7f;
const NAME_CHAR = (c: string): boolean => NAME_START(c) || /[0-9.-]/.test(c);

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    const line = xml.slice(0, i).split('\n').length;
    throw new XmlError(
      `${msg} at line ${line}, offset ${i}: …${xml.slice(Math.max(0, i - 30), i + 30)}…`,
    );
  };
  for (let k = 0; k < xml.length; k++) {
    const code = xml.charCodeAt(k);
    if (
      (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      i = k;
      fail(`forbidden character U+${code.toString(16).padStart(4, '0')}`);
    }
  }

  const skipSpace = (): void => {
    while (i < xml.length && ' \t\r\n'.includes(xml[i]!)) i++;
  };
  const readName = (): string => {
    const start = i;
    if (!NAME_START(xml[i] ?? '')) fail('expected a name');
    while (i < xml.length && NAME_CHAR(xml[i]!)) i++;
    return xml.slice(start, i);
  };
  const decode = (raw: string): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k]!;
      if (c === '<') fail("raw '<' in text or attribute");
      if (c !== '&') {
        out += c;
        continue;
      }
      const semi = raw.indexOf(';', k);
      if (semi < 0) fail("'&' without ';'");
      const ent = raw.slice(k + 1, semi);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (named[ent] !== undefined) out += named[ent];
      else if (/^#[0-9]+$/.test(ent)) out += String.fromCodePoint(Number(ent.slice(1)));
      else if (/^#x[0-9a-fA-F]+$/.test(ent))
        out += String.fromCodePoint(parseInt(ent.slice(2), 16));
      else fail(`unknown entity &${ent};`);
      k = semi;
    }
    return out;
  };

  // Prolog: optional XML declaration, comments, whitespace.
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<?', i)) {
        const end = xml.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else return;
    }
  };
  skipMisc();

  const parseElement = (): XmlElement => {
    if (xml[i] !== '<') fail("expected '<'");
    i++;
    const name = readName();
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before attribute');
      const attr = readName();
      skipSpace();
      if (xml[i] !== '=') fail(`expected '=' after ${attr}`);
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
      const end = xml.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = decode(xml.slice(i + 1, end));
      i = end + 1;
    }
    // Content until the matching end tag.
    for (;;) {
      if (i >= xml.length) fail(`unclosed <${name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`</${close}> closes <${name}>`);
        skipSpace();
        if (xml[i] !== '>') fail("expected '>'");
        i++;
        return el;
      }
      if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        el.text += xml.slice(i + 9, end);
        i = end + 3;
      } else if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (xml[i] === '<') {
        el.children.push(parseElement());
      } else {
        const next = xml.indexOf('<', i);
        const raw = xml.slice(i, next < 0 ? xml.length : next);
        if (raw.includes(']]>')) fail("']]>' in character data");
        el.text += decode(raw);
        i = next < 0 ? xml.length : next;
      }
    }
  };

  const root = parseElement();
  skipMisc();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

/** Direct children named `name`. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.name === name);

/** The single direct child named `name`; throws if there is not exactly one. */
export function child(el: XmlElement, name: string): XmlElement {
  const found = childrenNamed(el, name);
  if (found.length !== 1)
    throw new Error(`expected one <${name}> in <${el.name}>, found ${found.length}`);
  return found[0]!;
}
