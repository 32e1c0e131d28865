// rpm input: every corpus .rpm reads and `pkgshift info` agrees with `rpm -qp --qf`; packages built
// by the real rpmbuild with every payload compression read back with every feature intact.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CLI, needTools, runOk, tempDir } from '../support/helpers.js';
import { corpusFiles, infoJson, rpmListing, rpmTag, type InfoJson } from '../support/package-listing.js';
import { DEMO_SPEC, buildRpm } from '../support/rpm-build.js';

const FFLAGS: Record<string, string> = { c: 'config', d: 'doc', g: 'ghost', l: 'license', m: 'missingok', n: 'noreplace', r: 'doc' };

type R = { name: string; op?: string; version?: string; alternatives?: R[] };
const OPS: Record<string, string> = { '<<': '<', '<=': '<=', '=': '=', '>=': '>=', '>>': '>' };
const rpmRelation = (r: R): string => {
  const one = (a: R) => `${a.name}${a.op ? ` ${OPS[a.op]} ${a.version}` : ''}`;
  return r.alternatives ? `(${[r, ...r.alternatives].map(one).join(' or ')})` : one(r);
};

/** Compares the model with what rpm itself reads from the package. */
function assertAgreesWithRpm(rpm: string, info: InfoJson): void {
  const m = info.metadata;
  const tag = (name: string) => rpmTag(rpm, `%{${name}}`);
  assert.equal(m.name, tag('NAME'));
  assert.equal(m.version.upstream, tag('VERSION'));
  assert.equal(m.version.release ?? '', tag('RELEASE'));
  assert.equal(m.version.epoch === undefined ? '' : String(m.version.epoch), tag('EPOCH'));
  assert.equal(m.summary, tag('SUMMARY'));
  assert.equal(m.description, tag('DESCRIPTION'));
  assert.equal(m.maintainer ?? '', tag('PACKAGER'));
  assert.equal(m.vendor ?? '', tag('VENDOR'));
  assert.equal(m.homepage ?? '', tag('URL'));
  assert.equal(m.license ?? '', tag('LICENSE'));
  assert.equal(m.extras.rpm?.Group ?? '', tag('GROUP'));
  const arch = tag('ARCH');
  assert.equal(m.arch, ({ noarch: 'all', x86_64: 'amd64', i386: 'i386', i686: 'i386' } as Record<string, string>)[arch] ?? arch);

  // Relations: everything rpm lists except what writers regenerate (rpmlib(), config(NAME),
  // the self-provide and its arch-qualified twin NAME(x86-64), scriptlet-interpreter requires).
  const sense = (flags: number) => ['', '<', '>', '', '=', '<=', '>=', '='][(flags >> 1) & 7] ?? '';
  const deps = (prefix: string) => rpmTag(rpm, `[%{${prefix}NAME}\\t%{${prefix}FLAGS}\\t%{${prefix}VERSION}\\n]`)
    .split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string, string]);
  const expectRelations = (prefix: string, kinds: string[], keep: (name: string, flags: number) => boolean) => {
    const want = new Set(deps(prefix).filter(([n, f]) => keep(n, Number(f)))
      .map(([n, f, v]) => (sense(Number(f)) && v ? `${n} ${sense(Number(f))} ${v}` : n)));
    const have = new Set(kinds.flatMap((k) => (m.relations[k] as R[] | undefined ?? []).map(rpmRelation)));
    assert.deepEqual([...have].sort(), [...want].sort(), `${prefix} of ${rpm}`);
  };
  expectRelations('REQUIRE', ['depends', 'preDepends'], (n, f) => !n.startsWith('rpmlib(') && n !== `config(${m.name})` && !(f & 256));
  const isa = new RegExp(`^${m.name.replace(/[.+]/g, '\\$&')}\\(\\w+-(32|64)\\)$`);
  expectRelations('PROVIDE', ['provides'], (n) => n !== m.name && n !== `config(${m.name})` && !isa.test(n));
  expectRelations('CONFLICT', ['conflicts'], () => true);
  expectRelations('OBSOLETE', ['obsoletes'], () => true);
  expectRelations('RECOMMEND', ['recommends'], () => true);
  expectRelations('SUGGEST', ['suggests'], () => true);

  // Scripts with their interpreters.
  const scripts: [string, string][] = [['preTransaction', 'PRETRANS'], ['preInstall', 'PREIN'], ['postInstall', 'POSTIN'],
    ['preRemove', 'PREUN'], ['postRemove', 'POSTUN'], ['postTransaction', 'POSTTRANS'], ['verify', 'VERIFYSCRIPT']];
  for (const [phase, name] of scripts) {
    const body = tag(name);
    const prog = rpmTag(rpm, `[%{${name}PROG}\\n]`).split('\n')[0] ?? '';
    const mine = info.scripts.find((s) => s.phase === phase);
    if (!body && !prog) {
      assert.equal(mine, undefined, `${rpm} has no ${name}`);
      continue;
    }
    assert.ok(mine, `${rpm} ${name}`);
    assert.equal(mine.interpreter, prog && prog !== '(none)' ? prog : '/bin/sh', `${rpm} ${name} interpreter`);
    assert.equal(mine.body, body, `${rpm} ${name} body`);
    assert.equal(mine.convention, 'rpm');
  }

  // Files: every header entry with its mode, owners, size, mtime, link target, flags, hardlink set.
  const rows = rpmListing(rpm);
  const mine = new Map(info.files.map((f) => [f.path, f]));
  assert.equal(info.files.length, rows.length, `${rpm} file count`);
  const holder = (path: string) => (mine.get(path)?.type === 'hardlink' ? mine.get(path)!.target! : path);
  const sets = new Map<string, Set<string>>();
  for (const row of rows) {
    const f = mine.get(row.path);
    assert.ok(f, `${row.path} missing`);
    assert.equal(Number.parseInt(f.mode, 8), row.mode, `${row.path} mode`);
    assert.equal(f.type === 'hardlink' ? 'file' : f.type, row.type, `${row.path} type`);
    assert.deepEqual([f.user, f.group], [row.user, row.group], `${row.path} owner`);
    assert.equal(f.mtime, row.mtime, `${row.path} mtime`);
    if (f.type === 'file' && !row.flags.includes('g')) assert.equal(f.size, row.size, `${row.path} size`);
    if (row.type === 'symlink') assert.equal(f.target, row.target, `${row.path} target`);
    const flags = [...new Set([...row.flags].map((c) => FFLAGS[c]).filter(Boolean))].sort();
    assert.deepEqual(f.flags ?? [], flags, `${row.path} flags`);
    if (row.type === 'file' && !row.flags.includes('g')) sets.set(row.inode, (sets.get(row.inode) ?? new Set()).add(holder(row.path)));
  }
  for (const [inode, holders] of sets) assert.equal(holders.size, 1, `hardlink set ${inode} of ${rpm} has one holder`);
}

test('every corpus rpm reads, and pkgshift info agrees with rpm -qp', (t) => {
  if (!needTools(t, 'rpm')) return;
  const rpms = corpusFiles(t, 'rpms');
  for (const rpm of rpms) assertAgreesWithRpm(rpm, infoJson(rpm));
  if (rpms.length) assert.ok(rpms.length >= 9);
});

test('corpus rpm details: hardlink sets, ghosts, triggers-free scripts, changelog', (t) => {
  const rpms = corpusFiles(t, 'rpms');
  const find = (prefix: string) => rpms.find((f) => f.includes(`/${prefix}`));
  const hlink = find('hlinktest-');
  if (!hlink) return;
  const files = infoJson(hlink).files;
  assert.equal(files.filter((f) => f.type === 'hardlink').length, 4);
  const ngircd = infoJson(find('ngircd-')!);
  assert.deepEqual(ngircd.files.find((f) => f.path === '/etc/ngircd.motd')?.flags, ['config', 'ghost', 'noreplace']);
  assert.equal(ngircd.files.find((f) => f.path === '/etc/ngircd.conf')?.group, 'ngircd');
  assert.deepEqual(ngircd.metadata.relations.preDepends, [{ name: 'shadow-utils' }]);
  assert.match(ngircd.metadata.extras.rpm?.Changelog ?? '', /^\* Mon Jan 19 2015 Kevin Fenzi <kevin@scrye\.com> 22-2\n/);
  const mc = infoJson(find('mc-')!);
  assert.ok(mc.scripts.some((s) => s.phase === 'verify'));
});

test('rpms built by rpmbuild with every payload compression read back with every feature', (t) => {
  if (!needTools(t, 'rpmbuild', 'rpm')) return;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'demo.spec'), DEMO_SPEC);
  let first: InfoJson | undefined;
  for (const payload of ['w9.gzdio', 'w9.bzdio', 'w6.xzdio', 'w6.lzdio', 'w19.zstdio', 'w0.ufdio']) {
    const rpm = buildRpm(dir, payload);
    const info = infoJson(rpm);
    assertAgreesWithRpm(rpm, info);
    const m = info.metadata;
    assert.deepEqual(m.version, { epoch: 3, upstream: '1.2.3~rc1', release: '4.el9' });
    assert.deepEqual((m.relations.depends as R[] | undefined)?.find((r) => r.name === 'python3'),
      { name: 'python3', alternatives: [{ name: 'perl', op: '>=', version: '5.30' }] });
    assert.deepEqual(info.scripts.map((s) => [s.phase, s.interpreter]), [
      ['preInstall', '/bin/sh'], ['postInstall', '/usr/bin/perl'], ['preRemove', '/bin/sh'],
      ['postRemove', '/sbin/ldconfig'], ['postTransaction', '<lua>']]);
    assert.equal(info.scripts.find((s) => s.phase === 'postTransaction')?.body, 'print("posttrans")');
    assert.deepEqual(JSON.parse(m.extras.rpm?.Triggers ?? '[]'), [{ type: 'triggerin', name: 'bash', interpreter: '/bin/sh', body: 'echo bash changed' }]);
    assert.match(m.extras.rpm?.Changelog ?? '', /^\* Mon Jan 01 2024 Demo Packager <demo@example\.org> - 3:1\.2\.3~rc1-4\n- first entry$/);
    const byPath = new Map(info.files.map((f) => [f.path, f]));
    assert.deepEqual(byPath.get('/etc/demo/ghost.log')?.flags, ['ghost']);
    assert.equal(byPath.get('/usr/bin/demo-suid')?.mode, '4755');
    assert.equal(byPath.get('/var/spool/demo')?.mode, '1777');
    assert.equal(byPath.get('/usr/share/doc/demo/data.bin')?.user, 'daemon');
    // Content survives: the model's tar has the bytes rpm2cpio extracts.
    const tarball = join(dir, `${payload}.tar`);
    runOk(process.execPath, [CLI, '-t', 'tar', '--compression', 'none', '-p', tarball, '-f', rpm]);
    const ours = runOk('sh', ['-c', `tar -xOf '${tarball}' ./usr/share/doc/demo/data.bin | sha256sum`]).stdout;
    const theirs = runOk('sh', ['-c', `rpm2cpio '${rpm}' | cpio -i --quiet --to-stdout ./usr/share/doc/demo/data.bin | sha256sum`]).stdout;
    assert.equal(ours, theirs, `${payload} content`);
    // The same spec gives the same model whatever the payload compression (build metadata aside).
    const comparable = { ...info, metadata: { ...m, extras: {} } };
    if (first) assert.deepEqual(comparable, first, payload);
    first ??= comparable;
  }
});
