// What an rpm says that a deb says otherwise (issue 11): ISO-8859-1 header text, %changelog ⇄
// changelog.Debian.gz, Group ⇄ Section, judged by rpmbuild, dpkg-deb, dpkg-parsechangelog and rpm.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { corpusFiles } from '../support/package-listing.js';

/** A spec as an old packager's editor saved it: ISO-8859-1, `ü` and `é` as single bytes. */
const LATIN1_SPEC = `Name: latin
Version: 1.0
Release: 1
Summary: Caf\u00e9 tools by J\u00fcrgen
License: MIT
Group: Development/Languages/Perl
Packager: J\u00fcrgen M\u00fcller <jm@example.org>
BuildArch: noarch
%description
Les outils du caf\u00e9, \u00e9crits par J\u00fcrgen.
%install
mkdir -p %{buildroot}/usr/share/latin
echo x > %{buildroot}/usr/share/latin/x
%files
/usr/share/latin
%changelog
* Mon Jan 15 2024 J\u00fcrgen M\u00fcller <jm@example.org> - 1.0-1
- Premi\u00e8re version
  sur deux lignes
`;

function toDeb(input: string, dir: string, extra: string[] = []): string {
  const out = join(dir, `${basename(input)}.deb`);
  const result = pkgshift(['-t', 'deb', '--no-lint', '-p', out, ...extra, input]);
  assert.equal(result.status, 0, result.stderr);
  return out;
}

function changelogOf(deb: string, dir: string): string {
  const root = join(dir, 'x');
  mkdirSync(root, { recursive: true });
  runOk('dpkg-deb', ['-x', deb, root]);
  const name = runOk('dpkg-deb', ['-f', deb, 'Package']).stdout.trim();
  return runOk('dpkg-parsechangelog', ['-l', join(root, `usr/share/doc/${name}/changelog.Debian.gz`), '--all']).stdout;
}

test('ISO-8859-1 text of an rpm built from a Latin-1 spec becomes UTF-8 in the deb, never U+FFFD', (t) => {
  if (!needTools(t, 'rpmbuild', 'dpkg-deb', 'dpkg-parsechangelog')) return;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'latin.spec'), Buffer.from(LATIN1_SPEC, 'latin1'));
  // rpmbuild ≥ 4.17 refuses such text unless told not to, as older ones did not check it at all.
  const top = join(dir, 'top');
  runOk('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, '--define', '_invalid_encoding_terminates_build 0', join(dir, 'latin.spec')]);
  const rpm = join(top, 'RPMS', 'noarch', readdirSync(join(top, 'RPMS', 'noarch'))[0]!);
  assert.match(runOk('sh', ['-c', `rpm -qp --qf '%{PACKAGER}' '${rpm}' | od -c`]).stdout, /J +374 +r +g +e +n/, 'the header holds the ISO-8859-1 byte');
  const deb = toDeb(rpm, dir);
  const control = runOk('dpkg-deb', ['-f', deb]).stdout;
  assert.doesNotMatch(control, /\uFFFD/);
  assert.match(control, /^Description: Caf\u00e9 tools by J\u00fcrgen\n Les outils du caf\u00e9, \u00e9crits par J\u00fcrgen\.$/m);
  assert.match(control, /^Maintainer: J\u00fcrgen M\u00fcller <jm@example\.org>$/m);
  assert.match(control, /^Section: perl$/m);
  const changelog = changelogOf(deb, dir);
  assert.match(changelog, /^Maintainer: J\u00fcrgen M\u00fcller <jm@example\.org>$/m);
  assert.match(changelog, /^ {3}\* Premi\u00e8re version\n {5}sur deux lignes$/m);
});

test('rpm %changelog becomes a changelog.Debian.gz dpkg-parsechangelog reads, gzip -9n and reproducible', (t) => {
  if (!needTools(t, 'dpkg-deb', 'dpkg-parsechangelog')) return;
  const [ngircd] = corpusFiles(t, 'rpms').filter((f) => basename(f).startsWith('ngircd-'));
  const [mc] = corpusFiles(t, 'rpms').filter((f) => basename(f).startsWith('mc-'));
  if (!ngircd || !mc) return;
  const dir = tempDir(t);
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
  const deb = toDeb(ngircd, dir);
  const first = changelogOf(deb, join(dir, 'a'));
  assert.match(first, /^ ngircd \(22-2\) unstable; urgency=medium$/m);
  assert.match(first, /^ ngircd \(21\.1-5\) unstable; urgency=medium$/m);
  assert.match(first, /^ {3}\* Set default gnutls ciphers to "@SYSTEM"\. Fixes bug #1179328$/m);
  assert.match(first, /^Maintainer: Kevin Fenzi <kevin@scrye\.com>\nTimestamp: 1421625600\nDate: Mon, 19 Jan 2015 00:00:00 \+0000$/m);
  // mc's entries name a bare address and no version: Debian's trailer and heading still get both.
  const mcLog = changelogOf(toDeb(mc, dir), join(dir, 'b'));
  assert.match(mcLog, /^Maintainer: adam\.majer@suse\.de <adam\.majer@suse\.de>$/m);
  assert.match(mcLog, /^ mc \(4\.8\.15-10\.3\.1\) unstable; urgency=medium$/m);
  // gzip -9n: no name and no time in the gzip header; two runs give the same bytes.
  const root = join(dir, 'a', 'x');
  const gz = join(root, 'usr/share/doc/ngircd/changelog.Debian.gz');
  assert.match(runOk('file', [gz]).stdout, /max compression/);
  assert.doesNotMatch(runOk('file', [gz]).stdout, /was "|last modified/);
  const again = [join(dir, 'one.deb'), join(dir, 'two.deb')].map((out) => {
    assert.equal(pkgshift(['-t', 'deb', '--no-lint', '-p', out, ngircd], { env }).status, 0);
    return runOk('sha256sum', [out]).stdout.split(' ')[0];
  });
  assert.equal(again[0], again[1]);
});

test('a deb changelog.Debian.gz becomes the rpm %changelog', (t) => {
  if (!needTools(t, 'rpm')) return;
  const [cron] = corpusFiles(t, 'debs').filter((f) => basename(f).startsWith('cron_'));
  if (!cron) return;
  const dir = tempDir(t);
  const rpm = join(dir, 'cron.rpm');
  assert.equal(pkgshift(['-t', 'rpm', '--no-lint', '-p', rpm, cron]).status, 0);
  const log = runOk('rpm', ['-qp', '--changelog', rpm]).stdout;
  assert.match(log, /^\* Thu Mar 02 2023 Georges Khaznadar <georgesk@debian\.org> - 3\.0pl1-162\n- moved "Breaks: systemd-cron\(<<1\.15\.19-5~\)" to the package\n {2}cron-daemon-common\. Closes: #1031231$/m);
  assert.equal(log.match(/^\* /gm)?.length, 28, 'every entry of the deb\'s changelog, not one generated');
  assert.equal(runOk('rpm', ['-qp', '--qf', '%{GROUP}', rpm]).stdout, 'System Environment/Base');
});
