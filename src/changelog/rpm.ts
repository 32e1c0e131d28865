// rpm's %changelog: three parallel header arrays (CHANGELOGTIME, CHANGELOGNAME, CHANGELOGTEXT), kept
// verbatim in an rpm input's extras as `rpm -q --changelog` prints them, and read as neutral entries
// for a deb's changelog.Debian.gz. An entry's name is `Name <mail> - VERSION` by convention, but rpm
// checks nothing: `Name <mail> VERSION`, a bare address, or no version at all are all found in the wild.
import type { ChangelogEntry } from '../core/model.js';

export interface RpmChangelogRecord {
  /** Seconds; rpmbuild keeps the day only. */
  time: number;
  name: string;
  text: string;
}

/** `* Www Mmm dd yyyy NAME` + text lines, entries separated by blank lines, as `rpm -q --changelog` prints them. */
export function rpmChangelogText(records: readonly RpmChangelogRecord[]): string {
  return records.map(({ time, name, text }) => {
    const date = new Date(time * 1000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+).*$/, '$1 $3 $2 $4');
    return `* ${date} ${name}\n${text}`;
  }).join('\n\n');
}

const ENTRY_HEAD = /^\* \w{3} (\w{3}) (\d{1,2}) (\d{4}) (.*)$/;

/** The inverse of rpmChangelogText. */
export function parseRpmChangelogText(text: string): RpmChangelogRecord[] {
  return text.split(/\n\n(?=\* \w{3} \w{3} \d)/).flatMap((entry) => {
    const [head = '', ...body] = entry.split('\n');
    const m = ENTRY_HEAD.exec(head);
    if (!m) return [];
    const time = Date.parse(`${m[2]} ${m[1]} ${m[3]} 12:00:00 UTC`) / 1000;
    return Number.isFinite(time) ? [{ time: time - (time % 86400), name: m[4]!, text: body.join('\n') }] : [];
  });
}

/** `NAME [-] VERSION` where VERSION starts with a digit (or an epoch) and has no blank. */
const NAME_VERSION = /^(.*?)\s+(?:-\s+)?((?:\d+:)?\d[^\s]*)$/;

/** Neutral entries; `version` is empty when the name gives none (the deb writer fills it in). */
export function entriesFromRpm(records: readonly RpmChangelogRecord[]): ChangelogEntry[] {
  return records.map(({ time, name, text }) => {
    const m = NAME_VERSION.exec(name.trim());
    return { version: m?.[2] ?? '', date: time, author: (m?.[1] ?? name).trim(), changes: changesOf(text) };
  });
}

/** `- change` lines start a change; every other line (indented continuations, `* sub-items`) continues it. */
function changesOf(text: string): string[] {
  const changes: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const item = /^-\s*(.*)$/.exec(line);
    if (item || changes.length === 0) changes.push((item?.[1] ?? line).trim());
    else changes[changes.length - 1] += `\n${line.trim()}`;
  }
  return changes;
}
