// Install v1, upgrade to v2, remove, purge, with dpkg as the judge: maintainer scripts record the
// arguments dpkg passes them (docs/FORMATS.md §B7.1) in a proof file under $DPKG_ROOT, and conffiles
// behave as dpkg promises (a local change survives the upgrade, purge removes them).
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dpkg, dpkgRoot, file, model, script, writeDeb } from '../support/deb.js';
import { needTools, runOk, tempDir } from '../support/helpers.js';

const NAME = 'pkgshift-upgrade';

/** A script body without `#!` (the output adds one) that logs "vN name (argc) args" under $DPKG_ROOT. */
function recorder(version: string, name: string, shebang: boolean): string {
  const body = `printf '%s\\n' "${version} ${name} ($#) $*" >> "$DPKG_ROOT/pkgshift-proof"\n`;
  return shebang ? `#!/bin/sh\nset -e\n${body}` : body;
}

function release(version: '1.0' | '2.0', tag: string) {
  const phases = [['preInstall', 'preinst'], ['postInstall', 'postinst'], ['preRemove', 'prerm'], ['postRemove', 'postrm']] as const;
  return model([
    // Config flags as the pipeline sets them for files under /etc.
    file('/etc/pkgshift-upgrade/kept.conf', 'setting = default\n', { flags: new Set(['config', 'noreplace']) }),
    file('/etc/pkgshift-upgrade/changed.conf', `version = ${version}\n`, { flags: new Set(['config', 'noreplace']) }),
    file('/usr/share/pkgshift-upgrade/marked.cfg', 'marked\n', { flags: new Set(['config']) }),
    file(`/usr/share/pkgshift-upgrade/only-in-${version}`, `${version}\n`),
  ], { name: NAME, version: { upstream: version, release: '1' } },
  // v1 has bodies without a shebang (the output must add one), v2 has its own.
  phases.map(([phase, name]) => script(phase, recorder(tag, name, version === '2.0'))));
}

test('upgrade v1 → v2, remove and purge: dpkg runs the scripts with its arguments, conffiles behave', async (t) => {
  if (!needTools(t, 'dpkg')) return;
  const work = tempDir(t);
  const v1 = await writeDeb(release('1.0', 'v1'), work);
  const v2 = await writeDeb(release('2.0', 'v2'), work);
  assert.ok(v1.diag.items.some((d) => d.id === 'deb-script-shebang'), 'adding #!/bin/sh is reported');
  assert.ok(!v2.diag.items.some((d) => d.id === 'deb-script-shebang'));

  const conffiles = runOk('dpkg-deb', ['-I', v1.path, 'conffiles']).stdout;
  assert.equal(conffiles, '/etc/pkgshift-upgrade/changed.conf\n/etc/pkgshift-upgrade/kept.conf\n/usr/share/pkgshift-upgrade/marked.cfg\n');
  assert.match(runOk('dpkg-deb', ['-I', v1.path, 'postinst']).stdout, /^#!\/bin\/sh\n/);

  const root = dpkgRoot(t);
  const proof = join(root, 'pkgshift-proof');
  const at = (path: string) => join(root, path);
  const lines = () => readFileSync(proof, 'utf8').split('\n').slice(0, -1);

  dpkg(root, '-i', v1.path);
  assert.deepEqual(lines(), ['v1 preinst (1) install', 'v1 postinst (2) configure ' /* $2 is empty on a first install */]);

  writeFileSync(at('etc/pkgshift-upgrade/kept.conf'), 'setting = mine\n');
  writeFileSync(proof, '');
  dpkg(root, '-i', v2.path);
  assert.deepEqual(lines(), [
    'v1 prerm (2) upgrade 2.0-1',
    'v2 preinst (3) upgrade 1.0-1 2.0-1',
    'v1 postrm (2) upgrade 2.0-1',
    'v2 postinst (2) configure 1.0-1',
  ]);
  assert.equal(readFileSync(at('etc/pkgshift-upgrade/kept.conf'), 'utf8'), 'setting = mine\n', 'local change kept');
  assert.equal(readFileSync(at('etc/pkgshift-upgrade/changed.conf'), 'utf8'), 'version = 2.0\n', 'unmodified conffile updated');
  assert.ok(!existsSync(at('etc/pkgshift-upgrade/kept.conf.dpkg-dist')), 'no prompt was needed: the packaged file did not change');
  assert.ok(!existsSync(at('usr/share/pkgshift-upgrade/only-in-1.0')), 'files only in v1 are gone');
  assert.ok(existsSync(at('usr/share/pkgshift-upgrade/only-in-2.0')));
  assert.equal(dpkg(root, '--verify', NAME).stdout, '??5?????? c /etc/pkgshift-upgrade/kept.conf\n');

  writeFileSync(proof, '');
  dpkg(root, '-r', NAME);
  assert.deepEqual(lines(), ['v2 prerm (1) remove', 'v2 postrm (1) remove']);
  assert.ok(existsSync(at('etc/pkgshift-upgrade/kept.conf')), 'remove keeps conffiles');
  assert.ok(existsSync(at('usr/share/pkgshift-upgrade/marked.cfg')), 'remove keeps --config-files too');
  assert.ok(!existsSync(at('usr/share/pkgshift-upgrade/only-in-2.0')));

  writeFileSync(proof, '');
  dpkg(root, '-P', NAME);
  assert.deepEqual(lines(), ['v2 postrm (1) purge']);
  assert.ok(!existsSync(at('etc/pkgshift-upgrade/kept.conf')), 'purge removes the modified conffile');
  assert.ok(!existsSync(at('etc/pkgshift-upgrade/changed.conf')));
  assert.ok(!existsSync(at('usr/share/pkgshift-upgrade/marked.cfg')));
  assert.doesNotMatch(dpkg(root, '-l').stdout, new RegExp(NAME));
});
