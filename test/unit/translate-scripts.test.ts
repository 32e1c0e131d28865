// Script shims run by a real shell: each original body must see the arguments of its own format.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type Script, type ScriptPhase } from '../../src/core/model.js';
import { shellOfDeferrable } from '../../src/core/script-bootstrap.js';
import { scriptsFor } from '../../src/core/script-translate.js';
import { runnableScripts } from '../../src/outputs/deb/scripts.js';
import { needTools, runOk, tempDir } from '../support/helpers.js';

const PHASES: ScriptPhase[] = ['preInstall', 'postInstall', 'preRemove', 'postRemove'];

function recorder(convention: 'deb' | 'rpm', interpreter = '/bin/sh'): Script[] {
  return PHASES.map((phase) => ({
    phase, interpreter, convention,
    body: interpreter === '/usr/bin/perl'
      ? `#!/usr/bin/perl\nopen(my $f, '>>', $ENV{LOG}); print $f "${phase} @ARGV\\n";\n`
      : `#!${interpreter}\nset -e\necho "${phase} $*" >> "$LOG"\n`,
  }));
}

/** Runs a shim; a deb install script under rpm is the shell script inside its Lua scriptlet (rpm runs that Lua). */
function runShim(t: Parameters<typeof tempDir>[0], script: Script, args: string[]): string {
  const dir = tempDir(t);
  const file = join(dir, 'script');
  const log = join(dir, 'log');
  const shell = shellOfDeferrable(script);
  writeFileSync(file, shell ?? script.body, { mode: 0o755 });
  writeFileSync(log, '');
  runOk(shell === undefined ? script.interpreter : '/bin/sh', [file, ...args], { env: { ...process.env, LOG: log, PATH: '/usr/bin:/bin' } });
  return readFileSync(log, 'utf8').trim();
}

const meta = { ...emptyMetadata(), name: 'demo', version: { upstream: '2.0', release: '1' } };

test('deb scripts under rpm see dpkg verbs rebuilt from $1', (t) => {
  const shims = scriptsFor('rpm', recorder('deb'), meta, new Diagnostics());
  const by = new Map(shims.map((s) => [s.phase, s]));
  const rows: [ScriptPhase, string, string][] = [
    ['preInstall', '1', 'preInstall install'], ['preInstall', '2', 'preInstall upgrade 0'],
    ['postInstall', '1', 'postInstall configure'], ['postInstall', '2', 'postInstall configure 0'],
    ['preRemove', '0', 'preRemove remove'], ['preRemove', '1', 'preRemove upgrade 0'],
    ['postRemove', '0', 'postRemove remove'], ['postRemove', '1', 'postRemove upgrade 0'],
  ];
  for (const [phase, count, expected] of rows) {
    assert.equal(by.get(phase)!.convention, 'rpm');
    assert.equal(runShim(t, by.get(phase)!, [count]), expected, `${phase} $1=${count}`);
  }
});

test('rpm scriptlets under dpkg see $1 counts rebuilt from the verbs, and ignore unwinding calls', (t) => {
  const shims = scriptsFor('deb', recorder('rpm'), meta, new Diagnostics());
  const by = new Map(shims.map((s) => [s.phase, s]));
  const rows: [ScriptPhase, string[], string][] = [
    ['preInstall', ['install'], 'preInstall 1'], ['preInstall', ['upgrade', '1.0-1'], 'preInstall 2'],
    ['preInstall', ['abort-upgrade', '1.0-1'], ''],
    ['postInstall', ['configure', ''], 'postInstall 1'], ['postInstall', ['configure', '1.0-1'], 'postInstall 2'],
    ['postInstall', ['triggered', '/usr/share/foo'], ''],
    ['preRemove', ['remove'], 'preRemove 0'], ['preRemove', ['upgrade', '2.0-1'], 'preRemove 1'],
    ['postRemove', ['remove'], 'postRemove 0'], ['postRemove', ['upgrade', '2.0-1'], 'postRemove 1'],
    ['postRemove', ['purge'], ''], ['postRemove', ['abort-install'], ''],
  ];
  for (const [phase, args, expected] of rows) assert.equal(runShim(t, by.get(phase)!, args), expected, `${phase} ${args.join(' ')}`);
});

test('a perl script keeps its interpreter behind the shim', (t) => {
  if (!needTools(t, 'perl')) return;
  const [post] = scriptsFor('rpm', recorder('deb', '/usr/bin/perl').filter((s) => s.phase === 'postInstall'), meta, new Diagnostics());
  assert.match(shellOfDeferrable(post!)!, /^#!\/bin\/sh\n/);
  assert.equal(runShim(t, post!, ['2']), 'postInstall configure 0');
});

test('scripts of the target convention or none pass unchanged', () => {
  const neutral: Script = { phase: 'postInstall', interpreter: '/bin/sh', body: 'echo hi\n', convention: 'neutral' };
  const [deb] = recorder('deb');
  assert.deepEqual(scriptsFor('deb', [neutral, deb!], meta, new Diagnostics()), [neutral, deb]);
  assert.deepEqual(scriptsFor('rpm', [neutral], meta, new Diagnostics()), [neutral]);
});

test('what deb cannot run is dropped, named in one warning; Debian-only helpers are warned about', () => {
  const diag = new Diagnostics();
  const pretrans: Script = { phase: 'preTransaction', interpreter: '/bin/sh', body: 'true', convention: 'rpm' };
  const kept = runnableScripts([
    { phase: 'postInstall', interpreter: '<lua>', body: 'print("x")', convention: 'rpm' },
    pretrans,
    { phase: 'verify', interpreter: '/bin/sh', body: 'true', convention: 'rpm' },
    { phase: 'postTransaction', interpreter: '<lua>', body: 'print("y")', convention: 'rpm' },
  ], diag);
  assert.deepEqual(kept, [pretrans]);
  assert.deepEqual(diag.items.map((d) => [d.id, d.message]), [
    ['script-dropped', 'rpm scriptlets dpkg cannot run, left out: %post (<lua>), %verifyscript, %posttrans (<lua>)'],
  ]);
  const helpers = new Diagnostics();
  scriptsFor('rpm', [{ phase: 'postInstall', interpreter: '/bin/sh', body: '. /usr/share/debconf/confmodule\ndb_get foo\n', convention: 'deb' }], meta, helpers);
  assert.deepEqual(helpers.items.map((d) => d.id), ['script-foreign-helper']);
});

test('a shim pkgshift wrote is unwrapped again: round trips give the original script back', () => {
  for (const interpreter of ['/bin/sh', '/usr/bin/perl']) {
    const originals = recorder('deb', interpreter);
    const viaRpm = scriptsFor('rpm', originals, meta, new Diagnostics());
    const back = scriptsFor('deb', viaRpm.map((s) => ({ ...s, convention: 'rpm' as const })), meta, new Diagnostics());
    assert.deepEqual(back, originals, interpreter);
  }
});
