// Every corpus package converted to every output with --strict (in process): lint judges the package
// as written, so a conversion fails only where the written package itself has a lint error. The
// exceptions are listed with the reason, and must keep failing (or be taken off the list).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { PkgError } from '../../src/core/errors.js';
import { convert, withRunContext } from '../../src/pipeline.js';
import { outputs } from '../../src/registry.js';
import { CORPUS, REQUIRE_TOOLS, tempDir } from '../support/helpers.js';

/** `package → output`: the lint error the written package really has. */
const NOT_CLEAN: Record<string, string> = {
  // A deb relation version `1:3.1-81-2` keeps its '-' in the rpm dependency.
  'perl-base_5.36.0-7+deb12u4_amd64.deb → rpm': 'meta-dependency-invalid',
  // The package ships /usr/local/bin/hello (tar has no /usr/local rule).
  'hello-1.0-1.i386.rpm → rpm': 'path-usr-local',
  'hello-1.0-1.i386.rpm → deb': 'path-usr-local',
};

const packages = ['debs', 'rpms'].flatMap((kind) => {
  const dir = join(CORPUS, kind);
  return existsSync(dir) ? readdirSync(dir).filter((n) => /\.(deb|rpm)$/.test(n)).sort().map((n) => join(dir, n)) : [];
});

test('every corpus package converts with --strict to every output, unless the written package has a lint error', async (t) => {
  if (packages.length === 0) {
    if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but the corpus is missing: ${CORPUS}`);
    t.skip(`no corpus at ${CORPUS}`);
    return;
  }
  const dir = tempDir(t);
  const failed: Record<string, string> = {};
  for (const file of packages) {
    for (const output of outputs) {
      const label = `${file.slice(file.lastIndexOf('/') + 1)} → ${output.name}`;
      const errors: string[] = [];
      await withRunContext(new Diagnostics(), false, (ctx) => convert({
        target: output.name, inputs: [file],
        options: { strict: true, force: true, package: join(dir, `out.${output.name}`), debCompression: 'gzip', rpmCompression: 'gzip' },
        onLint: (_pkg, findings) => errors.push(...findings.filter((f) => f.severity === 'error').map((f) => f.id)),
      }, { ...ctx, sourceDateEpoch: 1_700_000_000 })).catch((err: unknown) => {
        if (!(err instanceof PkgError && err.code === 'lint-failed')) throw err;
        failed[label] = [...new Set(errors)].join(' ');
      });
    }
  }
  assert.deepEqual(failed, NOT_CLEAN);
});
