// `pkgshift repo` given damaged packages or a damaged repository: one line, non-zero exit, the
// repository exactly as it was, no staging directory left.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { tempDir } from '../support/helpers.js';
import { buildPackage, repo, repoOk, treeDigest } from '../support/repo.js';

for (const type of ['deb', 'rpm'] as const) {
  const kind = type === 'deb' ? 'apt' : 'rpm';
  test(`${kind}: truncated and corrupted ${type}s are refused in one line and change nothing`, (t) => {
    const root = join(tempDir(t), 'repo');
    const good = buildPackage(t, type, { name: 'good', version: '1.0' });
    repoOk([kind, root, good]);
    const before = treeDigest(root);
    const bytes = readFileSync(buildPackage(t, type, { name: 'bad', version: '1.0' }));
    const damaged = {
      truncated: bytes.subarray(0, Math.floor(bytes.length / 3)),
      'header flipped': Buffer.from(bytes.map((b, i) => (i > 200 && i < 260 ? b ^ 0xff : b))),
      empty: Buffer.alloc(0),
    };
    for (const [what, content] of Object.entries(damaged)) {
      const file = join(tempDir(t), `bad.${type}`);
      writeFileSync(file, content);
      const result = repo([kind, root, good, file]);
      assert.notEqual(result.status, 0, what);
      assert.equal(result.stderr.split('\n').length, 2, `${what}: one line: ${result.stderr}`);
      assert.match(result.stderr, /^pkgshift: error: .*bad\.(deb|rpm)/, what);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(treeDigest(root), before, `${what}: the repository is unchanged`);
      assert.ok(!existsSync(join(root, '.pkgshift-staging')));
    }
  });
}

test('a damaged repository index is named, and nothing is written', (t) => {
  const root = join(tempDir(t), 'repo');
  repoOk(['apt', root, buildPackage(t, 'deb', { name: 'good', version: '1.0' })]);
  writeFileSync(join(root, '.pkgshift/index.json'), '{"kind": "apt", "entr');
  const before = treeDigest(root);
  const result = repo(['apt', root, '--prune', '1']);
  assert.equal(result.stderr, `pkgshift: error: the repository index ${join(root, '.pkgshift/index.json')} is damaged (not JSON)\n`);
  assert.deepEqual(treeDigest(root), before);
  const wrongKind = repo(['rpm', join(tempDir(t), 'x'), '--list']);
  assert.equal(wrongKind.status, 0, 'listing a repository that does not exist lists nothing');
  writeFileSync(join(root, '.pkgshift/index.json'), '{"kind": "apt", "entries": [], "published": [], "previous": []}');
  assert.match(repo(['rpm', root, '--list']).stderr, /is an apt repository, not rpm-md\n$/);
});
