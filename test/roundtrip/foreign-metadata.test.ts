// --keep-foreign-metadata (issue 11): with it, deb → rpm → deb gives the original control file back byte
// for byte and rpm → deb → rpm the original header's metadata as rpm itself prints it; the middle
// package is accepted by its own tools; without the option it holds nothing of the other format.
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import test from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { corpusFiles, infoJson, rpmTag } from '../support/package-listing.js';
import { RpmRoot } from '../support/rpm.js';

function convert(input: string, target: string, out: string, keep = true): string {
  const result = pkgshift(['-t', target, '-p', out, '--no-lint', '--deps', 'keep', ...(keep ? ['--keep-foreign-metadata'] : []), input]);
  assert.equal(result.status, 0, `${basename(input)} → ${target}: ${result.stderr}`);
  return out;
}

/**
 * What rpm prints of a package's metadata: every descriptive tag and every dependency list, sorted, but
 * what each writer adds for itself (rpmlib() features, the self-provides NAME = EVR and NAME(x86-64)),
 * each line once (rpm lists an interpreter once per scriptlet, and a deb has no %verifyscript).
 * The architecture is compared by its neutral name (an i386 rpm comes back as i686).
 */
function rpmMetadata(rpm: string): Record<string, string> {
  const name = rpmTag(rpm, '%{NAME}');
  const own = (line: string) => line.startsWith('rpmlib(') || line.startsWith(`${name} = `) || new RegExp(`^${name.replace(/[.+]/g, '\\$&')}\\([\\w-]+\\) = `).test(line);
  const tags = ['NAME', 'EPOCH', 'VERSION', 'RELEASE', 'SUMMARY', 'DESCRIPTION', 'GROUP', 'LICENSE', 'PACKAGER', 'VENDOR', 'URL',
    'DISTRIBUTION', 'DISTURL', 'BUGURL', 'SOURCERPM', '[%{PREFIXES} ]'];
  const out: Record<string, string> = {};
  for (const tag of tags) out[tag] = rpmTag(rpm, tag.startsWith('[') ? tag : `%{${tag}}`);
  for (const list of ['--requires', '--provides', '--conflicts', '--obsoletes', '--recommends', '--suggests', '--supplements', '--enhances']) {
    out[list] = runOk('rpm', ['-qp', '--nosignature', list, rpm]).stdout.split('\n').filter((line) => line && !own(line)).sort().filter((line, i, all) => line !== all[i - 1]).join('\n');
  }
  out['--changelog'] = runOk('rpm', ['-qp', '--nosignature', '--changelog', rpm]).stdout;
  out.arch = infoJson(rpm).metadata.arch as string;
  return out;
}

test('deb → rpm → deb with --keep-foreign-metadata gives the original control file back byte for byte', async (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpm')) return;
  for (const deb of corpusFiles(t, 'debs')) {
    await t.test(basename(deb), (st) => {
      const dir = tempDir(st);
      const rpm = convert(deb, 'rpm', join(dir, 'via.rpm'));
      assert.match(runOk('rpm', ['-K', '--nosignature', rpm]).stdout, /digests OK/);
      const back = convert(rpm, 'deb', join(dir, 'back.deb'));
      assert.equal(runOk('dpkg-deb', ['-f', back]).stdout, runOk('dpkg-deb', ['-f', deb]).stdout);
      const [a, b] = [infoJson(deb), infoJson(back)];
      assert.deepEqual(b.metadata, a.metadata);
    });
  }
});

test('rpm → deb → rpm with --keep-foreign-metadata gives every tag rpm prints back', async (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpm')) return;
  for (const original of corpusFiles(t, 'rpms')) {
    await t.test(basename(original), (st) => {
      const dir = tempDir(st);
      const back = convert(convert(original, 'deb', join(dir, 'via.deb')), 'rpm', join(dir, 'back.rpm'));
      const expected = rpmMetadata(original);
      // An rpm without a %changelog or %description gets them (rpmlint requires both; README "rpm output").
      const got = rpmMetadata(back);
      if (!expected['--changelog']) got['--changelog'] = '';
      if (!expected.DESCRIPTION) got.DESCRIPTION = '';
      assert.deepEqual(got, expected);
    });
  }
});

test('the middle packages install: dpkg takes the X-Rpm- fields, rpm the deb tag', (t) => {
  if (!needTools(t, 'dpkg', 'dpkg-deb', 'rpm')) return;
  const [hello] = corpusFiles(t, 'debs').filter((f) => basename(f).startsWith('hello_'));
  const [ngircd] = corpusFiles(t, 'rpms').filter((f) => basename(f).startsWith('ngircd-'));
  if (!hello || !ngircd) return;
  const dir = tempDir(t);
  const deb = convert(ngircd, 'deb', join(dir, 'ngircd.deb'));
  assert.match(runOk('dpkg-deb', ['-f', deb, 'X-Rpm-Distribution']).stdout, /^Fedora Project/);
  const root = dpkgRoot(t);
  dpkg(root, '--force-depends', '--force-unsafe-io', '-i', deb);
  assert.match(runOk('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${X-Rpm-Group}', 'ngircd']).stdout, /System Environment\/Daemons/);

  const rpm = convert(hello, 'rpm', join(dir, 'hello.rpm'));
  const rpmRoot = new RpmRoot(t);
  rpmRoot.rpmOk(['-i', '--nodeps', '--noscripts', rpm]);
  assert.match(rpmRoot.rpmOk(['-q', 'hello']).stdout, /^hello-2\.10-3/);
});

test('without --keep-foreign-metadata the output holds nothing of the other format', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const [ngircd] = corpusFiles(t, 'rpms').filter((f) => basename(f).startsWith('ngircd-'));
  const [baseFiles] = corpusFiles(t, 'debs').filter((f) => basename(f).startsWith('base-files_'));
  if (!ngircd || !baseFiles) return;
  const dir = tempDir(t);
  const deb = convert(ngircd, 'deb', join(dir, 'ngircd.deb'), false);
  assert.doesNotMatch(runOk('dpkg-deb', ['-f', deb]).stdout, /^X-Rpm-/im);
  const rpm = convert(baseFiles, 'rpm', join(dir, 'base-files.rpm'), false);
  const back = convert(rpm, 'deb', join(dir, 'back.deb'), false);
  // The deb's own Essential did not travel: the rpm carried none of it.
  assert.equal(runOk('dpkg-deb', ['-f', baseFiles, 'Essential']).stdout.trim(), 'yes');
  assert.notEqual(runOk('dpkg-deb', ['-f', back, 'Essential']).stdout.trim(), 'yes');
});
