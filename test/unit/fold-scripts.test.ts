// rpm scriptlets deb has no script for (%pretrans, %posttrans, file triggers) run inside preinst and
// postinst, checked by running the generated scripts with a real shell; and the way back to rpm.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { rpmFileTriggers, withRpmFileTriggers, type FileTrigger } from '../../src/core/file-triggers.js';
import { emptyMetadata, type Metadata, type Script, type ScriptPhase } from '../../src/core/model.js';
import { companionsOfDeferrable } from '../../src/core/script-bootstrap.js';
import { debFileTriggers, rpmFileTriggersFor, scriptsFor } from '../../src/core/script-translate.js';
import { run, tempDir } from '../support/helpers.js';

const meta: Metadata = { ...emptyMetadata(), name: 'demo', version: { upstream: '2.0', release: '1' } };

const recorder = (phase: ScriptPhase, convention: Script['convention'] = 'rpm', extra = ''): Script => ({
  phase, interpreter: '/bin/sh', convention, body: `echo "${phase} $*" >> "$LOG"\n${extra}`,
});

/** Runs a script with `args` (and stdin `input`); returns its exit status and what it logged. */
function runScript(t: TestContext, script: Script, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; log: string[] } {
  const dir = tempDir(t);
  const file = join(dir, 'script');
  const log = join(dir, 'log');
  writeFileSync(file, script.body, { mode: 0o755 });
  writeFileSync(log, '');
  const result = run(file, args, { env: { PATH: '/usr/bin:/bin', LOG: log, ...env }, input: '' });
  return { status: result.status, log: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

test('%pretrans runs first in preinst on install and upgrade, %posttrans last in postinst on configure', (t) => {
  const rpm = [recorder('preTransaction'), recorder('preInstall'), recorder('postInstall', 'rpm', 'exit 0\n'), recorder('postTransaction'), recorder('preRemove')];
  const deb = scriptsFor('deb', rpm, meta, new Diagnostics());
  assert.deepEqual(deb.map((s) => s.phase), ['preInstall', 'postInstall', 'preRemove']);
  const [preinst, postinst] = deb;
  assert.deepEqual(runScript(t, preinst!, ['install']).log, ['preTransaction 1', 'preInstall 1']);
  assert.deepEqual(runScript(t, preinst!, ['upgrade', '1.0-1']).log, ['preTransaction 2', 'preInstall 2']);
  assert.deepEqual(runScript(t, preinst!, ['abort-upgrade', '1.0-1']).log, []);
  // %post ends with `exit 0`: %posttrans still runs, once, after it.
  assert.deepEqual(runScript(t, postinst!, ['configure', '']).log, ['postInstall 1', 'postTransaction 1']);
  assert.deepEqual(runScript(t, postinst!, ['configure', '1.0-1']).log, ['postInstall 2', 'postTransaction 2']);
  assert.deepEqual(runScript(t, postinst!, ['triggered', '/usr/share/x']).log, []);
  // Back to rpm: the scriptlets as they were.
  const back = scriptsFor('rpm', deb, meta, new Diagnostics());
  assert.deepEqual(back, rpm);
});

test('a failing %pretrans stops the preinst (rpm skips the package), before %pre runs', (t) => {
  const [preinst] = scriptsFor('deb', [recorder('preTransaction', 'rpm', 'exit 3\n'), recorder('preInstall')], meta, new Diagnostics());
  assert.deepEqual(runScript(t, preinst!, ['install']), { status: 3, log: ['preTransaction 1'] });
});

test('an fpm-style script sharing its deb script with a %posttrans runs before it', (t) => {
  const [postinst, ...rest] = scriptsFor('deb', [recorder('postTransaction', 'neutral'), recorder('postInstall', 'neutral')], meta, new Diagnostics());
  assert.equal(rest.length, 0);
  assert.deepEqual(runScript(t, postinst!, ['configure', '']).log, ['postInstall 1', 'postTransaction 1']);
});

const trigger = (when: FileTrigger['when'], body: string, paths = ['/usr/share/foo']): FileTrigger => ({
  transaction: true, when, paths, priority: 1000000, interpreter: '/bin/sh', body,
});

test('rpm file triggers: an in trigger (and its postun twin) runs from postinst on dpkg\'s interest, un triggers are named', (t) => {
  const body = 'echo "trigger $1" >> "$LOG"; cat >> "$LOG"';
  const triggers = [trigger('in', body), trigger('postun', body), { ...trigger('un', 'echo un'), transaction: false }];
  const metadata = { ...meta, extras: { rpm: withRpmFileTriggers({}, triggers) } };
  const mapped = debFileTriggers(metadata);
  assert.deepEqual(mapped.interests, ['interest-noawait /usr/share/foo']);
  assert.deepEqual(mapped.dropped, ['%filetriggerun -- /usr/share/foo']);
  const [postinst] = scriptsFor('deb', [], metadata, new Diagnostics());
  const root = tempDir(t);
  run('mkdir', ['-p', join(root, 'usr/share/foo/sub')]);
  writeFileSync(join(root, 'usr/share/foo/sub/a'), '');
  const env = { DPKG_ROOT: root };
  assert.deepEqual(runScript(t, postinst!, ['triggered', '/usr/share/foo /usr/share/bar'], env).log,
    ['trigger 0', '/usr/share/foo', '/usr/share/foo/sub', '/usr/share/foo/sub/a']);
  assert.deepEqual(runScript(t, postinst!, ['triggered', '/usr/share/bar'], env).log, []);
  // rpm runs a package's own in triggers when it is installed, for the files already there.
  assert.equal(runScript(t, postinst!, ['configure', ''], env).log[0], 'trigger 0');
  assert.deepEqual(runScript(t, postinst!, ['configure', ''], { DPKG_ROOT: tempDir(t) }).log, []);
  // Back to rpm: the in and postun triggers (the un one was dropped, and said so).
  const deb = { ...meta, extras: { 'deb-control-files': { triggers: 'interest-noawait /usr/share/foo\n' } } };
  assert.deepEqual(rpmFileTriggersFor([postinst!], deb, new Diagnostics()), triggers.slice(0, 2).map((t) => ({ ...t, body: `${body}\n` })));
});

test('deb file-trigger interests become rpm %transfiletriggerin/postun running postinst triggered; named triggers are warned', (t) => {
  const postinst = recorder('postInstall', 'deb');
  const metadata = { ...meta, extras: { 'deb-control-files': { triggers: 'interest /usr/share/foo\nactivate-noawait ldconfig\ninterest bar\n' } } };
  const diag = new Diagnostics();
  const triggers = rpmFileTriggersFor([postinst], metadata, diag);
  assert.deepEqual(triggers.map((x) => [x.transaction, x.when, x.paths]), [[true, 'in', ['/usr/share/foo']], [true, 'postun', ['/usr/share/foo']]]);
  assert.deepEqual(diag.items.map((d) => [d.id, d.severity]), [['deb-trigger-ldconfig', 'info'], ['deb-triggers-dropped', 'warning']]);
  assert.match(diag.items[1]!.message, /: dropped: interest bar$/);
  assert.deepEqual(runScript(t, { ...postinst, body: triggers[0]!.body }, ['0']).log, ['postInstall triggered /usr/share/foo']);
  // Back to deb: the interest as it was, run by the postinst itself (no part of its own).
  const back = debFileTriggers({ ...meta, extras: { rpm: withRpmFileTriggers(undefined, triggers) } });
  assert.deepEqual([back.interests, back.parts, back.dropped], [['interest /usr/share/foo'], [], []]);
  assert.deepEqual(rpmFileTriggers({ ...meta, extras: {} }), []);
});

test('debconf templates and config an rpm scriptlet carries come back for the deb', () => {
  const postinst: Script = { phase: 'postInstall', interpreter: '/bin/sh', convention: 'deb', body: '#!/bin/sh\n. /usr/share/debconf/confmodule\ndb_get demo/q\n' };
  const files = { templates: 'Template: demo/q\nType: string\nDescription: ]] a question\n', config: '#!/bin/sh\necho config\n' };
  const [lua] = scriptsFor('rpm', [postinst], { ...meta, extras: { 'deb-control-files': files } }, new Diagnostics());
  assert.deepEqual(companionsOfDeferrable(lua!), files);
  assert.deepEqual(companionsOfDeferrable(postinst), {});
});

test("libc-bin's interest in dpkg's ldconfig trigger becomes rpm file triggers on the library directories", (t) => {
  const postinst = recorder('postInstall', 'deb');
  const metadata = { ...meta, extras: { 'deb-control-files': { triggers: '# Triggers added by dh_makeshlibs\ninterest-await ldconfig\n' } } };
  const diag = new Diagnostics();
  const triggers = rpmFileTriggersFor([postinst], metadata, diag);
  assert.deepEqual(diag.items, []);
  assert.deepEqual(triggers.map((x) => [x.when, x.paths]), [['in', ['/lib', '/usr/lib', '/lib64', '/usr/lib64']], ['postun', ['/lib', '/usr/lib', '/lib64', '/usr/lib64']]]);
  assert.deepEqual(runScript(t, { ...postinst, body: triggers[0]!.body }, ['0']).log, ['postInstall triggered ldconfig']);
  assert.deepEqual(debFileTriggers({ ...meta, extras: { rpm: withRpmFileTriggers(undefined, triggers) } }).interests, ['interest-await ldconfig']);
});
