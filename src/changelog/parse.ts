// Changelog files in the three forms pkgshift reads, told apart by their first line:
//   nfpm's YAML (goreleaser chglog): `- semver: 1.0.0` entries with date, packager, changes[].note, deb.urgency/distributions
//   a Debian changelog: `name (1.0-1) unstable; urgency=medium`, `  * change`, ` -- Name <mail>  Mon, 01 Jan 2024 …`
//   a markdown list: `## 1.0.0 (2024-01-05)` (or `## [1.0.0] - 2024-01-05`) headings over `- change` items
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { PkgError } from '../core/errors.js';
import type { ChangelogEntry } from '../core/model.js';

export interface ChangelogDefaults {
  /** Author of entries that name none (markdown). */
  author: string;
  /** Date of entries that give none (markdown), in seconds. */
  date: number;
}

const DEBIAN_HEAD = /^(\S+) \(([^()\s]+)\) ([^;]+);(.*)$/;
const DEBIAN_TRAILER = /^ -- (.+?) {2}(.+)$/;

export function parseChangelog(text: string, where: string, defaults: ChangelogDefaults): ChangelogEntry[] {
  const first = text.split('\n').find((l) => l.trim() && !l.startsWith('#!')) ?? '';
  const entries = DEBIAN_HEAD.test(first) ? parseDebian(text, where)
    : /^-\s+\w+:/.test(first) || /^\s*\[/.test(first) ? parseNfpmYaml(text, where)
      : parseMarkdown(text, where, defaults);
  if (entries.length === 0) throw new PkgError('input-invalid', `${where}: no changelog entry found (expected nfpm YAML, a Debian changelog or '## VERSION' headings over '- change' lines)`);
  return entries;
}

export function parseDebian(text: string, where: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let current: Partial<ChangelogEntry> & { changes: string[] } | undefined;
  text.split('\n').forEach((line, i) => {
    const head = DEBIAN_HEAD.exec(line);
    if (head) {
      current = { version: head[2]!, distribution: head[3]!.trim(), changes: [] };
      const urgency = /urgency=(\w+)/.exec(head[4]!)?.[1];
      if (urgency) current.urgency = urgency;
      return;
    }
    const trailer = DEBIAN_TRAILER.exec(line);
    if (trailer && current) {
      const date = Date.parse(trailer[2]!.trim());
      if (!Number.isFinite(date)) throw new PkgError('input-invalid', `${where} line ${i + 1}: cannot read the date '${trailer[2]}'`);
      entries.push({ ...current, author: trailer[1]!, date: Math.floor(date / 1000) } as ChangelogEntry);
      current = undefined;
      return;
    }
    if (!current || !line.trim()) return;
    addChange(current.changes, line);
  });
  if (current) throw new PkgError('input-invalid', `${where}: the entry for ${current.version} has no ' -- Name <email>  date' line`);
  return entries;
}

/** A `* item` / `- item` line starts a change; an indented line continues the last one. */
function addChange(changes: string[], line: string): void {
  const item = /^\s*[*-]\s+(.*)$/.exec(line);
  if (item || changes.length === 0) changes.push((item?.[1] ?? line).trim());
  else changes[changes.length - 1] += `\n${line.trim()}`;
}

interface NfpmEntry {
  semver?: unknown;
  date?: unknown;
  packager?: unknown;
  deb?: { urgency?: unknown; distributions?: unknown };
  changes?: { note?: unknown }[];
}

function parseNfpmYaml(text: string, where: string): ChangelogEntry[] {
  let data: unknown;
  try {
    data = (createRequire(import.meta.url)('yaml') as typeof Yaml).parse(text); // loaded here only: it is slow to load
  } catch (err) {
    throw new PkgError('input-invalid', `${where}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(data)) throw new PkgError('input-invalid', `${where}: an nfpm changelog is a list of entries`);
  return (data as NfpmEntry[]).map((e, i) => {
    const at = `${where} entry ${i + 1}`;
    if (typeof e?.semver !== 'string' && typeof e?.semver !== 'number') throw new PkgError('input-invalid', `${at}: no 'semver'`);
    const date = e.date instanceof Date ? e.date.getTime() : Date.parse(String(e.date));
    if (!Number.isFinite(date)) throw new PkgError('input-invalid', `${at}: cannot read the date '${String(e.date)}'`);
    const entry: ChangelogEntry = {
      version: String(e.semver).replace(/^v/, ''),
      date: Math.floor(date / 1000),
      author: typeof e.packager === 'string' ? e.packager : '',
      changes: (e.changes ?? []).map((c) => String(c?.note ?? '').trim()).filter(Boolean),
    };
    if (typeof e.deb?.urgency === 'string') entry.urgency = e.deb.urgency;
    if (Array.isArray(e.deb?.distributions) && e.deb.distributions.length) entry.distribution = e.deb.distributions.join(' ');
    return entry;
  });
}

const MARKDOWN_HEAD = /^#{1,6}\s+\[?v?([0-9][^\]\s()]*)\]?(?:\s*(?:-|–|\()\s*(\d{4}-\d{2}-\d{2})\)?)?/;

function parseMarkdown(text: string, where: string, defaults: ChangelogDefaults): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  text.split('\n').forEach((line, i) => {
    const head = MARKDOWN_HEAD.exec(line);
    if (head) {
      const date = head[2] ? Date.parse(`${head[2]}T00:00:00Z`) / 1000 : defaults.date;
      entries.push({ version: head[1]!, date, author: defaults.author, changes: [] });
      return;
    }
    if (!line.trim() || /^#/.test(line)) return;
    const current = entries[entries.length - 1];
    if (!current) throw new PkgError('input-invalid', `${where} line ${i + 1}: a change before the first '## VERSION' heading`);
    addChange(current.changes, line);
  });
  return entries;
}
