// deb install scripts under real rpm when their shell is not installed yet (a base system installed in
// one transaction): the Lua scriptlet queues them, and a later %posttrans runs them, preinst first.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { needTools, runOk, tempDir } from '../support/helpers.js';
import { buildRpm, RpmRoot } from '../support/rpm.js';

function buildDeb(dir: string, name: string, scripts: Record<string, string>): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, `usr/share/${name}`), { recursive: true });
  writeFileSync(join(root, `usr/share/${name}/README`), `${name}\n`);
  writeFileSync(join(root, 'DEBIAN/control'),
    `Package: ${name}\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Test <test@example.org>\nDescription: bootstrap test\n`);
  for (const [script, body] of Object.entries(scripts)) {
    writeFileSync(join(root, 'DEBIAN', script), body);
    chmodSync(join(root, 'DEBIAN', script), 0o755);
  }
  const out = join(dir, `${name}.deb`);
  runOk('dpkg-deb', ['--root-owner-group', '-b', root, out]);
  return out;
}

/** Records the script's name, its dpkg verb and what dpkg-maintscript-helper needs, with shell builtins only. */
const recorder = (name: string) => `#!/bin/sh\nset -e\necho "${name} $DPKG_MAINTSCRIPT_NAME $* $DPKG_MAINTSCRIPT_PACKAGE" >> /proof\n`;

test('deb install scripts wait in rpm for their shell and run from a later %posttrans, preinst first', (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpm')) return;
  const dir = tempDir(t);
  const early = buildRpm(dir, ['-s', 'deb', buildDeb(dir, 'early', { preinst: recorder('early'), postinst: recorder('early') })]);
  const late = buildRpm(dir, ['-s', 'deb', buildDeb(dir, 'late', { postinst: recorder('late') })]);
  const root = new RpmRoot(t);

  // No /bin/sh in the root: a /bin/sh scriptlet would fail ("failed to exec scriptlet interpreter"), and
  // a failing %pre would leave the package uninstalled.
  const first = root.rpmOk(['-i', '--nodeps', early]);
  assert.match(first.stderr, /early: an install script still waits/);
  assert.ok(!existsSync(join(root.path, 'proof')));
  assert.deepEqual(readdirSync(join(root.path, 'var/lib/rpm-state/pkgshift/queue')), ['000001-early.preinst', '000002-early.postinst']);
  assert.equal(root.rpmOk(['-q', 'early']).stdout.trim(), 'early-1.0-1.noarch');

  if (!root.installShell()) return t.skip('cannot copy a shell into the root (needs root and /bin/dash)');
  const second = root.rpmOk(['-i', '--nodeps', late]);
  assert.doesNotMatch(second.stderr, /error|waits/);
  assert.deepEqual(readFileSync(join(root.path, 'proof'), 'utf8').trim().split('\n'), [
    'late postinst configure late',
    'early preinst install early',
    'early postinst configure early',
  ]);
  assert.deepEqual(readdirSync(join(root.path, 'var/lib/rpm-state/pkgshift/queue')), []);
});

test('files of an account that does not exist yet when rpm unpacks them get their owner at the end of the transaction', (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpm')) return;
  if (process.getuid?.() !== 0) return t.skip('needs root (rpm sets owners only as root)');
  const dir = tempDir(t);
  const tree = (name: string, files: Record<string, [string, number]>) => {
    const top = join(dir, `${name}-tree`);
    for (const [path, [text, mode]] of Object.entries(files)) {
      mkdirSync(join(top, path, '..'), { recursive: true });
      writeFileSync(join(top, path), text);
      chmodSync(join(top, path), mode);
    }
    return top;
  };
  const deb = (name: string, top: string, extra: string[]) => {
    const out = join(dir, `${name}.deb`);
    runOk('node', ['dist/src/cli.js', '-s', 'dir', '-t', 'deb', '-n', name, '-v', '1.0', '-a', 'all', '--no-lint', '-p', out, ...extra, '-C', top, '.']);
    return out;
  };
  // "owned" ships a setgid program of group demo, as passwd ships chage of group shadow.
  const owned = buildRpm(dir, ['-s', 'deb', deb('owned', tree('owned', { 'usr/bin/owned-tool': ['not a script\n', 0o2755] }), ['--group', 'demo'])]);
  // "accounts" makes the group (as base-passwd does) and is installed after "owned" (it depends on it).
  const accounts = buildRpm(dir, ['-s', 'deb', '--deps', 'keep', deb('accounts', tree('accounts', {
    'etc/passwd': ['root:x:0:0:root:/root:/bin/sh\n', 0o644], 'etc/group': ['root:x:0:\ndemo:x:4242:\n', 0o644],
  }), ['-d', 'owned'])]);
  const root = new RpmRoot(t);
  const result = root.rpmOk(['-i', owned, accounts]);
  // rpm itself gave the file to root: the group did not exist when it unpacked it.
  assert.match(result.stderr, /group demo does not exist - using root/);
  const stat = runOk('stat', ['-c', '%a %u:%g', join(root.path, 'usr/bin/owned-tool')]).stdout.trim();
  assert.equal(stat, '2755 0:4242', 'group demo and the setgid bit, after the transaction');
});
