// deb control-file text (deb-control(5), FORMATS.md §B2.2): `Name: value` lines, continuation
// lines starting with a space, empty continuation lines written as ` .` (a truly empty line would
// end the stanza), and Installed-Size computed as dpkg-gencontrol does.
import { PkgError } from '../core/errors.js';

/**
 * dpkg's order of the fields a binary package's control file and its Packages stanza share
 * (Dpkg/Control/FieldsCore.pm, CTRL_PKG_DEB and CTRL_INDEX_PKG): the head, then (in the index) the
 * file's name, size and checksums, then the tail.
 */
export const DPKG_BINARY_HEAD = [
  'package', 'package-type', 'source', 'version', 'kernel-version', 'built-for-profiles', 'auto-built-package',
  'architecture', 'subarchitecture', 'installer-menu-item', 'build-essential', 'essential', 'protected', 'origin',
  'bugs', 'maintainer', 'installed-size',
  'pre-depends', 'depends', 'recommends', 'suggests', 'enhances', 'conflicts', 'breaks', 'replaces', 'provides',
  'built-using', 'static-built-using',
] as const;
export const DPKG_BINARY_TAIL = ['section', 'priority', 'multi-arch', 'homepage'] as const;

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
