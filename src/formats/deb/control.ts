// The deb control-file codec (deb-control(5), docs/FORMATS.md §B2.2), read and written in one place:
// one stanza of `Name: value` lines, continuation lines starting with a space (or tab), empty
// continuation lines written as ` .` (a truly empty line would end the stanza), the Description's
// folding, md5sums lines, and Installed-Size computed as dpkg-gencontrol does.
import { PkgError } from '../../core/errors.js';

/** A field as written or read: the value's continuation lines follow its first line after `\n`. */
export type ControlField = readonly [name: string, value: string];

/**
 * deb-control(5): a field name is US-ASCII `!`..`9` and `;`..`~` (no space, no colon, no control
 * characters), not starting with `#` (comment) or `-` (PGP armour).
 */
const FIELD_NAME = /^[!-9;-~]+$/;

export function checkFieldName(name: string): void {
  if (!FIELD_NAME.test(name) || name.startsWith('#') || name.startsWith('-')) {
    throw new PkgError('metadata-invalid', `'${name}' is not a valid control field name (US-ASCII without space or ':', not starting with '#' or '-')`);
  }
}

/**
 * One control stanza. A value may span lines: its first line follows `Name: ` (and may be empty,
 * as `Conffiles:` is), each further line is indented by a space, blank ones become ` .`.
 * Field names are case-insensitive, so a repeated name in any case is refused.
 */
export function formatControl(fields: readonly ControlField[]): string {
  const seen = new Set<string>();
  let text = '';
  for (const [name, value] of fields) {
    checkFieldName(name);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new PkgError('metadata-invalid', `control field '${name}' is given twice`);
    seen.add(key);
    const [first = '', ...rest] = value.replace(/\r\n?/g, '\n').split('\n');
    if (first.trim() === '' && rest.length === 0) {
      throw new PkgError('metadata-invalid', `control field '${name}' has an empty value`);
    }
    text += `${name}: ${first.trim()}\n`.replace(/: \n$/, ':\n');
    for (const line of rest) text += line.trim() === '' ? ' .\n' : ` ${line.replace(/\s+$/, '')}\n`;
  }
  return text;
}

/**
 * The Description value: the synopsis (one line), then the extended description line by line.
 * Surrounding blank lines of the extended text are dropped; inner ones become ` .` in formatControl.
 * Lines already starting with a space stay "verbatim" lines (two spaces after formatting).
 */
export function descriptionValue(synopsis: string, extended: string): string {
  const summary = synopsis.replace(/\s+/g, ' ').trim();
  const body = extended.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
  return body ? `${summary}\n${body}` : summary;
}

/** An object as Installed-Size counts it. */
export interface SizedObject {
  type: 'file' | 'symlink' | 'hardlink' | 'dir' | string;
  /** Content bytes for files; for symlinks the byte length of the target (what lstat reports). */
  size: number;
}

/**
 * Installed-Size in KiB, by dpkg-gencontrol's rule (deb-substvars(5)): regular files and symlinks
 * count their size rounded up to whole KiB, every other object (directories, the package root
 * itself) 1 KiB; a hardlinked inode is counted once (its other links add nothing).
 */
export function installedSizeKiB(objects: Iterable<SizedObject>, countRoot = true): number {
  let total = countRoot ? 1 : 0;
  for (const object of objects) {
    if (object.type === 'file' || object.type === 'symlink') total += Math.ceil(object.size / 1024);
    else if (object.type !== 'hardlink') total += 1;
  }
  return total;
}

export class ControlParseError extends Error {}

/**
 * Parses one stanza. Field names are case-insensitive and may not repeat. A value keeps its
 * continuation lines as written (`\n` + the raw line), so that Description unfolds exactly and
 * fields the reader does not model are written back unchanged.
 */
export function parseControl(text: string): ControlField[] {
  const fields: [string, string][] = [];
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
      last[1] += `\n${line}`;
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ControlParseError(`line ${i + 1}: '${line.slice(0, 40)}' is not a 'Field: value' line`);
    const name = line.slice(0, colon);
    if (/\s/.test(name)) throw new ControlParseError(`line ${i + 1}: bad field name '${name}'`);
    if (seen.has(name.toLowerCase())) throw new ControlParseError(`duplicate field '${name}'`);
    seen.add(name.toLowerCase());
    fields.push([name, line.slice(colon + 1).trim()]);
  });
  return fields;
}

/** A field's value with its lines folded into one (relation lists, Uploaders …). */
export function foldedValue(value: string): string {
  return value.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
}

/** The inverse of descriptionValue + formatControl: summary (first line) and long description, ` .` and one-space indent undone. */
export function unfoldDescription(value: string): { summary: string; description: string } {
  const [first = '', ...rest] = value.split('\n');
  return { summary: first.trim(), description: rest.map(unindented).join('\n') };
}

/** A continuation line as written in control-file form, without its one-space indent; ` .` is an empty line. */
export function unindented(line: string): string {
  const body = line.replace(/^[ \t]/, '');
  return body === '.' ? '' : body;
}

/**
 * A value in control-file form (as the deb input keeps unknown fields) as plain text: continuation
 * lines without their one-space indent, ` .` an empty line. formatControl does the reverse.
 */
export function fromControlForm(value: string): string {
  const [first = '', ...rest] = value.split('\n');
  return [first, ...rest.map(unindented)].join('\n');
}

/** An md5sums line: `<md5>  <path without the leading />`, as dh_md5sums writes it. */
export function md5sumsLine(md5: string, path: string): string {
  return `${md5}  ${path.replace(/^\//, '')}\n`;
}

/** The digest and the absolute path of an md5sums line (one or two spaces, or ` *`), or undefined. */
export function parseMd5sumsLine(line: string): { md5: string; path: string } | undefined {
  const m = /^([0-9a-fA-F]{32}) [ *]?(.+)$/.exec(line);
  return m ? { md5: m[1]!.toLowerCase(), path: `/${m[2]!.replace(/^\.?\//, '')}` } : undefined;
}
