// deb input: every corpus .deb reads and `pkgshift info` agrees with dpkg-deb (-f fields, -c
// listing); debs built by the real dpkg-deb with every compression (and by hand with bzip2/lzma
// data and reordered `_` members) read back with every feature intact.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CLI, needTools, runOk, tempDir } from '../support/helpers.js';
import { corpusFiles, dpkgListing, infoJson, utcMinute, type InfoJson } from '../support/package-listing.js';
import { LONG_NAME, POSTINST, PRERM, TRIGGERS, UTF8_NAME, buildDeb, readArMembers, writeAr, writeDemoTree } from '../support/deb-build.js';

function debVersion(v: InfoJson['metadata']['version']): string {
  return `${v.epoch !== undefined ? `${v.epoch}:` : ''}${v.upstream}${v.release ? `-${v.release}` : ''}`;
}

function relationText(list: unknown[] | undefined): string {
  type R = { name: string; arch?: string; op?: string; version?: string; alternatives?: R[] };
  return (list as R[] | undefined ?? []).map((r) => [r, ...(r.alternatives ?? [])]
    .map((a) => `${a.name}${a.arch ? `:${a.arch}` : ''}${a.op ? ` (${a.op} ${a.version})` : ''}`).join(' | ')).join(', ');
}

const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/\s*([(),|])\s*/g, '$1').trim();

/** Compares the model with `dpkg-deb -f` (every field) and `dpkg-deb -c` (every entry). */
function assertAgreesWithDpkg(deb: string, info: InfoJson): void {
  const field = (name: string) => runOk('dpkg-deb', ['-f', deb, name]).stdout.replace(/\n$/, '');
  const m = info.metadata;
  assert.equal(m.name, field('Package'));
  assert.equal(debVersion(m.version), field('Version'));
  assert.equal(m.arch, field('Architecture'));
  assert.equal(m.maintainer ?? '', field('Maintainer'));
  assert.equal(m.homepage ?? '', field('Homepage'));
  assert.equal(m.section ?? '', field('Section'));
  const description = field('Description').split('\n');
  assert.equal(m.summary, description[0]);
  assert.equal(m.description, description.slice(1).map((l) => (l.slice(1) === '.' ? '' : l.slice(1))).join('\n'));
  const kinds: Record<string, string> = {
    Depends: 'depends', 'Pre-Depends': 'preDepends', Recommends: 'recommends', Suggests: 'suggests', Enhances: 'enhances',
    Conflicts: 'conflicts', Breaks: 'breaks', Provides: 'provides', Replaces: 'replaces',
  };
  for (const [name, kind] of Object.entries(kinds)) assert.equal(norm(relationText(m.relations[kind])), norm(field(name)), name);
  for (const [name, value] of Object.entries(m.extras.deb ?? {})) assert.equal(norm(value), norm(field(name)), name);

  const listing = dpkgListing(deb).filter((e) => e.path !== '/');
  const mine = new Map(info.files.map((f) => [f.path, f]));
  assert.equal(info.files.length, listing.length, 'entry count');
  const holderOf = (path: string) => {
    const f = mine.get(path)!;
    return f.type === 'hardlink' ? f.target! : path;
  };
  for (const entry of listing) {
    const f = mine.get(entry.path);
    assert.ok(f, `${entry.path} missing from the model`);
    assert.equal(Number.parseInt(f.mode, 8), entry.mode, `${entry.path} mode`);
    assert.equal(`${f.user}/${f.group}`, `${entry.user}/${entry.group}`, `${entry.path} owner`);
    assert.equal(utcMinute(f.mtime), entry.when, `${entry.path} mtime`);
    if (entry.type === 'hardlink') {
      assert.equal(holderOf(entry.path), holderOf(entry.target!), `${entry.path} hardlink set`);
    } else {
      assert.equal(f.type === 'hardlink' ? 'file' : f.type, entry.type, `${entry.path} type`);
      if (entry.type === 'file' && f.type === 'file') assert.equal(f.size, entry.size, `${entry.path} size`);
      if (entry.type === 'symlink') assert.equal(f.target, entry.target, `${entry.path} target`);
    }
  }
}

test('every corpus deb reads, and pkgshift info agrees with dpkg-deb -f and -c', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const debs = corpusFiles(t, 'debs');
  for (const deb of debs) {
    const info = infoJson(deb);
    assertAgreesWithDpkg(deb, info);
    const conffiles = runOk('sh', ['-c', `dpkg-deb --ctrl-tarfile '${deb}' | tar -xOf - ./conffiles 2>/dev/null || true`]).stdout
      .split('\n').filter(Boolean);
    const configs = info.files.filter((f) => f.flags?.includes('config')).map((f) => f.path);
    assert.deepEqual(configs.sort(), conffiles.sort(), `${deb} conffiles`);
    const scripts = runOk('sh', ['-c', `dpkg-deb --ctrl-tarfile '${deb}' | tar -tf - | sed 's|^\\./||'`]).stdout.split('\n');
    const phases: Record<string, string> = { preinst: 'preInstall', postinst: 'postInstall', prerm: 'preRemove', postrm: 'postRemove' };
    assert.deepEqual(info.scripts.map((s) => s.phase).sort(),
      scripts.filter((s) => phases[s]).map((s) => phases[s]!).sort(), `${deb} scripts`);
  }
  if (debs.length) assert.ok(debs.length >= 10);
});

test('the text form of info lists metadata, relations, scripts and files', (t) => {
  const [cron] = corpusFiles(t, 'debs').filter((f) => f.includes('/cron_'));
  if (!cron) return;
  const text = runOk(process.execPath, [CLI, 'info', cron]).stdout;
  assert.match(text, /^Package: +cron$/m);
  assert.match(text, /^Version: +3\.0pl1-162$/m);
  assert.match(text, /preDepends: init-system-helpers \(>= 1\.54~\), cron-daemon-common/);
  assert.match(text, /postInstall +\/bin\/sh +\d+ bytes/);
  assert.match(text, /-rw-r--r-- root\/root +955 \d{4}-\d\d-\d\d \d\d:\d\d \/etc\/default\/cron \[config,noreplace\]/);
});

test('debs built by dpkg-deb with every compression read back with every feature', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const dir = tempDir(t);
  const root = join(dir, 'root');
  writeDemoTree(root);
  let first: InfoJson | undefined;
  for (const z of ['xz', 'gzip', 'zstd', 'none']) {
    const deb = buildDeb(root, join(dir, `demo-${z}.deb`), z);
    const info = infoJson(deb);
    assertAgreesWithDpkg(deb, info);
    const m = info.metadata;
    assert.deepEqual(m.version, { epoch: 2, upstream: '1.2.3~rc1', release: '4' });
    assert.equal(m.summary, 'a demo package for the reader tests');
    assert.equal(m.description, 'First paragraph of the long description,\non two lines.\n\n  Indented verbatim line.\n\nLast paragraph.');
    assert.deepEqual(m.relations.depends, [
      { name: 'libc6', op: '>=', version: '2.34' },
      { name: 'python3', arch: 'any', alternatives: [{ name: 'perl', op: '>>', version: '5.30' }] },
    ]);
    assert.equal(m.extras.deb?.['X-Custom-Field'], 'custom value\n continued here');
    assert.equal(m.extras.deb?.Priority, 'optional');
    assert.equal(m.extras.deb?.['Installed-Size'], undefined, 'Installed-Size is regenerated, not kept');
    assert.deepEqual(m.extras['deb-control-files'], { triggers: TRIGGERS });
    assert.deepEqual(info.scripts.map((s) => [s.phase, s.interpreter, s.convention, s.body]), [
      ['postInstall', '/usr/bin/perl', 'deb', POSTINST], ['preRemove', '/bin/sh', 'deb', PRERM]]);
    const byPath = new Map(info.files.map((f) => [f.path, f]));
    assert.deepEqual(byPath.get('/etc/demo/demo.conf')?.flags, ['config', 'noreplace']);
    assert.equal(byPath.get('/usr/bin/demo-suid')?.mode, '4755');
    assert.equal(byPath.get('/var/spool/demo')?.mode, '1777');
    assert.deepEqual([byPath.get('/var/lib/demo')?.mode, byPath.get('/var/lib/demo')?.group], ['2775', 'staff']);
    assert.deepEqual([byPath.get('/usr/share/demo/data.bin')?.user, byPath.get('/usr/share/demo/data.bin')?.uid], ['daemon', 1]);
    assert.equal(byPath.get(`/${LONG_NAME}`)?.size, 'long name content\n'.length);
    assert.equal(byPath.get(`/${UTF8_NAME}`)?.type, 'file');
    assert.equal(byPath.get('/usr/bin/demo-symlink')?.target, 'demo');
    const links = ['/usr/bin/demo', '/usr/bin/demo-hardlink'].map((p) => byPath.get(p)!);
    assert.deepEqual(links.map((l) => l.type).sort(), ['file', 'hardlink']);
    // The same package in every compression gives the same model.
    if (first) assert.deepEqual(info, first);
    first ??= info;
  }
});

test('hand-built debs: bzip2 and lzma data.tar, gzip control.tar, _ members between, extra members after', (t) => {
  if (!needTools(t, 'dpkg-deb', 'bzip2', 'xz')) return;
  const dir = tempDir(t);
  const root = join(dir, 'root');
  writeDemoTree(root);
  const plain = buildDeb(root, join(dir, 'plain.deb'), 'none');
  const expected = infoJson(plain);
  const members = readArMembers(plain);
  const control = members.find((m) => m.name === 'control.tar')!.data;
  const data = members.find((m) => m.name === 'data.tar')!.data;
  const squeeze = (tool: string, args: string[], input: Buffer) => {
    writeFileSync(join(dir, 'in'), input);
    runOk('sh', ['-c', `${tool} ${args.join(' ')} < '${join(dir, 'in')}' > '${join(dir, 'out')}'`]);
    return readFileSync(join(dir, 'out'));
  };
  const variants: [string, { name: string; data: Buffer }[]][] = [
    ['bzip2', [{ name: 'control.tar.gz', data: squeeze('gzip', ['-9n'], control) }, { name: 'data.tar.bz2', data: squeeze('bzip2', [], data) }]],
    ['lzma', [{ name: 'control.tar.xz', data: squeeze('xz', [], control) }, { name: '_gpgbuilder', data: Buffer.from('sig\n') },
      { name: 'data.tar.lzma', data: squeeze('xz', ['--format=lzma'], data) }, { name: 'extra-member', data: Buffer.from('ignored') }]],
  ];
  for (const [label, parts] of variants) {
    const deb = join(dir, `${label}.deb`);
    writeAr(deb, [{ name: 'debian-binary', data: Buffer.from('2.0\n') }, ...parts]);
    runOk('dpkg-deb', ['-c', deb]); // the real tool accepts it too
    assert.deepEqual(infoJson(deb), expected, label);
  }
});
