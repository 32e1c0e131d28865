// Every corpus package converted to the other format installs with the real tool into a throw-away
// root and leaves the same files, modes, owners, mtimes, link targets, hardlinks and contents as the
// original; every script survives with its interpreter.
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, tempDir } from '../support/helpers.js';
import { corpusFiles, infoJson } from '../support/package-listing.js';
import { shellOfDeferrable } from '../../src/core/script-bootstrap.js';
import { assertInstalled, declaredOwners, dpkgInstall, expectedFromDeb, expectedFromRpm, rpmInstall } from '../support/install-tree.js';

function convert(input: string, target: string, dir: string): string {
  const result = pkgshift(['-t', target, '-p', `${dir}/`, input]);
  assert.equal(result.status, 0, `converting ${basename(input)} to ${target}: ${result.stderr}`);
  return result.stdout.trim().split('\n').pop()!;
}

/** What dpkg has no place for: dropped with a warning (README "What conversion changes"). */
const NOT_IN_DEB = new Set(['verify', 'preTransaction', 'postTransaction']);

/**
 * The shell script a converted scriptlet runs: a deb preinst/postinst in an rpm is a Lua scriptlet that
 * writes the shell script out and runs it once its shell exists (src/core/script-bootstrap.ts).
 */
function shellRun(script: { interpreter: string; body: string }): { interpreter: string; body: string } {
  const shell = shellOfDeferrable(script as Parameters<typeof shellOfDeferrable>[0]);
  if (shell === undefined) return script;
  return { interpreter: /^#!\s*(\S+)/.exec(shell)?.[1] ?? '', body: shell };
}

/**
 * Every script the target can hold is kept with its body; its interpreter is kept, or (behind a shim
 * that translates the arguments) the shim runs the body with it. A deb preinst/postinst in an rpm runs
 * from a Lua scriptlet that carries the shim; an rpm /bin/sh scriptlet in a deb runs under /bin/bash
 * (rpm's /bin/sh is bash).
 */
function assertScriptsKept(original: string, converted: string): void {
  const before = infoJson(original).scripts;
  const after = infoJson(converted).scripts;
  for (const script of before) {
    const kept = after.find((s) => s.phase === script.phase);
    if (converted.endsWith('.deb') && (NOT_IN_DEB.has(script.phase) || script.interpreter === '<lua>')) {
      assert.equal(kept, undefined, `${basename(converted)} has no ${script.phase} script`);
      continue;
    }
    assert.ok(kept, `${basename(converted)} keeps the ${script.phase} script`);
    const runs = shellRun(kept);
    assert.ok(runs.interpreter === script.interpreter || runs.body.includes(`${script.interpreter} /dev/fd/3`) ||
      (converted.endsWith('.deb') && script.interpreter === '/bin/sh' && runs.interpreter === '/bin/bash'),
      `${basename(converted)} ${script.phase} interpreter ${script.interpreter} (runs under ${runs.interpreter})`);
    if (script.body.trim() && script.interpreter !== '<lua>') {
      const line = script.body.split('\n').find((l) => l.trim() && !l.startsWith('#!'))!.trim();
      assert.ok(runs.body.includes(line), `${basename(converted)} ${script.phase} keeps the body (${line})`);
    }
  }
}

test('every corpus deb converts to rpm and installs with rpm -i into a throw-away root, same files', async (t) => {
  if (!needTools(t, 'rpm', 'dpkg-deb')) return;
  for (const deb of corpusFiles(t, 'debs')) {
    await t.test(basename(deb), (st) => {
      const dir = tempDir(st);
      const rpm = convert(deb, 'rpm', dir);
      const root = join(dir, 'root');
      rpmInstall(rpm, root);
      const left = assertInstalled(root, expectedFromDeb(deb, dir), declaredOwners(rpm), basename(deb));
      if (left.length) st.diagnostic(`${left.length} directories not owned by the rpm (left to the base system): ${left.slice(0, 5).join(" ")} …`);
      assertScriptsKept(deb, rpm);
    });
  }
});

test('every corpus rpm converts to deb and installs with dpkg -i into a throw-away root, same files', async (t) => {
  if (!needTools(t, 'rpm', 'rpm2cpio', 'cpio', 'dpkg')) return;
  for (const rpm of corpusFiles(t, 'rpms')) {
    await t.test(basename(rpm), (st) => {
      const dir = tempDir(st);
      const deb = convert(rpm, 'deb', dir);
      const root = join(dir, 'root');
      dpkgInstall(deb, root, dir);
      assertInstalled(root, expectedFromRpm(rpm, dir), declaredOwners(deb), basename(rpm));
      assertScriptsKept(rpm, deb);
    });
  }
});
