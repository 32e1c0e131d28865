// deb control file parser (deb-control(5), docs/FORMATS.md §B2.2): one stanza of `Field: value` lines;
// a line starting with a space or tab continues the previous field. Field names are
// case-insensitive and may not repeat. Values keep their continuation lines (`\n` + the raw line)
// so that Description can be unfolded exactly; relation fields are folded with foldedValue().
import type { Relation } from '../core/model.js';
import { parseRelationList } from '../core/relations.js';

export interface ControlField {
  name: string;
  /** The first line (trimmed) followed by every continuation line as written, each after a `\n`. */
  value: string;
}

export class ControlParseError extends Error {}

export function parseControl(text: string): ControlField[] {
  const fields: ControlField[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let ended = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      if (fields.length > 0) ended = true;
      return;
    }
    if (ended) throw new ControlParseError(`line ${i + 1}: more than one stanza`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = fields[fields.length - 1];
      if (!last) throw new ControlParseError(`line ${i + 1}: continuation line before any field`);
      last.value += `\n${line}`;
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ControlParseError(`line ${i + 1}: '${line.slice(0, 40)}' is not a 'Field: value' line`);
    const name = line.slice(0, colon);
    if (/\s/.test(name)) throw new ControlParseError(`line ${i + 1}: bad field name '${name}'`);
    if (seen.has(name.toLowerCase())) throw new ControlParseError(`duplicate field '${name}'`);
    seen.add(name.toLowerCase());
    fields.push({ name, value: line.slice(colon + 1).trim() });
  });
  return fields;
}

/** A field's value with its lines folded into one (relation lists, Uploaders …). */
export function foldedValue(value: string): string {
  return value.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
}

/** Description → summary (first line) and long description with the ` .` and one-space folding undone. */
export function unfoldDescription(value: string): { summary: string; description: string } {
  const [first = '', ...rest] = value.split('\n');
  const lines = rest.map((line) => {
    const body = line.replace(/^[ \t]/, '');
    return body === '.' ? '' : body;
  });
  return { summary: first.trim(), description: lines.join('\n') };
}

/** A relation field (Depends, Pre-Depends, …), with `name:arch (op version) | alt` entries. */
export function parseRelationField(value: string): Relation[] {
  return parseRelationList(foldedValue(value));
}
