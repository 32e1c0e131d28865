// Version translation between deb and rpm (docs/FORMATS.md §B5), with dpkg and rpm themselves as the
// oracle for the orderings.
import assert from 'node:assert/strict';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { compareDeb, compareRpm } from '../../src/core/version-compare.js';
import { debVersionString, rpmEvrString, toDebVersion, toRpmVersion } from '../../src/core/version.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { needTools, pkgshift, run, tempDir } from '../support/helpers.js';

const PAIRS: [string, string][] = [
  ['1.0a', '1.0.1'], ['1.0.a', '1.0a'], ['1.0b', '1.0+b'], ['1.0', '1.0.0'], ['1.0~rc1', '1.0'], ['1.0+git1', '1.0'],
  ['1.0-rc1', '1.0'], ['1.0alpha', '1.0beta'], ['01', '1'], ['1.10', '1.9'], ['2:1.0', '1:9.9'], ['1.0~~', '1.0~'],
  ['1.0^1', '1.0.1'], ['1.0^1', '1.0'], ['1.0-1', '1.0-1.el9'], ['3.0pl1-162', '3.0pl1-99'], ['1.a', '1.1'],
];

test('compareDeb agrees with dpkg --compare-versions', (t) => {
  if (!needTools(t, 'dpkg')) return;
  for (const [a, b] of PAIRS) {
    const dpkg = ['lt', 'eq', 'gt'].find((op) => run('dpkg', ['--compare-versions', a, op, b]).status === 0);
    assert.equal(['lt', 'eq', 'gt'][compareDeb(a, b) + 1], dpkg, `${a} vs ${b}`);
  }
});

test('compareRpm agrees with rpm.vercmp', (t) => {
  if (!needTools(t, 'rpm')) return;
  const lua = PAIRS.map(([a, b]) => `print(rpm.vercmp("${a}", "${b}") .. "\\n")`).join(' ');
  const rpm = run('rpm', ['--eval', `%{lua: ${lua}}`]).stdout.trim().split('\n').map(Number);
  assert.deepEqual(PAIRS.map(([a, b]) => compareRpm(a, b)), rpm);
});

const TO_RPM: [string, { epoch?: number; upstream: string; release?: string }, string, string | null][] = [
  // [case, neutral version, rpm EVR, warning id or null]
  ['plain', { upstream: '1.2.0', release: '1' }, '1.2.0-1', null],
  ['epoch kept', { epoch: 2, upstream: '1.0', release: '3' }, '2:1.0-3', null],
  ['missing release becomes 1', { upstream: '1.0' }, '1.0-1', null],
  ['- in upstream', { upstream: '1.0-beta', release: '1' }, '1.0_beta-1', 'version-translated'],
  [': in upstream', { epoch: 1, upstream: '1:2', release: '1' }, '1:1_2-1', 'version-translated'],
  ['semver pre-release', { upstream: '1.2.3-rc.1', release: '1' }, '1.2.3~rc.1-1', 'version-prerelease'],
  ['semver build metadata dropped', { upstream: '1.2.3-rc.1+build.5' }, '1.2.3~rc.1-1', 'version-prerelease'],
  ['tilde and caret kept', { upstream: '1.0~rc1^git2', release: '1' }, '1.0~rc1^git2-1', null],
  ['dist tag release', { upstream: '22', release: '2.fc22' }, '22-2.fc22', null],
];

test('neutral → rpm versions', () => {
  for (const [name, version, evr, warning] of TO_RPM) {
    const diag = new Diagnostics();
    const rpm = toRpmVersion(version, diag);
    assert.equal(rpmEvrString({ epoch: rpm.epoch, upstream: rpm.version, release: rpm.release }), evr, name);
    assert.deepEqual(diag.items.map((d) => d.id), warning ? [warning] : [], name);
  }
});

const TO_DEB: [string, { epoch?: number; upstream: string; release?: string }, string, string | null][] = [
  ['plain', { upstream: '1.2.0', release: '1' }, '1.2.0-1', null],
  ['native, no revision', { upstream: '1.0' }, '1.0', null],
  ['epoch', { epoch: 1, upstream: '4.13+dfsg1', release: '1+deb12u2' }, '1:4.13+dfsg1-1+deb12u2', null],
  ['_ in version', { upstream: '1.0_rc1', release: '1' }, '1.0.rc1-1', 'version-translated'],
  ['caret snapshot', { upstream: '1.0^git5', release: '1' }, '1.0+git5-1', 'version-translated'],
  ['not starting with a digit', { upstream: 'beta3', release: '1' }, '0beta3-1', 'version-translated'],
  ['- without revision', { upstream: '2.0-3' }, '2.0.3', 'version-translated'],
  ['semver pre-release', { upstream: '1.2.3-rc.1' }, '1.2.3~rc.1', 'version-prerelease'],
  ['_ in release', { upstream: '1.0', release: '1_el7' }, '1.0-1.el7', 'version-translated'],
];

test('neutral → deb versions', () => {
  for (const [name, version, expected, warning] of TO_DEB) {
    const diag = new Diagnostics();
    assert.equal(debVersionString(toDebVersion(version, diag)), expected, name);
    assert.deepEqual(diag.items.map((d) => d.id), warning ? [warning] : [], name);
  }
});

test('a translation that changes the order against the release warns with the example', () => {
  const diag = new Diagnostics();
  // rpm compares 1.0_~a segment by segment (the separator is skipped, ~ sorts first): before 1.0.
  // The deb spelling 1.0.~a has a '.' before the ~, which dpkg sorts after the end of 1.0.
  toDebVersion({ upstream: '1.0_~a', release: '1' }, diag);
  assert.deepEqual(diag.items.map((d) => d.id), ['version-reordered']);
  assert.match(diag.items[0]!.message, /1\.0_~a-1 is written as 1\.0\.~a-1 for deb: rpm sorted it before 1\.0, dpkg sorts it after 1\.0/);
});

test('--bump adds to the release, opt-in', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'f'), 'x');
  const rows: [string[], string][] = [
    [['--iteration', '2.fc22', '--bump', '1'], 'b-1.0-3.fc22.tar'], [['--iteration', '9'], 'b-1.0-9.tar'], [['--bump', '2'], 'b-1.0-2.tar'],
  ];
  for (const [args, name] of rows) {
    const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'b', '-v', '1.0', ...args, '--compression', 'none', 'f=/f'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), join(dir, name));
  }
});
