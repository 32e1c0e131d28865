// A Packages stanza as dpkg-scanpackages writes it (Dpkg::Control, type CTRL_INDEX_PKG): the deb's
// control fields plus Filename, Size and checksums; known fields in dpkg's order, the others after
// them sorted by name; names capitalised as dpkg does; continuation lines with trailing blanks cut
// and empty or all-dot lines written as " .".
import { PkgError } from '../../core/errors.js';
import { DPKG_BINARY_HEAD, DPKG_BINARY_TAIL } from '../../formats/deb/vocabulary.js';

/** dpkg's output order for binary package index stanzas (CTRL_INDEX_PKG), lower-cased. */
const RANK = new Map<string, number>([
  ...DPKG_BINARY_HEAD, 'filename', 'size', 'md5sum', 'sha1', 'sha256', ...DPKG_BINARY_TAIL, 'description', 'tag', 'task',
].map((name, i) => [name, i]));

/** Field names dpkg capitalises other than word by word. */
const SPECIAL_NAMES = new Map(['MD5sum', 'SHA1', 'SHA256', 'SHA512', 'NotAutomatic', 'ButAutomaticUpgrades',
  'No-Support-for-Architecture-all'].map((name) => [name.toLowerCase(), name]));

export function capitalizeField(name: string): string {
  const lower = name.toLowerCase();
  return SPECIAL_NAMES.get(lower) ?? lower.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('-');
}

export type Stanza = Map<string, string>;

/** Parses a control file as Dpkg::Control does: field names case-insensitive, values with continuation lines. */
export function parseStanza(text: string, what: string): Stanza {
  const fields: Stanza = new Map();
  let current: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') {
      if (current === undefined) continue;
      break;
    }
    if (line.startsWith('#')) continue;
    const continuation = /^\s(\s*\S.*)$/.exec(line);
    if (continuation) {
      if (current === undefined) throw new PkgError('input-invalid', `${what}: a continuation line comes before any field`);
      const value = /^\.+$/.test(continuation[1]!) ? continuation[1]!.slice(1) : continuation[1]!;
      fields.set(current, `${fields.get(current)}\n${value}`);
      continue;
    }
    const m = /^(\S+?)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new PkgError('input-invalid', `${what}: '${line.slice(0, 40)}' is not a 'Field: value' line`);
    current = capitalizeField(m[1]!);
    if (fields.has(current)) throw new PkgError('input-invalid', `${what}: the field ${current} appears twice`);
    fields.set(current, m[2]!);
  }
  return fields;
}

export function renderStanza(fields: Stanza): string {
  const names = [...fields.keys()].sort((a, b) => {
    const ra = RANK.get(a.toLowerCase());
    const rb = RANK.get(b.toLowerCase());
    if (ra !== undefined && rb !== undefined) return ra - rb;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  let out = '';
  for (const name of names) {
    const [first = '', ...rest] = fields.get(name)!.split('\n');
    out += `${name}:${first.length ? ` ${first}` : ''}\n`;
    for (const line of rest) {
      const trimmed = line.replace(/\s+$/, '');
      out += trimmed === '' || /^\.+$/.test(trimmed) ? ` .${trimmed}\n` : ` ${trimmed}\n`;
    }
  }
  return out;
}
