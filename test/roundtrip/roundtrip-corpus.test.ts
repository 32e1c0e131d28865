// Round trips on the real-world corpus (issues 5 and 7): rpm → rpm, deb → rpm → deb and rpm → deb → rpm
// keep every neutral field: identity, descriptions, maintainer, vendor, homepage, relations (as
// translated, README "What conversion changes"), config files, scripts, and every file's type, mode,
// owner, mtime, size, link target and content.
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import test from 'node:test';
import { isWellFormedMaintainer } from '../../src/core/maintainer.js';
import { formatDebRelation } from '../../src/core/relations.js';
import type { Relation } from '../../src/core/model.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { corpusFiles, infoJson, type InfoJson } from '../support/package-listing.js';

/**
 * The translation under test, with the input's own relations kept (`--deps keep`): the default policy
 * between deb and rpm replaces them with what the content needs (tested in interop/deps-*.test.ts).
 */
function convert(input: string, target: string, out: string): string {
  const result = pkgshift(['-t', target, '-p', out, '--no-lint', '--deps', 'keep', input]);
  assert.equal(result.status, 0, `${basename(input)} → ${target}: ${result.stderr}`);
  return out;
}

/**
 * The metadata fields named, as they come out of a writer: rpm needs a release (`1` when none), and
 * an rpm with no description repeats its summary (as rpmbuild requires a %description).
 */
function identity(info: InfoJson, keys: string[]) {
  const m = { ...info.metadata, version: { release: '1', ...info.metadata.version } } as unknown as Record<string, unknown>;
  if (!m.description) m.description = m.summary;
  return Object.fromEntries(keys.map((k) => [k, m[k]]));
}

/** Files other than directories, with what must survive; directories by path only (rpm owns fewer). */
function fileRows(info: InfoJson): string[] {
  return info.files.map((f) => f.type === 'dir' ? `dir ${f.path}`
    : [f.type, f.path, f.mode, f.user, f.group, f.mtime, f.size, f.target ?? ''].join(' '));
}

/** Config files that are regular files (dpkg takes no others as conffiles). */
function configFiles(info: InfoJson): string[] {
  return info.files.filter((f) => f.flags?.includes('config') && (f.type === 'file' || f.type === 'hardlink')).map((f) => f.path).sort();
}

/** No directory appears from nowhere, and every directory that holds something survives (rpm owns no empty system dirs). */
function assertDirectoriesKept(before: InfoJson, after: InfoJson): void {
  const dirs = (i: InfoJson) => i.files.filter((f) => f.type === 'dir').map((f) => f.path);
  const original = new Set(dirs(before));
  assert.deepEqual(dirs(after).filter((d) => !original.has(d)), [], 'no new directories');
  const holding = [...original].filter((d) => before.files.some((f) => f.path.startsWith(`${d}/`)));
  const kept = new Set(dirs(after));
  assert.deepEqual(holding.filter((d) => !kept.has(d)), [], 'directories holding files');
}

function relations(info: InfoJson, kinds: string[]): Record<string, string[]> {
  const r = info.metadata.relations as Record<string, Relation[]>;
  return Object.fromEntries(kinds.map((k) => [k, (r[k] ?? []).map(formatDebRelation).sort()]));
}

function scripts(info: InfoJson) {
  return info.scripts.map((s) => ({ phase: s.phase, interpreter: s.interpreter, body: s.body.replace(/\n*$/, '\n') }));
}

/** Content digests of every regular file, by path, as the real tool lists them. */
function debContent(deb: string, dir: string): string {
  const root = join(dir, `files-of-${basename(deb)}`);
  runOk('dpkg-deb', ['-x', deb, root]);
  return runOk('sh', ['-c', `cd '${root}' && find . -type f -print0 | sort -z | xargs -0r md5sum`]).stdout;
}

function rpmContent(rpm: string, dir: string): string {
  const root = join(dir, `files-of-${basename(rpm)}`);
  runOk('sh', ['-c', `mkdir -p '${root}' && cd '${root}' && rpm2cpio '${rpm}' | cpio -idm --quiet --no-absolute-filenames && find . -type f -print0 | sort -z | xargs -0r md5sum`]);
  return runOk('sh', ['-c', `cd '${root}' && find . -type f -print0 | sort -z | xargs -0r md5sum`]).stdout;
}

const SAME_KINDS = ['depends', 'preDepends', 'recommends', 'suggests', 'enhances', 'provides', 'conflicts', 'obsoletes', 'supplements'];

test('rpm → rpm keeps every field, file and script', async (t) => {
  if (!needTools(t, 'rpm', 'rpm2cpio', 'cpio')) return;
  for (const rpm of corpusFiles(t, 'rpms')) {
    await t.test(basename(rpm), (st) => {
      const dir = tempDir(st);
      const again = convert(rpm, 'rpm', join(dir, 'again.rpm'));
      const [a, b] = [infoJson(rpm), infoJson(again)];
      const keys = ['name', 'version', 'arch', 'summary', 'description', 'maintainer', 'vendor', 'homepage', 'license'];
      assert.deepEqual(identity(b, keys), identity(a, keys));
      assert.deepEqual(relations(b, SAME_KINDS), relations(a, SAME_KINDS));
      assert.deepEqual(b.metadata.extras.rpm?.Group, a.metadata.extras.rpm?.Group);
      if (a.metadata.extras.rpm?.Changelog) assert.equal(b.metadata.extras.rpm?.Changelog, a.metadata.extras.rpm.Changelog);
      assert.deepEqual(scripts(b), scripts(a));
      assert.deepEqual(configFiles(b), configFiles(a));
      const nonDirs = (i: InfoJson) => fileRows(i).filter((r) => !r.startsWith('dir '));
      assert.deepEqual(nonDirs(b), nonDirs(a));
      assert.equal(rpmContent(again, dir), rpmContent(rpm, dir));
    });
  }
});

test('deb → rpm → deb keeps every neutral field, file and script', async (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  for (const deb of corpusFiles(t, 'debs')) {
    await t.test(basename(deb), (st) => {
      const dir = tempDir(st);
      const back = convert(convert(deb, 'rpm', join(dir, 'via.rpm')), 'deb', join(dir, 'back.deb'));
      const [a, b] = [infoJson(deb), infoJson(back)];
      const keys = ['name', 'version', 'arch', 'summary', 'description', 'maintainer', 'homepage'];
      assert.deepEqual(identity(b, keys), identity(a, keys));
      // Translated as documented: Breaks become Conflicts, a Replaces survives only beside a Conflicts/Breaks.
      // The rpm's Requires(pre)/(post) on the Essential packages whose commands the scripts run (README
      // "What deb scripts get under rpm") do not come back: Debian has them implicitly.
      const kept = ['depends', 'preDepends', 'recommends', 'suggests', 'enhances', 'provides'];
      assert.deepEqual(relations(b, kept), relations(a, kept));
      const before = relations(a, ['conflicts', 'breaks', 'replaces']);
      const after = relations(b, ['conflicts', 'replaces']);
      assert.deepEqual(after.conflicts, [...new Set([...before.conflicts!, ...before.breaks!, ...after.replaces!])].sort());
      const replacing = new Set([...before.conflicts!, ...before.breaks!].map((r) => r.split(' ')[0]));
      assert.deepEqual(after.replaces, before.replaces!.filter((r) => replacing.has(r.split(' ')[0])));
      assert.deepEqual(scripts(b), scripts(a));
      assert.deepEqual(configFiles(b), configFiles(a));
      const nonDirs = (i: InfoJson) => fileRows(i).filter((r) => !r.startsWith('dir '));
      assert.deepEqual(nonDirs(b), nonDirs(a));
      assertDirectoriesKept(a, b);
      assert.equal(debContent(back, dir), debContent(deb, dir));
    });
  }
});

test('rpm → deb → rpm keeps every field deb can carry, every file and script', async (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpm', 'rpm2cpio', 'cpio')) return;
  for (const rpm of corpusFiles(t, 'rpms')) {
    await t.test(basename(rpm), (st) => {
      const dir = tempDir(st);
      const back = convert(convert(rpm, 'deb', join(dir, 'via.deb')), 'rpm', join(dir, 'back.rpm'));
      const [a, b] = [infoJson(rpm), infoJson(back)];
      // deb has no License field: the license travels in the copyright file the deb output generates. Group is lost.
      // A Packager that is not `Name <email>` cannot be a deb Maintainer (Policy 5.6.2): it is not carried.
      const keys = ['name', 'version', 'arch', 'summary', 'description', 'maintainer', 'vendor', 'homepage', 'license'];
      const expected = identity(a, keys);
      if (typeof expected.maintainer === 'string' && !isWellFormedMaintainer(expected.maintainer)) expected.maintainer = undefined;
      assert.deepEqual(identity(b, keys), expected);
      const debNames = (list: string[]) => list.filter((r) => /^[a-z0-9][a-z0-9+.-]+( |$)/.test(r));
      // rpm `= 4.8.15` (any release) became deb `(= 4.8.15)` (revision 0), which comes back in its rpm form `= 4.8.15-0`.
      const debMeaning = (list: string[]) => list.map((r) => r.replace(/^([^ ]+ \((?:=|<=|>>) [^-)]+)-0\)$/, '$1)'));
      for (const kind of ['depends', 'preDepends', 'recommends', 'suggests', 'enhances', 'obsoletes']) {
        assert.deepEqual(debMeaning(relations(b, [kind])[kind]!), debNames(relations(a, [kind])[kind]!), kind);
      }
      // An rpm Obsoletes is a deb Conflicts + Replaces, which comes back as Conflicts + Obsoletes.
      const { conflicts, obsoletes } = relations(a, ['conflicts', 'obsoletes']);
      assert.deepEqual(relations(b, ['conflicts']).conflicts, debNames([...new Set([...conflicts!, ...obsoletes!])].sort()));
      const droppedInDeb = new Set(['verify', 'preTransaction', 'postTransaction']);
      assert.deepEqual(scripts(b), scripts(a).filter((s) => !droppedInDeb.has(s.phase) && s.interpreter !== '<lua>'));
      assert.deepEqual(configFiles(b), configFiles(a).filter((p) => !a.files.find((f) => f.path === p)?.flags?.includes('ghost')));
      const ghosts = new Set(a.files.filter((f) => f.flags?.includes('ghost')).map((f) => f.path));
      // The deb gets a changelog.Debian.gz (README "Changelogs"), which the rpm read back ships as a file; a
      // native deb (rpm release 0 is one) a changelog.gz.
      const native = (a.metadata.version as { release?: string }).release === '0';
      const changelog = `/usr/share/doc/${a.metadata.name as string}/${native ? 'changelog.gz' : 'changelog.Debian.gz'}`;
      const nonDirs = (i: InfoJson) => fileRows(i).filter((r) => !r.startsWith('dir ') && !ghosts.has(r.split(' ')[1]!));
      assert.deepEqual(nonDirs(b).filter((r) => r.split(' ')[1] !== changelog), nonDirs(a));
      const content = rpmContent(back, dir).split('\n').filter((line) => !line.endsWith(` .${changelog}`)).join('\n');
      assert.equal(content, rpmContent(rpm, dir));
    });
  }
});
