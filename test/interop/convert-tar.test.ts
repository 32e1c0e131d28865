// Every corpus deb and rpm converts to a tarball that, extracted by GNU tar as root, holds the
// original's files with their contents, modes, owner names, mtimes, link targets and hardlinks.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { corpusFiles } from '../support/package-listing.js';
import { assertInstalled, expectedFromDeb, expectedFromRpm } from '../support/install-tree.js';

/** path → "user:group" as the tarball's headers name them. */
function tarOwners(tarball: string): Map<string, string> {
  const out = runOk('tar', ['-tvf', tarball], { env: { ...process.env, TZ: 'UTC' } }).stdout;
  return new Map(out.split('\n').filter(Boolean).map((line) => {
    const m = /^\S+ (\S+)\/(\S+) +\d+ \S+ \S+ \.(\/.*?)(?: -> .*| link to .*)?$/.exec(line);
    assert.ok(m, `unparsed tar -tv line: ${line}`);
    return [m[3]!.replace(/\/$/, '') || '/', `${m[1]}:${m[2]}`];
  }));
}

for (const kind of ['debs', 'rpms'] as const) {
  test(`every corpus ${kind.slice(0, -1)} converts to tar with the same files, contents, modes, owners and links`, async (t) => {
    if (!needTools(t, 'tar', ...(kind === 'debs' ? ['dpkg-deb'] : ['rpm', 'rpm2cpio', 'cpio']))) return;
    for (const pkg of corpusFiles(t, kind)) {
      await t.test(basename(pkg), (st) => {
        const dir = tempDir(st);
        const tarball = join(dir, 'out.tar');
        const result = pkgshift(['-t', 'tar', '--compression', 'none', '-p', tarball, '--quiet', pkg]);
        assert.equal(result.status, 0, result.stderr);
        const root = join(dir, 'root');
        mkdirSync(root);
        runOk('tar', ['-xpf', tarball, '-C', root, '--same-owner']);
        const expected = kind === 'debs' ? expectedFromDeb(pkg, dir) : expectedFromRpm(pkg, dir);
        const declared = tarOwners(tarball);
        const undeclared = assertInstalled(root, expected, declared, basename(pkg));
        assert.deepEqual(undeclared, [], 'the tarball holds every directory of the package');
      });
    }
  });
}
