// A Debian relation converted to rpm is met by exactly the versions dpkg would accept: rpm itself
// decides (rpm -i --test against an installed provider), dpkg --compare-versions is the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { needTools, pkgshift, run, runOk, tempDir } from '../support/helpers.js';

const OPS = ['>>', '<=', '=', '>=', '<<'] as const;
const DPKG_OP = { '>>': 'gt', '<=': 'le', '=': 'eq', '>=': 'ge', '<<': 'lt' } as const;
/** Provider versions (upstream-release) around the required 2.36. */
const PROVIDERS = [['2.36', '9'], ['2.35', '1'], ['2.37', '1']] as const;

test('deb >>, <=, =, >=, << survive deb → rpm with the meaning dpkg gives them', (t) => {
  if (!needTools(t, 'rpm', 'dpkg')) return;
  const dir = tempDir(t);
  const provider = (upstream: string, release: string) => {
    const out = join(dir, `libc6-${upstream}-${release}.rpm`);
    const r = pkgshift(['-s', 'dir', '-t', 'rpm', '-n', 'libc6', '-v', upstream, '--iteration', release, '-a', 'all', '--no-lint', '-p', out, '--description', 'provider', join(dir, 'empty')]);
    assert.equal(r.status, 0, r.stderr);
    return out;
  };
  mkdirSync(join(dir, 'empty'));
  const providers = PROVIDERS.map(([upstream, release]) => [upstream, release, provider(upstream, release)] as const);
  for (const op of OPS) {
    const deb = join(dir, `needs-${DPKG_OP[op]}.deb`);
    let r = pkgshift(['-s', 'dir', '-t', 'deb', '-n', `needs-${DPKG_OP[op]}`, '-v', '1', '-a', 'all', '-d', `libc6 (${op} 2.36)`, '--no-lint', '-p', deb, join(dir, 'empty')]);
    assert.equal(r.status, 0, r.stderr);
    const rpm = join(dir, `needs-${DPKG_OP[op]}.rpm`);
    r = pkgshift(['-s', 'deb', '-t', 'rpm', '--deps', 'keep', '--no-lint', '-p', rpm, deb]);
    assert.equal(r.status, 0, r.stderr);
    for (const [upstream, release, providerRpm] of providers) {
      const root = join(dir, `root-${DPKG_OP[op]}-${upstream}`);
      runOk('rpm', ['--root', root, '--initdb']);
      runOk('rpm', ['--root', root, '-i', '--nodeps', '--noscripts', providerRpm]);
      const rpmMet = run('rpm', ['--root', root, '-i', '--test', rpm]).status === 0;
      const dpkgMet = run('dpkg', ['--compare-versions', `${upstream}-${release}`, DPKG_OP[op], '2.36']).status === 0;
      assert.equal(rpmMet, dpkgMet, `libc6 (${op} 2.36) with libc6 ${upstream}-${release} installed`);
    }
  }
});

test('a native deb version (no revision) becomes rpm release 0: relations on it agree with dpkg, and it comes back native', (t) => {
  if (!needTools(t, 'rpm', 'dpkg', 'dpkg-deb')) return;
  const dir = tempDir(t);
  mkdirSync(join(dir, 'empty'));
  const build = (args: string[], out: string) => {
    const r = pkgshift([...args, '--no-lint', '-p', out]);
    assert.equal(r.status, 0, r.stderr);
    return out;
  };
  for (const native of ['2.35', '2.36', '2.37']) {
    const deb = build(['-s', 'dir', '-t', 'deb', '-n', 'native', '-v', native, '-a', 'all', '--description', 'provider', join(dir, 'empty')], join(dir, `native-${native}.deb`));
    const rpm = build(['-s', 'deb', '-t', 'rpm', deb], join(dir, `native-${native}.rpm`));
    assert.equal(runOk('rpm', ['-qp', '--qf', '%{VERSION}-%{RELEASE}', rpm]).stdout, `${native}-0`);
    const back = build(['-s', 'rpm', '-t', 'deb', rpm], join(dir, `native-${native}-back.deb`));
    assert.equal(runOk('dpkg-deb', ['-f', back, 'Version']).stdout.trim(), native, 'deb → rpm → deb keeps the native version');
    const root = join(dir, `root-${native}`);
    runOk('rpm', ['--root', root, '--initdb']);
    runOk('rpm', ['--root', root, '-i', '--nodeps', '--noscripts', rpm]);
    for (const op of OPS) {
      const needs = build(['-s', 'dir', '-t', 'deb', '-n', `needs-${DPKG_OP[op]}`, '-v', '1', '-a', 'all', '-d', `native (${op} 2.36)`, join(dir, 'empty')], join(dir, `needs-${DPKG_OP[op]}-${native}.deb`));
      const needsRpm = build(['-s', 'deb', '-t', 'rpm', '--deps', 'keep', needs], join(dir, `needs-${DPKG_OP[op]}-${native}.rpm`));
      const rpmMet = run('rpm', ['--root', root, '-i', '--test', needsRpm]).status === 0;
      const dpkgMet = run('dpkg', ['--compare-versions', native, DPKG_OP[op], '2.36']).status === 0;
      assert.equal(rpmMet, dpkgMet, `native (${op} 2.36) with native ${native} installed`);
    }
  }
});
