// deb version relations as rpm requirements: rpm must accept exactly the versions dpkg accepts. dpkg
// reads a missing revision as `0`, rpm a missing release as "any": `>>`, `<=` and `=` need the `-0` form.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { needTools, run, tempDir } from '../support/helpers.js';
import { buildRpm, RpmRoot } from '../support/rpm.js';

/** [operator, required version, the provider's version] */
const CASES: [string, string, string][] = [
  ['>>', '2.36', '2.36-9'], ['>>', '2.36', '2.35-9'], ['>>', '1:2.0', '1:2.0-1'],
  ['<=', '2.36', '2.36-9'], ['<=', '2.36', '2.35-9'],
  ['=', '2.36', '2.36-9'], ['=', '2.36-9', '2.36-9'],
  ['>=', '2.36', '2.36-9'], ['<<', '2.36', '2.36-9'], ['<<', '2.36', '2.35-9'],
];

function provider(dir: string, version: string): string {
  const [, epoch, upstream, revision] = /^(?:(\d+):)?(.+)-([^-]+)$/.exec(version)!;
  const tree = join(dir, `tree-${version}`);
  mkdirSync(tree, { recursive: true });
  writeFileSync(join(tree, 'version'), `${version}\n`);
  return buildRpm(dir, ['-s', 'dir', '-n', 'libdemo', '-v', upstream!, '--iteration', revision!,
    ...(epoch ? ['--epoch', epoch] : []), '-a', 'all', '--license', 'MIT', `${tree}=/usr/share/libdemo`]);
}

test('rpm accepts a converted deb relation exactly when dpkg --compare-versions does', (t) => {
  if (!needTools(t, 'rpm', 'dpkg')) return;
  const dir = tempDir(t);
  const providers = new Map<string, string>();
  const tree = join(dir, 'consumer-tree');
  mkdirSync(tree);
  writeFileSync(join(tree, 'x'), 'x\n');
  const root = new RpmRoot(t);
  CASES.forEach(([op, required, candidate], i) => {
    if (!providers.has(candidate)) providers.set(candidate, provider(dir, candidate));
    const consumer = buildRpm(dir, ['-s', 'dir', '-n', `consumer${i}`, '-v', '1', '-a', 'all', '--license', 'MIT',
      '-d', `libdemo (${op} ${required})`, `${tree}=/usr/share/consumer${i}`]);
    const dpkgSays = run('dpkg', ['--compare-versions', candidate, op === '=' ? 'eq' : op === '>>' ? 'gt' : op === '<<' ? 'lt' : op === '<=' ? 'le' : 'ge', required]).status === 0;
    const rpmSays = root.rpm(['-i', '--test', providers.get(candidate)!, consumer]).status === 0;
    assert.equal(rpmSays, dpkgSays, `libdemo ${candidate} against (${op} ${required}): dpkg ${dpkgSays}, rpm ${rpmSays}`);
  });
});
