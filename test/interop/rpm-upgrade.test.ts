// Upgrade and erase with scriptlets that really run (chrooted into the throw-away root, with a copied
// /bin/sh): $1 is 1 on install, 2 on upgrade, 1 for the old package's removal scripts, 0 on erase; a
// modified %config(noreplace) file survives as rpm documents (.rpmnew on upgrade, .rpmsave on erase).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type PackageModel, type ScriptPhase } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { writeAtomically } from '../../src/output-file.js';
import { rpmOutput } from '../../src/outputs/rpm/index.js';
import { needTools, tempDir } from '../support/helpers.js';
import { RpmRoot, buildRpm } from '../support/rpm.js';

const proof = (phase: string) => `#!/bin/sh\necho "${phase} $1" >> /proof.log\n`;

test('upgrade v1 → v2 and erase: scriptlet arguments and %config(noreplace) handling', (t) => {
  if (!needTools(t, 'rpm')) return;
  const dir = tempDir(t);
  const scripts: string[] = [];
  for (const [option, phase] of [['--before-install', 'pre'], ['--after-install', 'post'], ['--before-remove', 'preun'], ['--after-remove', 'postun']]) {
    writeFileSync(join(dir, `${phase}.sh`), proof(phase!));
    scripts.push(option!, join(dir, `${phase}.sh`));
  }
  const packages = [1, 2].map((v) => {
    const tree = join(dir, `v${v}`);
    mkdirSync(join(tree, 'etc/upg'), { recursive: true });
    mkdirSync(join(tree, 'usr/lib/upg'), { recursive: true });
    writeFileSync(join(tree, 'etc/upg/upg.conf'), `version=${v}\n`);
    writeFileSync(join(tree, `usr/lib/upg/only-in-v${v}`), `${v}\n`);
    return buildRpm(dir, ['-s', 'dir', '-n', 'upg', '-v', `${v}.0`, '-a', 'all', '--license', 'MIT',
      '--description', 'Upgrade\nUpgrade test.', ...scripts, '-C', tree, 'etc', 'usr']);
  });
  const root = new RpmRoot(t);
  if (!root.installShell()) {
    t.skip('cannot put a /bin/sh into the throw-away root (needs root and /bin/dash)');
    return;
  }
  const conf = join(root.path, 'etc/upg/upg.conf');
  const log = () => readFileSync(join(root.path, 'proof.log'), 'utf8').trim().split('\n');

  // --nodeps: the root's database does not know the copied /bin/sh.
  root.rpmOk(['-i', '--nodeps', packages[0]!]);
  assert.deepEqual(log(), ['pre 1', 'post 1']);
  assert.equal(readFileSync(conf, 'utf8'), 'version=1\n');
  writeFileSync(conf, 'edited by the admin\n');

  const upgrade = root.rpmOk(['-U', '--nodeps', packages[1]!]);
  assert.match(upgrade.stderr, /upg\.conf created as \/etc\/upg\/upg\.conf\.rpmnew/);
  assert.deepEqual(log(), ['pre 1', 'post 1', 'pre 2', 'post 2', 'preun 1', 'postun 1']);
  assert.equal(readFileSync(conf, 'utf8'), 'edited by the admin\n');
  assert.equal(readFileSync(`${conf}.rpmnew`, 'utf8'), 'version=2\n');
  assert.ok(!existsSync(join(root.path, 'usr/lib/upg/only-in-v1')), 'files only in v1 are removed');
  assert.ok(existsSync(join(root.path, 'usr/lib/upg/only-in-v2')));

  const erase = root.rpmOk(['-e', '--nodeps', 'upg']);
  assert.match(erase.stderr, /upg\.conf saved as \/etc\/upg\/upg\.conf\.rpmsave/);
  assert.deepEqual(log().slice(6), ['preun 0', 'postun 0']);
  assert.equal(readFileSync(`${conf}.rpmsave`, 'utf8'), 'edited by the admin\n');
  assert.ok(!existsSync(join(root.path, 'usr/lib/upg/only-in-v2')));
});

test('pretrans, posttrans (shell) and a <lua> scriptlet run; the lua one needs no interpreter', async (t) => {
  if (!needTools(t, 'rpm')) return;
  const dir = tempDir(t);
  const script = (phase: ScriptPhase, interpreter: string, body: string) => ({ phase, interpreter, body, convention: 'rpm' as const });
  const model: PackageModel = normalize({
    metadata: { ...emptyMetadata(), name: 'trans', version: { upstream: '1.0' }, summary: 'Trans', description: 'Transaction scripts.', license: 'MIT' },
    files: [],
    scripts: [
      script('preTransaction', '/bin/sh', proof('pretrans')),
      script('postTransaction', '/bin/sh', proof('posttrans')),
      script('postInstall', '<lua>', 'local f = io.open("/lua.log", "w"); f:write("lua " .. arg[2]); f:close()'),
    ],
  });
  let counter = 0;
  const ctx = { diag: new Diagnostics(), verbose: false, sourceDateEpoch: 1700000000, tempPath: (n: string) => join(dir, `${counter++}-${n}`) };
  const plan = await rpmOutput.plan(model, {}, ctx);
  const pkg = join(dir, plan.fileName);
  await writeAtomically(pkg, false, (out) => rpmOutput.write(plan, out, ctx));

  const root = new RpmRoot(t);
  const requires = root.rpmOk(['-qp', '--requires', pkg]).stdout;
  assert.match(requires, /rpmlib\(BuiltinLuaScripts\)/);
  assert.doesNotMatch(requires, /<lua>/);
  if (!root.installShell()) {
    t.skip('cannot put a /bin/sh into the throw-away root (needs root and /bin/dash)');
    return;
  }
  root.rpmOk(['-i', '--nodeps', pkg]);
  assert.deepEqual(readFileSync(join(root.path, 'proof.log'), 'utf8').trim().split('\n'), ['pretrans 1', 'posttrans 1']);
  assert.equal(readFileSync(join(root.path, 'lua.log'), 'utf8'), 'lua 1');
});
