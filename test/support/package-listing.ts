// Helpers for the deb/rpm input tests: the model as `pkgshift info --json` prints it, and the
// real tools' listings (`dpkg-deb -c`, `rpm -qp --qf`) parsed into comparable rows.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FileJson } from '../../src/commands/info.js';
import { CORPUS, REQUIRE_TOOLS, pkgshift, runOk } from './helpers.js';

export type InfoFile = FileJson;

export interface InfoJson {
  metadata: {
    name: string; version: { epoch?: number; upstream: string; release?: string }; arch: string;
    summary: string; description: string; maintainer?: string; vendor?: string; homepage?: string; license?: string;
    section?: string; relations: Record<string, unknown[]>; extras: Record<string, Record<string, string>>;
  };
  scripts: { phase: string; interpreter: string; convention: string; size: number; body: string }[];
  files: InfoFile[];
}

export function infoJson(file: string, extra: string[] = []): InfoJson {
  const result = pkgshift(['info', '--json', ...extra, file]);
  assert.equal(result.status, 0, `pkgshift info ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as InfoJson;
}

/** The corpus packages with this extension; skips (or fails under PKGSHIFT_REQUIRE_TOOLS=1) without a corpus. */
export function corpusFiles(t: TestContext, kind: 'debs' | 'rpms'): string[] {
  const dir = join(CORPUS, kind);
  if (!existsSync(dir)) {
    if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but the corpus ${dir} is missing`);
    t.skip(`no corpus at ${dir}`);
    return [];
  }
  return readdirSync(dir).filter((f) => f.endsWith(kind === 'debs' ? '.deb' : '.rpm')).sort().map((f) => join(dir, f));
}

const TYPE_BITS: Record<string, InfoFile['type']> = {
  '-': 'file', d: 'dir', l: 'symlink', h: 'hardlink', c: 'char-device', b: 'block-device', p: 'fifo',
};

/** `-rwsr-xr-x` → {type, permission bits}. */
export function parseModeString(text: string): { type: InfoFile['type'] | undefined; mode: number } {
  let mode = 0;
  const p = text.slice(1);
  const on = (i: number, bit: number) => { if (p[i] !== '-' && p[i] !== 'S' && p[i] !== 'T') mode |= bit; };
  [0o400, 0o200, 0o100, 0o040, 0o020, 0o010, 0o004, 0o002, 0o001].forEach((bit, i) => on(i, bit));
  if (/[sS]/.test(p[2]!)) mode |= 0o4000;
  if (/[sS]/.test(p[5]!)) mode |= 0o2000;
  if (/[tT]/.test(p[8]!)) mode |= 0o1000;
  return { type: TYPE_BITS[text[0]!], mode };
}

export interface ToolEntry {
  path: string;
  type: InfoFile['type'] | undefined;
  mode: number;
  user: string;
  group: string;
  size: number;
  /** `YYYY-MM-DD HH:MM` in UTC. */
  when: string;
  target?: string;
}

/** `TZ=UTC dpkg-deb -c` rows. */
export function dpkgListing(deb: string): ToolEntry[] {
  const out = runOk('dpkg-deb', ['-c', deb], { env: { ...process.env, TZ: 'UTC' } }).stdout;
  return out.split('\n').filter(Boolean).map((line) => {
    const m = /^(\S{10}) (\S+)\/(\S+)\s+(\d+) (\d{4}-\d\d-\d\d \d\d:\d\d) \.(\/.*?)(?: -> (.*)| link to \.(\/.*))?$/.exec(line);
    assert.ok(m, `unparsed dpkg-deb -c line: ${line}`);
    const { type, mode } = parseModeString(m[1]!);
    const path = m[6]!.replace(/\/$/, '') || '/';
    const entry: ToolEntry = { path, type, mode, user: m[2]!, group: m[3]!, size: Number(m[4]), when: m[5]! };
    if (m[7] !== undefined) entry.target = m[7];
    if (m[8] !== undefined) entry.target = m[8];
    return entry;
  });
}

export function utcMinute(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface RpmRow {
  path: string;
  mode: number;
  type: InfoFile['type'];
  user: string;
  group: string;
  size: number;
  mtime: number;
  target: string;
  flags: string;
  inode: string;
}

const RPM_KINDS: Record<number, Exclude<InfoFile['type'], 'hardlink'>> = {
  0o040000: 'dir', 0o120000: 'symlink', 0o020000: 'char-device', 0o060000: 'block-device', 0o010000: 'fifo',
};

/** `rpm -qp --qf` file rows (tab-separated, so names with spaces survive). */
export function rpmListing(rpm: string): RpmRow[] {
  const qf = '[%{FILENAMES}\\t%{FILEMODES:octal}\\t%{FILEUSERNAME}\\t%{FILEGROUPNAME}\\t%{FILESIZES}\\t%{FILEMTIMES}\\t%{FILELINKTOS}\\t%{FILEFLAGS:fflags}\\t%{FILEDEVICES}:%{FILEINODES}\\n]';
  const out = runOk('rpm', ['-qp', '--nosignature', '--qf', qf, rpm]).stdout;
  return out.split('\n').filter(Boolean).map((line) => {
    const [path, mode, user, group, size, mtime, target, flags, inode] = line.split('\t') as [string, string, string, string, string, string, string, string, string];
    const bits = Number.parseInt(mode, 8);
    const kind = bits & 0o170000;
    const type = RPM_KINDS[kind] ?? 'file';
    return { path, mode: bits & 0o7777, type, user, group, size: Number(size), mtime: Number(mtime), target, flags, inode };
  });
}

/** One header tag as `rpm -qp --qf` prints it ('' for `(none)`). */
export function rpmTag(rpm: string, format: string): string {
  const out = runOk('rpm', ['-qp', '--nosignature', '--qf', format, rpm]).stdout;
  return out === '(none)' ? '' : out;
}
