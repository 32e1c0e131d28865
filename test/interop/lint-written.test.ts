// Lint on packages our own writers built: each rule's defect (lint-cases.ts) written as a real .deb and
// .rpm, then `lintFile` reads the file back. Every rule must fire on what was written, unless the writer
// refuses the defect (pkgshift never ships it) or mends it (the written package no longer has it): both
// lists are pinned below, with the reason, so a change in either direction fails this test.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { PkgError } from '../../src/core/errors.js';
import { normalize } from '../../src/core/normalize.js';
import { lintFile } from '../../src/commands/lint-file.js';
import { RULES } from '../../src/lint/index.js';
import { writeAtomically } from '../../src/output-file.js';
import { withRunContext } from '../../src/pipeline.js';
import { findOutput } from '../../src/registry.js';
import { CASES } from '../support/lint-cases.js';
import { cleanPackage } from '../support/lint-fixtures.js';
import { tempDir } from '../support/helpers.js';

/** Defects that only a package's reader or a conversion's context can show: not a property of a file. */
const CONTEXT_ONLY = new Set(['path-unsafe-member', 'junk-build-path-leak']);

/** Defects in the deb control archive itself, which our deb writer always writes correctly. */
const DEB_CONTROL = new Set(['mscript-not-executable', 'conf-missing', 'pkg-deb-md5sums', 'pkg-deb-control-perms', 'pkg-deb-compression']);

/**
 * Defects our readers refuse outright, so that lint reports the refusal (path-unsafe-member) instead:
 * a symlink climbing above the root is a hostile member to the deb and rpm inputs.
 */
const REPORTED_AS: Record<string, string> = { 'symlink-escapes-root': 'path-unsafe-member' };

/** Defects the writers refuse (pkgshift never ships them) or mend (the written package no longer has them). */
const REFUSED: string[] = [];
const MENDED = [
  'meta-name-invalid', // deb names are lowered, '_' becomes '-'
  'meta-version-invalid', // the version is translated (a '0' prefixed to one not starting with a digit)
  'mscript-no-shebang', // '#!/bin/sh' is added to a maintainer script without one
];

test('each rule fires on a package our writer built with its defect, unless the writer refuses or mends it', async (t) => {
  const dir = tempDir(t);
  const refused: string[] = [];
  const mended: string[] = [];
  for (const c of CASES) {
    const rule = RULES.find((r) => r.id === c.id)!;
    // The format each rule is tested in (as lint-rules does): its own, else deb, else rpm.
    const format = c.format ?? (rule.formats.includes('deb') ? 'deb' : 'rpm');
    if (CONTEXT_ONLY.has(c.id) || (format === 'deb' && DEB_CONTROL.has(c.id))) continue;
    const pkg = cleanPackage(format);
    c.defect(pkg);
    const model = normalize(pkg.model);
    const file = join(dir, `${c.id}.${format === 'tar' ? 'tar.gz' : format}`);
    const findings = await withRunContext(new Diagnostics(), false, async (ctx) => {
      try {
        const output = findOutput(format);
        const plan = await output.plan(model, {}, ctx);
        await writeAtomically(file, true, (out) => output.write(plan, out, ctx));
      } catch (err) {
        if (!(err instanceof PkgError)) throw err;
        refused.push(c.id);
        return undefined;
      }
      return (await lintFile(file, { inputOptions: { keepOwners: true } }, ctx)).findings;
    });
    if (findings && !findings.some((f) => f.id === (REPORTED_AS[c.id] ?? c.id))) mended.push(c.id);
  }
  assert.deepEqual({ refused: refused.sort(), mended: mended.sort() }, { refused: REFUSED, mended: MENDED });
});
