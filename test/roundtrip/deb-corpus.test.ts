// Real-world debs (../shared/corpus) read by the deb input and written again by the deb output:
// dpkg-deb extracts the same control files, byte for byte (field order, Installed-Size by
// dpkg-gencontrol's rule, md5sums without conffiles, scripts, debconf templates), and the same
// data entries; packages without maintainer scripts are installed with dpkg -i and verified.
import test, { type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { CORPUS, REQUIRE_TOOLS, needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

const DEBS = join(CORPUS, 'debs');

function haveCorpus(t: TestContext): boolean {
  if (existsSync(DEBS)) return true;
  if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but the corpus is missing: ${DEBS}`);
  t.skip(`no corpus at ${DEBS}`);
  return false;
}

/** `dpkg-deb -c` lines as "mode owner size name[ -> target]", sorted (the two writers order siblings differently). */
function listing(deb: string): string[] {
  return runOk('dpkg-deb', ['-c', deb]).stdout.split('\n').filter(Boolean)
    .map((line) => { const f = line.split(/ +/); return [f[0], f[1], f[2], ...f.slice(5)].join(' '); })
    .sort();
}

const names = existsSync(DEBS) ? readdirSync(DEBS).filter((n) => n.endsWith('.deb')).sort() : [];

test('corpus: the deb corpus is present', (t) => {
  if (!haveCorpus(t)) return;
  assert.ok(names.length > 0);
});

for (const name of names) {
  test(`corpus: ${name} → deb → same control files and data entries as the original`, (t) => {
    if (!haveCorpus(t) || !needTools(t, 'dpkg-deb', 'dpkg')) return;
    const work = tempDir(t);
    const original = join(DEBS, name);
    const result = pkgshift(['-s', 'deb', '-t', 'deb', '-p', join(work, 'out.deb'), original], {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
    });
    assert.equal(result.status, 0, result.stderr);
    const ours = join(work, 'out.deb');
    runOk('dpkg-deb', ['-e', original, join(work, 'theirs')]);
    runOk('dpkg-deb', ['-e', ours, join(work, 'ours')]);
    const theirFiles = readdirSync(join(work, 'theirs')).sort();
    assert.deepEqual(readdirSync(join(work, 'ours')).sort(), theirFiles);
    for (const file of theirFiles) {
      assert.equal(readFileSync(join(work, 'ours', file), 'utf8'), readFileSync(join(work, 'theirs', file), 'utf8'), `${name}: ${file}`);
    }
    assert.deepEqual(listing(ours), listing(original));

    const hasScripts = theirFiles.some((f) => ['preinst', 'postinst', 'prerm', 'postrm', 'config'].includes(f));
    if (hasScripts) return; // their scripts would run on this host (--force-script-chrootless)
    const root = dpkgRoot(t);
    dpkg(root, '-i', '--force-depends', ours);
    const pkgName = runOk('dpkg-deb', ['-f', ours, 'Package']).stdout.trim();
    const verify = dpkg(root, '--verify', pkgName);
    assert.equal(verify.stdout + verify.stderr, '');
  });
}
