// %pretrans/%posttrans and file triggers across formats, driven by the real dpkg and rpm in throw-away
// roots: every script writes a marker line, and the order of the lines is what each tool ran when.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { debTriggerLines } from '../../src/core/file-triggers.js';
import { dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { realDebs } from '../support/real-debs.js';
import { RpmRoot } from '../support/rpm.js';

/** dpkg on a throw-away root, triggers processed (scripts run on the host: they write under $DPKG_ROOT). */
function dpkg(root: string, ...args: string[]): void {
  runOk('dpkg', [`--root=${root}`, '--force-not-root', '--force-script-chrootless', ...args], { input: '' });
}

/** The marker lines written since the last call. */
function takeLog(file: string): string[] {
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch { /* nothing written yet */ }
  writeFileSync(file, '');
  return lines;
}

function convert(from: 'deb' | 'rpm', input: string, output: string): string {
  const result = pkgshift(['-s', from, '-t', from === 'deb' ? 'rpm' : 'deb', input, '-p', output, '-f']);
  assert.equal(result.status, 0, result.stderr);
  return result.stderr;
}

const mark = (what: string) => `echo "${what}" >> "\${DPKG_ROOT:-}/log"`;

function rpmbuild(dir: string, release: string): string {
  const top = join(dir, `top-${release}`);
  writeFileSync(join(dir, 'watcher.spec'), [
    'Name: watcher', 'Version: 1.0', `Release: ${release}`, 'Summary: scriptlet order', 'License: MIT', 'BuildArch: noarch', '',
    '%description', 'Every scriptlet leaves a mark.', '',
    '%install', 'mkdir -p %{buildroot}/usr/share/watcher', 'echo 1 > %{buildroot}/usr/share/watcher/file', '',
    '%files', '/usr/share/watcher/file', '',
    ...['pretrans', 'pre', 'post', 'posttrans', 'preun', 'postun'].flatMap((s) => [`%${s}`, mark(`${s} $1`), '']),
    '%verifyscript', 'true', '',
    // The same script after files under the path came and went, as rpm packagers write cache rebuilds.
    ...['transfiletriggerin', 'transfiletriggerpostun'].flatMap((s) => [`%${s} -- /usr/share/watched`, `${mark('trigger $1')}; cat >> "\${DPKG_ROOT:-}/log"`, '']),
    '%filetriggerun -- /usr/share/watched', 'true', '',
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${top}`, join(dir, 'watcher.spec')]);
  return join(top, 'RPMS/noarch', `watcher-1.0-${release}.noarch.rpm`);
}

/** A deb shipping one file under `path` (dpkg-deb builds it). */
function debWithFile(dir: string, name: string, path: string): string {
  const tree = join(dir, name);
  mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
  mkdirSync(join(tree, path), { recursive: true });
  writeFileSync(join(tree, path, `${name}.txt`), `${name}\n`);
  writeFileSync(join(tree, 'DEBIAN/control'), `Package: ${name}\nVersion: 1.0\nArchitecture: all\nMaintainer: Test <test@example.org>\nDescription: files under ${path}\n test\n`);
  runOk('dpkg-deb', ['--root-owner-group', '-b', tree, join(dir, `${name}.deb`)]);
  return join(dir, `${name}.deb`);
}

test('rpm %pretrans/%posttrans and file triggers run under dpkg where rpm runs them, and come back to rpm', (t) => {
  if (!needTools(t, 'rpmbuild', 'rpm', 'dpkg', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const [v1, v2] = ['1', '2'].map((release) => {
    const rpm = rpmbuild(dir, release);
    const deb = join(dir, `watcher-${release}.deb`);
    const warnings = convert('rpm', rpm, deb);
    assert.match(warnings, /rpm scriptlets dpkg cannot run, left out: %verifyscript\n/);
    assert.match(warnings, /rpm triggers with no deb counterpart .*dropped: %filetriggerun -- \/usr\/share\/watched\n/);
    return { rpm, deb };
  });
  assert.equal(runOk('dpkg-deb', ['-I', v1!.deb, 'triggers']).stdout, 'interest-noawait /usr/share/watched\n');
  const root = dpkgRoot(t);
  const log = join(root, 'log');
  dpkg(root, '-i', v1!.deb);
  assert.deepEqual(takeLog(log), ['pretrans 1', 'pre 1', 'post 1', 'posttrans 1']);
  dpkg(root, '-i', v2!.deb);
  // dpkg's upgrade order: old prerm, new preinst, old postrm, new postinst (rpm runs the old package's last).
  assert.deepEqual(takeLog(log), ['preun 1', 'pretrans 2', 'pre 2', 'postun 1', 'post 2', 'posttrans 2']);
  dpkg(root, '-i', debWithFile(dir, 'watched', '/usr/share/watched'));
  assert.deepEqual(takeLog(log), ['trigger 0', '/usr/share/watched', '/usr/share/watched/watched.txt']);
  dpkg(root, '-i', debWithFile(dir, 'elsewhere', '/usr/share/elsewhere'));
  assert.deepEqual(takeLog(log), []);
  dpkg(root, '-r', 'watched');
  assert.deepEqual(takeLog(log), ['trigger 0']);
  dpkg(root, '-r', 'watcher');
  assert.deepEqual(takeLog(log), ['preun 0', 'postun 0']);

  // Back to rpm: the same scriptlets and file triggers (but the dropped ones) as rpmbuild wrote them.
  const back = join(dir, 'back.rpm');
  convert('deb', v1!.deb, back);
  const scripts = (rpm: string) => runOk('rpm', ['-qp', '--scripts', rpm]).stdout.replace(/\n+/g, '\n');
  assert.equal(scripts(back), scripts(v1!.rpm).replace(/verify scriptlet.*\ntrue\n/, ''));
  const triggers = (rpm: string) => runOk('rpm', ['-qp', '--filetriggers', rpm]).stdout.replace(/\n+/g, '\n');
  assert.equal(triggers(back), triggers(v1!.rpm).replace(/filetriggerun scriptlet.*\ntrue\n/, ''));
});

test('a deb interest file trigger runs its postinst under rpm when another package\'s files come and go, as under dpkg', (t) => {
  if (!needTools(t, 'rpm', 'dpkg', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const tree = join(dir, 'interested');
  mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
  writeFileSync(join(tree, 'DEBIAN/control'), 'Package: interested\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Test <test@example.org>\nDescription: watches a path\n test\n');
  writeFileSync(join(tree, 'DEBIAN/triggers'), 'interest-noawait /usr/share/watched\ninterest-noawait named\n');
  writeFileSync(join(tree, 'DEBIAN/postinst'), '#!/bin/sh\necho "postinst $1 $2" >> "${DPKG_ROOT:-}/log"\n', { mode: 0o755 });
  runOk('dpkg-deb', ['--root-owner-group', '-b', tree, join(dir, 'interested.deb')]);
  const watched = debWithFile(dir, 'watched', '/usr/share/watched');

  // What dpkg does with the original.
  const droot = dpkgRoot(t);
  dpkg(droot, '-i', join(dir, 'interested.deb'));
  dpkg(droot, '-i', watched);
  dpkg(droot, '-r', 'watched');
  const underDpkg = takeLog(join(droot, 'log'));
  assert.deepEqual(underDpkg, ['postinst configure ', 'postinst triggered /usr/share/watched', 'postinst triggered /usr/share/watched']);

  // What rpm does with the conversions.
  const warnings = convert('deb', join(dir, 'interested.deb'), join(dir, 'interested.rpm'));
  assert.match(warnings, /deb triggers with no rpm counterpart .*dropped: interest-noawait named\n/);
  assert.match(runOk('rpm', ['-qp', '--filetriggers', join(dir, 'interested.rpm')]).stdout, /^transfiletriggerin scriptlet \(using \/bin\/sh\) -- \/usr\/share\/watched\n[\s\S]*^transfiletriggerpostun scriptlet \(using \/bin\/sh\) -- \/usr\/share\/watched\n/m);
  convert('deb', watched, join(dir, 'watched.rpm'));
  const root = new RpmRoot(t);
  if (!root.installShell()) return t.skip('cannot put a shell into the rpm root (needs root and /bin/dash)');
  root.rpmOk(['-i', '--nodeps', join(dir, 'interested.rpm')]);
  root.rpmOk(['-i', '--nodeps', join(dir, 'watched.rpm')]);
  root.rpmOk(['-e', '--nodeps', 'watched']);
  assert.deepEqual(takeLog(join(root.path, 'log')), underDpkg);

  // And back to deb: the interest as it was.
  convert('rpm', join(dir, 'interested.rpm'), join(dir, 'back.deb'));
  assert.equal(runOk('dpkg-deb', ['-I', join(dir, 'back.deb'), 'triggers']).stdout, 'interest-noawait /usr/share/watched\n');
});

test('man-db\'s interests in six man directories become rpm file triggers and come back to deb as they were', (t) => {
  if (!needTools(t, 'rpm', 'dpkg-deb')) return;
  const manDb = realDebs().find((d) => /\/man-db_[^/]*\.deb$/.test(d));
  if (!manDb) return t.skip('man-db is not in the real-package cache (node dist/test/support/real-debs.js fills it)');
  const dir = tempDir(t);
  convert('deb', manDb, join(dir, 'man-db.rpm'));
  runOk('rpm', ['-K', join(dir, 'man-db.rpm')]);
  const interests = debTriggerLines(runOk('dpkg-deb', ['-I', manDb, 'triggers']).stdout).map((l) => l.name);
  assert.equal(interests.length, 6);
  const listed = runOk('rpm', ['-qp', '--filetriggers', join(dir, 'man-db.rpm')]).stdout;
  for (const kind of ['transfiletriggerin', 'transfiletriggerpostun']) {
    assert.ok(listed.includes(`${kind} scriptlet (using /bin/sh) -- ${interests.join(', ')}\n`), `${kind}: ${listed.slice(0, 400)}`);
  }
  convert('rpm', join(dir, 'man-db.rpm'), join(dir, 'back.deb'));
  assert.equal(runOk('dpkg-deb', ['-I', join(dir, 'back.deb'), 'postinst']).stdout, runOk('dpkg-deb', ['-I', manDb, 'postinst']).stdout);
  assert.deepEqual(debTriggerLines(runOk('dpkg-deb', ['-I', join(dir, 'back.deb'), 'triggers']).stdout),
    debTriggerLines(runOk('dpkg-deb', ['-I', manDb, 'triggers']).stdout));
});

test('rpm → rpm keeps package triggers and file triggers as rpmbuild wrote them', (t) => {
  if (!needTools(t, 'rpmbuild', 'rpm')) return;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'trig.spec'), [
    'Name: trig', 'Version: 1', 'Release: 1', 'Summary: triggers', 'License: MIT', 'BuildArch: noarch', '', '%description', 'Triggers.', '',
    '%triggerin -- glibc >= 2.3, bash', 'echo in', '', '%triggerpostun -p /usr/bin/perl -- zsh', 'print "x";', '',
    '%filetriggerin -P 2000 -- /usr/lib /usr/lib64', 'ldconfig', '', '%transfiletriggerun -- /usr/share/icons', 'true', '', '%files', '',
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${join(dir, 'top')}`, join(dir, 'trig.spec')]);
  const original = join(dir, 'top/RPMS/noarch/trig-1-1.noarch.rpm');
  const copy = join(dir, 'copy.rpm');
  const result = pkgshift(['-s', 'rpm', '-t', 'rpm', original, '-p', copy, '-f']);
  assert.equal(result.status, 0, result.stderr);
  runOk('rpm', ['-K', copy]);
  for (const query of ['--triggers', '--filetriggers']) {
    assert.equal(runOk('rpm', ['-qp', query, copy]).stdout, runOk('rpm', ['-qp', query, original]).stdout, query);
  }
  assert.match(runOk('rpm', ['-qp', '--qf', '[%{FILETRIGGERPRIORITIES}\n]', copy]).stdout, /^2000\n$/);
});

test('debconf templates and config travel inside the rpm and come back as the deb\'s control files', (t) => {
  if (!needTools(t, 'rpm', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const tree = join(dir, 'asking');
  mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
  writeFileSync(join(tree, 'DEBIAN/control'), 'Package: asking\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Test <test@example.org>\nDescription: asks a question\n test\n');
  const files = {
    templates: 'Template: asking/colour\nType: string\nDefault: blue\nDescription: Your favourite colour?\n',
    config: '#!/bin/sh\nset -e\n. /usr/share/debconf/confmodule\ndb_input medium asking/colour || true\ndb_go\n',
    postinst: '#!/bin/sh\nset -e\n. /usr/share/debconf/confmodule\ndb_get asking/colour\necho "$RET" > /etc/asking\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tree, 'DEBIAN', name), text, { mode: name === 'templates' ? 0o644 : 0o755 });
  runOk('dpkg-deb', ['--root-owner-group', '-b', tree, join(dir, 'asking.deb')]);
  const warnings = convert('deb', join(dir, 'asking.deb'), join(dir, 'asking.rpm'));
  assert.match(warnings, /runs debconf, which only Debian systems have \(the debconf frontend asks its questions only on a terminal/);
  assert.doesNotMatch(warnings, /deb-control-files|control files .* dropped/);
  assert.match(runOk('rpm', ['-qp', '--scripts', join(dir, 'asking.rpm')]).stdout, /Template: asking\/colour/);
  convert('rpm', join(dir, 'asking.rpm'), join(dir, 'back.deb'));
  for (const [name, text] of Object.entries(files)) assert.equal(runOk('dpkg-deb', ['-I', join(dir, 'back.deb'), name]).stdout, text, name);
});
