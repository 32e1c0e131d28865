// fpm's six script slots and --deb-systemd under real dpkg and rpm: install v1, upgrade to v2, remove.
// Each slot's script and a recording `systemctl` stub append to one proof file, so the test sees
// which ran, in what order, on which event — and that start/stop/restart happen only while systemd
// runs (/run/systemd/system exists in the root), while enable/disable happen whenever systemctl exists.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { RpmRoot } from '../support/rpm.js';

const SLOTS = ['before-install', 'after-install', 'before-upgrade', 'after-upgrade', 'before-remove', 'after-remove'];
const RECORD = (text: string) => `echo "${text}" >> "\${DPKG_ROOT:-}/proof"\n`;

/** Builds v1 and v2 of `svc` with every slot recording itself, and a systemd unit enabled and auto-started. */
function build(t: Parameters<typeof tempDir>[0], target: 'deb' | 'rpm'): string[] {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'svc.service'), '[Unit]\nDescription=svc\n[Service]\nExecStart=/usr/bin/svc\n');
  return ['1.0', '2.0'].map((version) => {
    const tree = join(dir, `v${version}`);
    mkdirSync(join(tree, 'usr/share/svc'), { recursive: true });
    writeFileSync(join(tree, 'usr/share/svc/data'), `${version}\n`);
    const slotArgs = SLOTS.flatMap((slot) => {
      const file = join(dir, `${slot}-${version}.sh`);
      writeFileSync(file, RECORD(`${slot} ${version}`));
      return [`--${slot}`, file];
    });
    const out = join(dir, `svc-${version}.${target}`);
    const result = pkgshift(['-s', 'dir', '-t', target, '-n', 'svc', '-v', version, '--iteration', '1', '--license', 'MIT',
      '--description', 'svc\nA service.', '-m', 'T <t@example.org>', ...slotArgs,
      '--deb-systemd', join(dir, 'svc.service'), '--deb-systemd-enable', '--deb-systemd-auto-start',
      '-p', out, '-C', tree, 'usr'], { env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(result.status, 0, result.stderr);
    return out;
  });
}

function stub(path: string): void {
  writeFileSync(path, `#!/bin/sh\n${RECORD('systemctl $*')}`);
  chmodSync(path, 0o755);
}

test('deb: slots run on their dpkg events; systemd units are enabled, started, restarted, stopped', (t) => {
  if (!needTools(t, 'dpkg')) return;
  const [v1, v2] = build(t, 'deb');
  const root = dpkgRoot(t);
  const bin = join(root, 'stub-bin');
  mkdirSync(bin);
  stub(join(bin, 'systemctl'));
  mkdirSync(join(root, 'run/systemd/system'), { recursive: true });
  assert.equal(runOk('dpkg-deb', ['-c', v1!]).stdout.includes('./usr/lib/systemd/system/svc.service'), true);
  const proof = join(root, 'proof');
  const dpkg = (...args: string[]) => runOk('dpkg', [`--root=${root}`, '--force-not-root', '--force-script-chrootless', '--no-triggers', ...args],
    { input: '', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  const take = () => {
    const lines = readFileSync(proof, 'utf8').replaceAll(`--root=${root}`, '--root=R').trim().split('\n');
    writeFileSync(proof, '');
    return lines;
  };

  dpkg('-i', v1!);
  assert.deepEqual(take(), [
    'before-install 1.0', 'after-install 1.0',
    'systemctl daemon-reload', 'systemctl --root=R --no-reload enable svc.service', 'systemctl start svc.service',
  ]);
  dpkg('-i', v2!);
  assert.deepEqual(take(), [
    'before-upgrade 2.0', 'after-upgrade 2.0',
    'systemctl daemon-reload', 'systemctl --root=R --no-reload enable svc.service', 'systemctl restart svc.service',
  ]);
  rmSync(join(root, 'run/systemd/system'), { recursive: true });
  dpkg('-r', 'svc');
  assert.deepEqual(take(), ['systemctl --root=R --no-reload disable svc.service', 'before-remove 2.0', 'after-remove 2.0'],
    'without a running systemd: no stop, no daemon-reload; disable still happens');
  dpkg('-P', 'svc');
  assert.equal(readFileSync(proof, 'utf8'), '', 'purge runs no slot');
});

test('rpm: slots run on their $1 counts; systemd units are enabled, started, restarted, stopped', (t) => {
  if (!needTools(t, 'rpm')) return;
  const [v1, v2] = build(t, 'rpm');
  const root = new RpmRoot(t);
  if (!root.installShell()) {
    t.skip('cannot put a /bin/sh into the throw-away root (needs root and /bin/dash)');
    return;
  }
  mkdirSync(join(root.path, 'usr/bin'), { recursive: true });
  stub(join(root.path, 'usr/bin/systemctl'));
  // The scripts send systemctl's output to /dev/null; a plain file stands in for the device.
  mkdirSync(join(root.path, 'dev'));
  writeFileSync(join(root.path, 'dev/null'), '');
  mkdirSync(join(root.path, 'run/systemd/system'), { recursive: true });
  const proof = join(root.path, 'proof');
  const take = () => {
    const lines = readFileSync(proof, 'utf8').trim().split('\n');
    writeFileSync(proof, '');
    return lines;
  };

  root.rpmOk(['-i', '--nodeps', v1!]);
  assert.deepEqual(take(), [
    'before-install 1.0', 'after-install 1.0',
    'systemctl daemon-reload', 'systemctl --no-reload enable svc.service', 'systemctl start svc.service',
  ]);
  root.rpmOk(['-U', '--nodeps', v2!]);
  assert.deepEqual(take(), [
    'before-upgrade 2.0', 'after-upgrade 2.0',
    'systemctl daemon-reload', 'systemctl --no-reload enable svc.service', 'systemctl restart svc.service',
  ], "the old package's %preun/%postun ($1 = 1) run no remove slot");
  root.rpmOk(['-e', '--nodeps', 'svc']);
  assert.deepEqual(take(), [
    'systemctl stop svc.service', 'systemctl --no-reload disable svc.service', 'before-remove 2.0', 'after-remove 2.0', 'systemctl daemon-reload',
  ]);
});
