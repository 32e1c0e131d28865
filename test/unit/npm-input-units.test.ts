// npm input translation tables: semver → deb/rpm versions, engines.node → a nodejs relation,
// npm names → package names, repository shortcuts → URLs, npm's errors on one line.
import assert from 'node:assert/strict';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { npmMetadata, packageName, repositoryUrl } from '../../src/inputs/npm/metadata.js';
import { npmErrorSummary } from '../../src/inputs/npm/npm-cli.js';
import { nodeRequirement, semverToUpstream } from '../../src/inputs/npm/semver.js';

test('npm versions: pre-releases become ~, build metadata is dropped', () => {
  const cases: [string, string][] = [
    ['1.2.3', '1.2.3'],
    ['1.2.3-rc.1', '1.2.3~rc.1'],
    ['1.2.3-rc.1+build.5', '1.2.3~rc.1'],
    ['1.0.0-alpha-1', '1.0.0~alpha.1'],
    ['v2.0.0', '2.0.0'],
    ['1.0.0+20240101', '1.0.0'],
  ];
  for (const [semver, upstream] of cases) assert.equal(semverToUpstream(semver), upstream, semver);
});

test('engines.node → nodejs relation: the lower bound, said when simplified', () => {
  const cases: [string | undefined, string, boolean][] = [
    [undefined, 'nodejs', false],
    ['*', 'nodejs', false],
    ['>=18', 'nodejs >= 18', false],
    ['>= 18.0.0', 'nodejs >= 18.0.0', false],
    ['^18.17.0', 'nodejs >= 18.17.0', false],
    ['~20.1', 'nodejs >= 20.1', false],
    ['18.x', 'nodejs >= 18', false],
    ['>16', 'nodejs >> 16', false],
    ['>=14 <20', 'nodejs >= 14', true],
    ['^18.17.0 || >=20', 'nodejs >= 18.17.0', true],
    ['>=20 || ^16.14', 'nodejs >= 16.14', true],
    ['14 - 18', 'nodejs >= 14', true],
    ['<20', 'nodejs', true],
    ['>=18.0.0-rc.1', 'nodejs >= 18.0.0~rc.1', true],
  ];
  for (const [range, expected, said] of cases) {
    const diag = new Diagnostics();
    const r = nodeRequirement(range, diag);
    assert.equal([r.name, r.op, r.version].filter(Boolean).join(' '), expected, String(range));
    assert.equal(diag.items.some((d) => d.id === 'npm-engines-simplified'), said, `diagnostic for ${range}`);
  }
});

test('npm names become valid deb/rpm names', () => {
  assert.equal(packageName('semver', 'node'), 'node-semver');
  assert.equal(packageName('@acme/hello-cli', 'node'), 'node-acme-hello-cli');
  assert.equal(packageName('@acme/hello-cli', ''), 'acme-hello-cli');
  assert.equal(packageName('Legacy_Name', 'node'), 'node-legacy-name');
  assert.equal(packageName('lodash.merge', ''), 'lodash.merge');
});

test('package.json → metadata', () => {
  const m = npmMetadata({
    name: '@acme/tool', version: '3.1.0-beta.2', description: 'Does things\nat length', license: 'MIT',
    author: 'Ada Lovelace <ada@example.org> (https://ada.example)', repository: 'github:acme/tool', engines: { node: '>=20' },
  }, 'node', new Diagnostics());
  assert.equal(m.name, 'node-acme-tool');
  assert.deepEqual(m.version, { upstream: '3.1.0~beta.2' });
  assert.equal(m.summary, 'Does things');
  assert.equal(m.description, 'at length');
  assert.equal(m.license, 'MIT');
  assert.equal(m.maintainer, 'Ada Lovelace <ada@example.org>');
  assert.equal(m.homepage, 'https://github.com/acme/tool');
  assert.deepEqual(m.relations.depends, [{ name: 'nodejs', op: '>=', version: '20' }]);
  const other = npmMetadata({ name: 'x', version: '1.0.0', maintainers: [{ name: 'Bob', email: 'bob@example.org' }], licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] }, 'node', new Diagnostics());
  assert.equal(other.maintainer, 'Bob <bob@example.org>');
  assert.equal(other.license, 'MIT OR Apache-2.0');
});

test('repository shortcuts and git URLs become browsable URLs', () => {
  assert.equal(repositoryUrl('npm/node-semver'), 'https://github.com/npm/node-semver');
  assert.equal(repositoryUrl('gitlab:a/b'), 'https://gitlab.com/a/b');
  assert.equal(repositoryUrl({ type: 'git', url: 'git+https://github.com/npm/node-semver.git' }), 'https://github.com/npm/node-semver');
  assert.equal(repositoryUrl({ url: 'git://github.com/a/b.git' }), 'https://github.com/a/b');
  assert.equal(repositoryUrl(undefined), undefined);
});

test("npm's error output is summarised on one line", () => {
  const stderr = [
    'npm error code E404',
    'npm error 404 Not Found - GET https://registry.npmjs.org/nope-xyz - Not found',
    'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
  ].join('\n');
  assert.equal(npmErrorSummary(stderr), 'code E404; 404 Not Found - GET https://registry.npmjs.org/nope-xyz - Not found');
});
