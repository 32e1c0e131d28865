// The changelog as each format carries it: a Debian changelog (deb-changelog(5)) for
// /usr/share/doc/NAME/changelog.Debian.gz, and rpm's three %changelog tag arrays.
import type { ChangelogEntry } from '../core/model.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 date in UTC, as dpkg-parsechangelog reads it: `Mon, 01 Jan 2024 00:00:00 +0000`. */
function rfc5322(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function bulleted(change: string, bullet: string, indent: string): string[] {
  return change.split('\n').map((line, i) => (i === 0 ? `${bullet}${line}` : `${indent}${line}`));
}

export function debianChangelog(source: string, entries: readonly ChangelogEntry[]): string {
  return entries.map((e) => [
    `${source} (${e.version}) ${e.distribution ?? 'unstable'}; urgency=${e.urgency ?? 'medium'}`,
    '',
    ...(e.changes.length ? e.changes : ['No changes recorded.']).flatMap((c) => bulleted(c, '  * ', '    ')),
    '',
    ` -- ${e.author}  ${rfc5322(e.date)}`,
    '',
  ].join('\n')).join('\n');
}

export interface RpmChangelog {
  /** Days only: rpmbuild stores dates without a time of day. */
  times: number[];
  /** `Name <mail> - VERSION` (the author alone for an entry without version). */
  names: string[];
  texts: string[];
}

export function rpmChangelog(entries: readonly ChangelogEntry[]): RpmChangelog {
  return {
    times: entries.map((e) => e.date - (e.date % 86400)),
    names: entries.map((e) => (e.version ? `${rpmAuthor(e.author)} - ${e.version}` : rpmAuthor(e.author))),
    texts: entries.map((e) => e.changes.flatMap((c) => bulleted(c, '- ', '  ')).join('\n')),
  };
}

/** The author as rpm names it: the Debian trailer's stand-ins for an address alone (`a@b <a@b>`) or none (`Name <>`) undone. */
function rpmAuthor(author: string): string {
  const m = /^(.*?)\s*<(.*)>$/.exec(author);
  return m && (m[2] === '' || m[1] === m[2]) ? m[1]! : author;
}
