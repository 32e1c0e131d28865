// The dependency policy (--deps), the name map (--dep-map) and the parsers of Debian's library
// metadata, as pure functions.
import assert from 'node:assert/strict';
import test from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostics, type Diagnostic } from '../../src/core/diagnostics.js';
import type { Metadata } from '../../src/core/model.js';
import { formatDebRelation, parseRelation, parseRelationList } from '../../src/core/relations.js';
import { compareDeb } from '../../src/core/version-compare.js';
import { builtinLibrary, parseSymbolsFile, shlibsEntry, splitSoname } from '../../src/deps/library-info.js';
import { nameMap } from '../../src/deps/name-map.js';
import { applyPolicy, defaultPolicy, relationKey, versionAcross, withRpmRevisionForms, type DepsPolicy, type Family } from '../../src/deps/policy.js';
import { rpmAutoDeps, scriptRequires } from '../../src/deps/rpm-auto.js';
import { ET_DYN, type ElfInfo } from '../../src/formats/elf.js';
import type { ScannedFile } from '../../src/deps/scan.js';
import { DEBIAN, RPM } from '../../src/deps/families.js';
import { tempDir } from '../support/helpers.js';

function run(policy: DepsPolicy, from: Family | undefined, to: Family, relations: Metadata['relations'], cli: string[] = [], neededByScripts: string[] = []) {
  const found: Diagnostic[] = [];
  const out = applyPolicy(relations, {
    policy, from, to, names: nameMap(), diag: new Diagnostics((d) => found.push(d)), neededByScripts: new Set(neededByScripts),
    fromCommandLine: new Set(cli.map((text) => relationKey('depends', parseRelation(text)))),
  });
  const text = Object.fromEntries(Object.entries(out).map(([kind, list]) => [kind, list.map(formatDebRelation).join(', ')]));
  return { text, messages: found.map((d) => `${d.id}: ${d.message}`) };
}

const DEB_INPUT: Metadata['relations'] = {
  depends: parseRelationList('libc6 (>= 2.34), zlib1g (>= 1:1.2.13.dfsg), debconf (>= 0.5) | debconf-2.0, adduser, libfoo3, jq (>> 1.6)'),
  conflicts: parseRelationList('passwd (<< 1:4.0)'),
};

test('default policy: literal within a family and for plain inputs, computed across families', () => {
  assert.equal(defaultPolicy(DEBIAN, RPM), 'auto');
  assert.equal(defaultPolicy(RPM, DEBIAN), 'auto');
  assert.equal(defaultPolicy(DEBIAN, DEBIAN), 'keep');
  assert.equal(defaultPolicy(undefined, RPM), 'keep');
});

test('map: Debian names become Fedora names, unmapped library names are dropped, each named once', () => {
  const { text, messages } = run('map', DEBIAN, RPM, DEB_INPUT);
  // libc6 → glibc keeps the lower bound; zlib1g's epoch and +dfsg do not exist in Fedora's zlib.
  assert.equal(text.depends, 'glibc (>= 2.34), zlib (>= 1.2.13), shadow-utils, jq (>> 1.6-0)');
  assert.equal(text.conflicts, 'shadow-utils');
  assert.deepEqual(messages, [
    'deps-not-needed: dropped, rpm distributions need no package for them: debconf',
    'deps-unmapped: dropped, no rpm name known (add one with --dep-map FILE): libfoo3',
    'deps-foreign-names: kept unchanged, rpm distributions are unlikely to have them: jq',
  ]);
});

test('keep: names as written, with a warning naming those the target likely lacks', () => {
  const { text, messages } = run('keep', DEBIAN, RPM, DEB_INPUT);
  assert.equal(text.depends, 'libc6 (>= 2.34), zlib1g (>= 1:1.2.13.dfsg), debconf (>= 0.5) | debconf-2.0, adduser, libfoo3, jq (>> 1.6-0)');
  assert.deepEqual(messages, ['deps-foreign-names: kept unchanged, rpm distributions are unlikely to have them: libc6, zlib1g, debconf, adduser, libfoo3, passwd']);
});

test('auto and none: the input dependencies are dropped and listed; conflicts are still mapped; the command line is kept', () => {
  for (const policy of ['auto', 'none'] as const) {
    const { text, messages } = run(policy, DEBIAN, RPM, DEB_INPUT, ['adduser']);
    assert.equal(text.depends, 'adduser', policy);
    assert.equal(text.conflicts, 'shadow-utils');
    assert.match(messages[0]!, new RegExp(`^deps-dropped: --deps ${policy}: .*dropped: libc6 \\(>= 2.34\\), zlib1g .*, jq \\(>> 1.6\\)$`));
  }
});

test('rpm → deb: soname capabilities are not package names; files and common names are mapped', () => {
  const { text, messages } = run('map', RPM, DEBIAN, {
    depends: parseRelationList('libc.so.6(GLIBC_2.34)(64bit), /bin/sh, /usr/bin/perl, shadow-utils, update-alternatives, perl(Getopt::Long), rtld(GNU_HASH)'),
  });
  assert.equal(text.depends, 'perl, passwd, dpkg');
  assert.deepEqual(messages, [
    'deps-not-needed: dropped, Debian need no package for them: /bin/sh',
    'deps-unmapped: dropped, no deb name known (add one with --dep-map FILE): perl(Getopt::Long)',
    'deps-sonames: soname requirements replaced by the Depends computed from the files: libc.so.6(GLIBC_2.34)(64bit), rtld(GNU_HASH)',
  ]);
});

test('within one family nothing is renamed or dropped', () => {
  assert.deepEqual(run('map', DEBIAN, DEBIAN, DEB_INPUT).text.depends, DEB_INPUT.depends!.map(formatDebRelation).join(', '));
});

test('--dep-map lines extend and override the built-in map; a malformed line is a usage error', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'site.tsv');
  writeFileSync(file, '# site names\nlibfoo3\tfoo-libs\tlibfoo3\nlibc6\tglibc-custom\n');
  const names = nameMap([file]);
  assert.equal(names.toRpm('libfoo3'), 'foo-libs');
  assert.equal(names.toRpm('libc6'), 'glibc-custom');
  assert.equal(names.toDeb('foo-libs'), 'libfoo3');
  assert.equal(names.toDeb('shadow-utils'), 'passwd', 'the first built-in line wins the reverse direction');
  assert.equal(names.toRpm('debconf'), null);
  writeFileSync(file, 'libfoo3 foo-libs\n');
  assert.throws(() => nameMap([file]), /line 1: expected 'debian-name<TAB>rpm-name/);
  assert.throws(() => nameMap([join(dir, 'missing.tsv')]), /--dep-map .*missing\.tsv/);
});

test('deb >>, <= and = on a version without revision get rpm\'s -0 release', () => {
  const forms = parseRelationList('a (>> 2.36), b (<= 2.36), c (= 2.36), d (>= 2.36), e (<< 2.36), f (>> 2.36-1), g (= 1:2.0)').map(withRpmRevisionForms);
  assert.deepEqual(forms.map(formatDebRelation), ['a (>> 2.36-0)', 'b (<= 2.36-0)', 'c (= 2.36-0)', 'd (>= 2.36)', 'e (<< 2.36)', 'f (>> 2.36-1)', 'g (= 1:2.0-0)']);
});

test('symbols files: templates, alternatives by id, the smallest version', () => {
  const libraries = parseSymbolsFile([
    'libc.so.6 libc6 #MINVER#', '| libc6 (>> 2.36), libc6 (<< 2.37)', '* Build-Depends-Package: libc6-dev',
    ' GLIBC_2.2.5@GLIBC_2.2.5 2.2.5', ' free@GLIBC_2.2.5 2.2.5', ' __libc_stack_end@GLIBC_PRIVATE 0 1', ' memcpy@GLIBC_2.14 2.14',
    'libz.so.1 zlib1g #MINVER#', ' deflate@Base 1:1.1.4', '',
  ].join('\n'), compareDeb);
  const libc = libraries.get('libc.so.6')!;
  assert.deepEqual(libc.templates, ['libc6 #MINVER#', 'libc6 (>> 2.36), libc6 (<< 2.37)']);
  assert.equal(libc.min, '0');
  assert.deepEqual(libc.lookup('memcpy@GLIBC_2.14'), { minver: '2.14', template: 0 });
  assert.deepEqual(libc.lookup('__libc_stack_end@GLIBC_PRIVATE'), { minver: '0', template: 1 });
  assert.equal(libraries.get('libz.so.1')!.min, '1:1.1.4');
});

test('shlibs files and soname splitting as dpkg does them', () => {
  assert.deepEqual(splitSoname('libfoo.so.1'), ['libfoo', '1']);
  assert.deepEqual(splitSoname('libfoo-1.2.so'), ['libfoo', '1.2']);
  assert.equal(splitSoname('plugin.so'), undefined);
  const text = 'libbz2 1.0 libbz2-1.0\nudeb: libbz2 1.0 libbz2-udeb\nlibfoo-1.2 .so x\n';
  assert.deepEqual(shlibsEntry(text, 'libbz2.so.1.0')?.templates, ['libbz2-1.0']);
  assert.equal(shlibsEntry(text, 'libbz2.so.2'), undefined);
});

test('the built-in table: glibc by rule, others by symbol version node', () => {
  assert.deepEqual(builtinLibrary('libm.so.6')!.lookup('@GLIBC_2.29'), { minver: '2.29', template: 0 });
  assert.deepEqual(builtinLibrary('libstdc++.so.6')!.lookup('@GLIBCXX_3.4.30'), { minver: '12', template: 0 });
  assert.deepEqual(builtinLibrary('libz.so.1')!.lookup('@ZLIB_1.2.9'), { minver: '1:1.2.11.dfsg', template: 0 });
  assert.equal(builtinLibrary('libz.so.1')!.min, '1:1.1.4');
  assert.equal(builtinLibrary('libnotthere.so.1'), undefined);
});

test('script interpreters as rpm\'s script.req reads them', () => {
  assert.deepEqual(scriptRequires('/bin/sh -e'), ['/bin/sh']);
  assert.deepEqual(scriptRequires(' /usr/bin/perl'), ['/usr/bin/perl']);
  assert.deepEqual(scriptRequires('/usr/bin/env python3'), ['/usr/bin/env']);
  assert.deepEqual(scriptRequires('/usr/bin/env /usr/bin/python3'), ['/usr/bin/env', '/usr/bin/python3']);
  assert.deepEqual(scriptRequires('perl'), []);
});

test('a native deb version is rpm release 0, and release 0 is a native deb version again', () => {
  assert.deepEqual(versionAcross({ upstream: '2.36' }, DEBIAN, RPM), { upstream: '2.36', release: '0' });
  assert.deepEqual(versionAcross({ epoch: 1, upstream: '2.36', release: '9' }, DEBIAN, RPM), { epoch: 1, upstream: '2.36', release: '9' });
  assert.deepEqual(versionAcross({ upstream: '2.36', release: '0' }, RPM, DEBIAN), { upstream: '2.36' });
  assert.deepEqual(versionAcross({ upstream: '2.36', release: '1' }, RPM, DEBIAN), { upstream: '2.36', release: '1' });
  // Within a family, and for inputs of no family, nothing changes.
  assert.deepEqual(versionAcross({ upstream: '2.36' }, undefined, RPM), { upstream: '2.36' });
  assert.deepEqual(versionAcross({ upstream: '2.36', release: '0' }, DEBIAN, DEBIAN), { upstream: '2.36', release: '0' });
});

test('rtld(GNU_HASH) is provided by the package shipping its objects\' program interpreter', () => {
  const elf = (fields: Partial<ElfInfo>): ElfInfo => ({
    bits: 64, littleEndian: true, type: ET_DYN, machine: 62, flags: 0, rpath: [], runpath: [], needed: [], hash: false, gnuHash: true,
    debugEntry: false, versionNeeds: [], versionDefs: [], hasSymtab: false, hasDebug: false, ...fields,
  });
  const loader: ScannedFile = { path: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', mode: 0o755, elf: elf({ soname: 'ld-linux-x86-64.so.2', hash: true }) };
  const libc: ScannedFile = { path: '/lib/x86_64-linux-gnu/libc.so.6', mode: 0o755, elf: elf({ soname: 'libc.so.6', interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['ld-linux-x86-64.so.2'] }) };
  const provides = (files: ScannedFile[]) => rpmAutoDeps(files).provides.includes('rtld(GNU_HASH)');
  // glibc's layout: libc.so.6 names /lib64/ld-linux-x86-64.so.2 (a symlink to the loader, by soname).
  assert.ok(provides([loader, libc]));
  // A loader at the interpreter path itself, without soname.
  assert.ok(provides([{ ...loader, path: '/lib64/ld-linux-x86-64.so.2', elf: elf({}) }, libc]));
  // A library that only uses the loader, a loader nothing here names, a loader without a GNU hash table: no.
  assert.ok(!provides([libc]));
  assert.ok(!provides([loader]));
  assert.ok(!provides([{ ...loader, elf: elf({ soname: 'ld-linux-x86-64.so.2', gnuHash: false, hash: true }) }, libc]));
  assert.ok(rpmAutoDeps([libc]).requires.includes('rtld(GNU_HASH)'), 'objects with only a GNU hash table still require it');
});

test('auto keeps the relations on packages whose commands the install scripts run (debconf, adduser), versioned for rpm', () => {
  const { text, messages } = run('auto', DEBIAN, RPM, DEB_INPUT, [], ['debconf-2.0', 'adduser', 'jq']);
  assert.deepEqual(text.depends, 'debconf (>= 0.5) | debconf-2.0, adduser, jq (>> 1.6-0)');
  assert.ok(messages.includes('deps-for-scripts: --deps auto: kept, the install scripts run their commands: debconf (>= 0.5) | debconf-2.0, adduser, jq (>> 1.6)'), messages.join('\n'));
  // none means none.
  assert.equal(run('none', DEBIAN, RPM, DEB_INPUT, [], ['adduser']).text.depends, undefined);
});
