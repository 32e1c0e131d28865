// Lint stays quiet on real Debian packages: no error-severity finding on ../shared/corpus/debs that
// lintian does not also report as an error. lintian is slow (seconds per package), so it runs only
// for a package where pkgshift reports an error, to check that lintian agrees.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CORPUS, REQUIRE_TOOLS, needTools, pkgshift, run } from '../support/helpers.js';

const DEBS = join(CORPUS, 'debs');

/** Our error ids and the lintian tags (LINT.md §3) that report the same defect. */
const LINTIAN_TAGS: Record<string, string[]> = {
  'path-usr-local': ['file-in-usr-local', 'dir-in-usr-local'],
  'path-home': ['dir-or-file-in-home'],
  'path-tmp': ['dir-or-file-in-tmp', 'dir-or-file-in-var-tmp'],
  'perm-owner-non-root': ['wrong-file-owner-uid-or-gid'],
  'meta-description-missing': ['required-field', 'description-synopsis-is-empty'],
  'meta-maintainer-missing': ['required-field'],
  'meta-name-invalid': ['bad-package-name', 'package-not-lowercase'],
  'meta-version-invalid': ['bad-version-number'],
  'arch-indep-has-elf': ['arch-independent-package-contains-binary-or-object'],
  'arch-elf-mismatch': ['binary-from-other-architecture'],
  'elf-in-wrong-place': ['binary-in-etc', 'arch-dependent-file-in-usr-share'],
  'mscript-no-shebang': ['script-without-interpreter', 'unknown-control-interpreter'],
  'mscript-syntax-error': ['maintainer-shell-script-fails-syntax-check'],
  'conf-missing': ['missing-conffile', 'duplicate-conffile', 'relative-conffile'],
  'conf-outside-etc': ['non-etc-file-marked-as-conffile', 'file-in-usr-marked-as-conffile'],
  'pkg-deb-md5sums': ['md5sum-mismatch'],
  'pkg-deb-control-perms': ['control-file-has-bad-owner', 'control-file-has-bad-permissions', 'unknown-control-file'],
  'path-subdir-in-bin': ['subdir-in-bin', 'subdir-in-usr-bin'],
  'symlink-escapes-root': ['package-contains-unsafe-symlink', 'symlink-has-too-many-up-segments'],
  'script-bad-interpreter': ['script-without-interpreter', 'interpreter-not-absolute', 'interpreter-in-usr-local'],
  'elf-rpath': ['custom-library-search-path', 'relative-library-search-path'],
  'pkg-deb-compression': ['uses-deprecated-compression-for-data-tarball'],
  'doc-manpage-uncompressed': ['uncompressed-manual-page'],
  'junk-python-bytecode': ['package-installs-python-pycache-dir', 'package-installs-python-bytecode'],
  'lib-ldconfig-missing': ['lacks-ldconfig-trigger'],
  'lib-shlibs-missing': ['no-shlibs'],
};

test('no error finding on the Debian corpus that lintian does not also report as an error', (t) => {
  if (!existsSync(DEBS)) {
    if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but the corpus ${DEBS} is absent`);
    t.skip(`corpus ${DEBS} is absent`);
    return;
  }
  const debs = readdirSync(DEBS).filter((f) => f.endsWith('.deb')).sort();
  assert.ok(debs.length > 0);
  for (const deb of debs) {
    const result = pkgshift(['lint', '--format', 'json', '--fail-on', 'never', join(DEBS, deb)]);
    assert.equal(result.status, 0, `${deb}: ${result.stderr}`);
    const report = JSON.parse(result.stdout) as { packages: { findings: { id: string; severity: string; path?: string }[] }[] };
    const errors = report.packages[0]!.findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) continue;
    if (!needTools(t, 'lintian')) return;
    const lintian = run('lintian', ['--no-tag-display-limit', join(DEBS, deb)]).stdout;
    const lintianErrors = new Set([...lintian.matchAll(/^E: [^:]+: (\S+)/gm)].map((m) => m[1]!));
    for (const e of errors) {
      assert.ok((LINTIAN_TAGS[e.id] ?? []).some((tag) => lintianErrors.has(tag)),
        `${deb}: pkgshift reports error ${e.id} ${e.path ?? ''} but lintian reports no matching error (lintian errors: ${[...lintianErrors].join(', ') || 'none'})`);
    }
  }
});
