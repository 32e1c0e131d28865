// XML as libxml2 serialises createrepo_c's documents (xmlNodeDump without a document encoding):
// two-space indentation; in text only &, <, > and CR escaped; in attribute values also quotes, tabs
// and newlines, and every non-ASCII character as a hexadecimal character reference.

export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => ENTITIES[c]!);
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\n\r\t]|[^\x00-\x7f]/gu, (c) => ENTITIES[c] ?? `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;',
};

export type Attributes = [string, string | number | undefined][];

/** ` name="value"` for every attribute with a value. */
export function attributes(list: Attributes): string {
  return list.filter(([, value]) => value !== undefined).map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`).join('');
}

/** An element holding text, on one line (empty text still gets an end tag, as libxml2 writes it). */
export function textElement(indent: string, name: string, text: string, attrs: Attributes = []): string {
  return `${indent}<${name}${attributes(attrs)}>${escapeText(text)}</${name}>\n`;
}

export function emptyElement(indent: string, name: string, attrs: Attributes): string {
  return `${indent}<${name}${attributes(attrs)}/>\n`;
}
