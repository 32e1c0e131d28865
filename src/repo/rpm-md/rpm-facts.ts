// What createrepo_c reads from an rpm for the repodata (parsehdr.c, 0.17): the header's strings and
// sizes, the file list with dir/ghost types, the dependencies with its filtering, and the changelog.
import type { RpmFile } from '../../inputs/rpm/package-file.js';
import { headerFiles } from '../../inputs/rpm/file-table.js';
import { compareRpm } from '../../core/version-compare.js';
import { RPMFILE, RPMSENSE, SigTag, Tag } from '../../formats/rpm/tags.js';
import { DEPENDENCY_LISTS, type DependencyTags } from '../../formats/rpm/vocabulary.js';

export interface Dependency {
  name: string;
  flags?: string;
  epoch?: string;
  ver?: string;
  rel?: string;
  pre?: boolean;
}

export type DependencyKind = 'provides' | 'requires' | 'conflicts' | 'obsoletes' | 'suggests' | 'enhances' | 'recommends' | 'supplements';

export interface RpmFacts {
  name: string;
  arch: string;
  epoch: string;
  version: string;
  release: string;
  summary: string;
  description: string;
  packager: string;
  url: string;
  buildTime: number;
  installedSize: number;
  archiveSize: number;
  license: string;
  vendor: string;
  group: string;
  buildHost: string;
  sourceRpm: string;
  headerStart: number;
  headerEnd: number;
  dependencies: Record<DependencyKind, Dependency[]>;
  files: { path: string; type: '' | 'dir' | 'ghost' }[];
  changelog: { author: string; date: number; text: string }[];
}

/** createrepo_c's default --changelog-limit. */
const CHANGELOG_LIMIT = 10;
const LONGARCHIVESIZE = 271;

/** Files that go into primary.xml too, as yum has always expected (createrepo_c's cr_is_primary). */
export function isPrimaryFile(path: string): boolean {
  return path.startsWith('/etc/') || path === '/usr/lib/sendmail' || path.includes('bin/');
}

export function rpmFacts(rpm: RpmFile): RpmFacts {
  const h = rpm.header;
  const text = (tag: number) => h.string(tag) ?? '';
  const files = headerFiles(h).map((f) => ({
    path: f.path,
    type: (f.mode & 0o170000) === 0o040000 ? 'dir' as const : f.flags & RPMFILE.GHOST ? 'ghost' as const : '' as const,
  }));
  return {
    name: text(Tag.NAME),
    arch: text(Tag.ARCH),
    epoch: String(h.number(Tag.EPOCH) ?? 0),
    version: text(Tag.VERSION),
    release: text(Tag.RELEASE),
    summary: text(Tag.SUMMARY),
    description: text(Tag.DESCRIPTION),
    packager: text(Tag.PACKAGER),
    url: text(Tag.URL),
    buildTime: h.number(Tag.BUILDTIME) ?? 0,
    installedSize: h.number(Tag.LONGSIZE) ?? h.number(Tag.SIZE) ?? 0,
    // rpm merges the signature header's sizes into the main header when it reads a package.
    archiveSize: h.number(LONGARCHIVESIZE) ?? rpm.signature.number(SigTag.LONGARCHIVESIZE) ?? h.number(Tag.ARCHIVESIZE)
      ?? rpm.signature.number(SigTag.PAYLOADSIZE) ?? 0,
    license: text(Tag.LICENSE),
    vendor: text(Tag.VENDOR),
    group: text(Tag.GROUP),
    buildHost: text(Tag.BUILDHOST),
    sourceRpm: text(Tag.SOURCERPM),
    headerStart: rpm.payloadOffset - rpm.headerBytes.length,
    headerEnd: rpm.payloadOffset,
    dependencies: dependencies(rpm, new Set(files.map((f) => f.path))),
    files,
    changelog: changelog(rpm),
  };
}

/** createrepo_c's processing order (provides before requires: a require the package provides is left out). */
const TRIPLETS: [DependencyKind, DependencyTags][] = [
  ['provides', DEPENDENCY_LISTS.provide], ['conflicts', DEPENDENCY_LISTS.conflict], ['obsoletes', DEPENDENCY_LISTS.obsolete],
  ['requires', DEPENDENCY_LISTS.require], ['suggests', DEPENDENCY_LISTS.suggest], ['enhances', DEPENDENCY_LISTS.enhance],
  ['recommends', DEPENDENCY_LISTS.recommend], ['supplements', DEPENDENCY_LISTS.supplement],
];

const FLAG_NAMES: Record<number, string> = { 2: 'LT', 4: 'GT', 8: 'EQ', 10: 'LE', 12: 'GE' };

/** `[epoch:]version[-release]` split as cr_str_to_evr does; undefined for a non-numeric epoch. */
function splitEvr(text: string): Pick<Dependency, 'epoch' | 'ver' | 'rel'> | undefined {
  if (text === '') return {};
  const colon = text.indexOf(':');
  let epoch = '0';
  let rest = text;
  if (colon >= 0) {
    if (!/^\d*$/.test(text.slice(0, colon))) return undefined;
    epoch = text.slice(0, colon) || '0';
    rest = text.slice(colon + 1);
  }
  const dash = rest.indexOf('-');
  return dash >= 0 ? { epoch, ver: rest.slice(0, dash), rel: rest.slice(dash + 1) || undefined } : { epoch, ver: rest };
}

/**
 * The dependency lists as createrepo_c makes them: requires drop rpmlib(…), the package's own
 * primary files, what the package provides (exactly), repeats of the previous same-named require,
 * and all but the highest libc.so.6(…), which goes last; MISSINGOK requires are recommends.
 */
function dependencies(rpm: RpmFile, files: Set<string>): Record<DependencyKind, Dependency[]> {
  const out: Record<DependencyKind, Dependency[]> = {
    provides: [], requires: [], conflicts: [], obsoletes: [], suggests: [], enhances: [], recommends: [], supplements: [],
  };
  const provided = new Set<string>();
  const lastRequire = new Map<string, { flags: string; version: string; pre: boolean }>();
  for (const [kind, { name: nameTag, flags: flagsTag, version: versionTag }] of TRIPLETS) {
    const names = rpm.header.strings(nameTag);
    const flags = rpm.header.numbers(flagsTag);
    const versions = rpm.header.strings(versionTag);
    let libc: Dependency | undefined;
    names.forEach((name, i) => {
      const bits = flags[i] ?? 0;
      const flagName = FLAG_NAMES[bits & 0xf];
      const version = versions[i] ?? '';
      const key = `${name}${flagName ?? ''}${version}`;
      const pre = (bits & (RPMSENSE.PREREQ | RPMSENSE.SCRIPT_PRE | RPMSENSE.SCRIPT_POST)) !== 0;
      if (kind === 'requires') {
        if (name.startsWith('rpmlib(')) return;
        if (name.startsWith('/') && files.has(name) && isPrimaryFile(name)) return;
        if (provided.has(key)) return;
        const last = lastRequire.get(name);
        if (last && last.flags === (flagName ?? '') && last.version === version && last.pre === pre) return;
      }
      const evr = splitEvr(version);
      if (evr === undefined) return; // createrepo_c skips a dependency with a non-numeric epoch
      const dependency: Dependency = { name, ...(flagName ? { flags: flagName, ...evr } : {}) };
      if (kind === 'provides') provided.add(key);
      if (kind !== 'requires') {
        out[kind].push(dependency);
        return;
      }
      if (bits & RPMSENSE.MISSINGOK) {
        out.recommends.push(dependency);
        return;
      }
      if (pre) dependency.pre = true;
      if (name.startsWith('libc.so.6')) {
        if (!libc || compareLibc(libc.name, name) < 0) libc = dependency;
        return;
      }
      out.requires.push(dependency);
      lastRequire.set(name, { flags: flagName ?? '', version, pre });
    });
    if (libc) out.requires.push(libc);
  }
  return out;
}

/** libc.so.6 < libc.so.6() < libc.so.6(GLIBC_2.3.4) < libc.so.6(GLIBC_2.4): the version in the parentheses. */
function compareLibc(a: string, b: string): number {
  const inner = (name: string) => /\(([^)]*)\)/.exec(name)?.[1];
  const [ia, ib] = [inner(a), inner(b)];
  if (ia === undefined || ib === undefined) return ia === ib ? 0 : ia === undefined ? -1 : 1;
  const [va, vb] = [/[0-9].*$/.exec(ia)?.[0], /[0-9].*$/.exec(ib)?.[0]];
  if (va === undefined || vb === undefined) return va === vb ? 0 : va === undefined ? -1 : 1;
  return compareRpm(va, vb);
}

/** The newest CHANGELOG_LIMIT entries, oldest first; equal times made distinct as createrepo_c does. */
function changelog(rpm: RpmFile): RpmFacts['changelog'] {
  const times = rpm.header.numbers(Tag.CHANGELOGTIME);
  const names = rpm.header.strings(Tag.CHANGELOGNAME);
  const texts = rpm.header.strings(Tag.CHANGELOGTEXT);
  const count = Math.min(times.length, names.length, texts.length, CHANGELOG_LIMIT);
  const list: RpmFacts['changelog'] = [];
  let lastTime = 0;
  for (let i = 0; i < count; i++) {
    const time = times[i]!;
    const author = names[i]!;
    list.unshift({ author: author.slice(0, 1) + author.slice(1).replace(/ +$/, ''), date: time, text: texts[i]! });
    if (time === lastTime) {
      let bumped = time;
      for (let j = 1; j < list.length && list[j]!.date === bumped; j++) {
        list[j]!.date++;
        bumped++;
      }
    } else {
      lastTime = time;
    }
  }
  return list;
}
