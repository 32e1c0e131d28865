// Sloppy packages, as alien, fpm and hand-built ones come out: built here with dpkg-deb and rpmbuild,
// each with a list of defects. For every defect, pkgshift reports its rule and the real linter
// (lintian for the deb, rpmlint for the rpm) reports the same defect on the same file.
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, run, runOk, tempDir } from '../support/helpers.js';

interface Defect { id: string; severity: string; tool: string }

function put(root: string, path: string, content: string | Buffer, mode = 0o644): void {
  const to = join(root, path);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, content);
  chmodSync(to, mode);
}

function pkgshiftFindings(file: string): { id: string; severity: string }[] {
  const result = pkgshift(['lint', '--format', 'json', '--fail-on', 'never', file]);
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { packages: { findings: { id: string; severity: string }[] }[] }).packages[0]!.findings;
}

function check(defects: Defect[], ours: { id: string; severity: string }[], theirs: string): void {
  for (const d of defects) {
    assert.ok(ours.some((f) => f.id === d.id && f.severity === d.severity), `pkgshift misses ${d.id} (${d.severity}): ${JSON.stringify(ours)}`);
    assert.match(theirs, new RegExp(`\\b${d.tool.replace(/[%]/g, '\\$&')}\\b`), `the real linter does not report ${d.tool} for ${d.id}:\n${theirs}`);
  }
}

const LIBRARY = '/lib/x86_64-linux-gnu/libz.so.1';

test('an alien/fpm-style deb: pkgshift and lintian report the same defects', (t) => {
  if (!needTools(t, 'dpkg-deb', 'lintian')) return;
  const root = join(tempDir(t), 'root');
  put(root, 'DEBIAN/control', 'Package: sloppy\nVersion: 1.0-2\nSection: alien\nPriority: extra\nArchitecture: amd64\n'
    + 'Maintainer: Jane Doe <jane@example.org>\nLicense: MIT\nVendor: Acme\nDescription: a sloppy package\n Built the way converters build them.\n');
  put(root, 'DEBIAN/postinst', '#!/bin/sh\nset -e\necho configured > /tmp/sloppy.log\n', 0o755);
  put(root, 'DEBIAN/prerm', '#!/bin/sh\n', 0o755);
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  copyFileSync('/bin/true', join(root, 'usr/bin/sloppy'));
  chmodSync(join(root, 'usr/bin/sloppy'), 0o755);
  put(root, 'usr/bin/sloppy-py', '#!/usr/bin/python3\nprint("hi")\n', 0o755);
  put(root, 'usr/share/sloppy/setup.sh', '#!/bin/sh\necho setting up\n', 0o644);
  put(root, 'usr/share/man/man1/sloppy.1', '.TH SLOPPY 1\n.SH NAME\nsloppy \\- be sloppy\n');
  put(root, 'usr/lib/python3/dist-packages/sloppy/__init__.py', '');
  put(root, 'usr/lib/python3/dist-packages/sloppy/__pycache__/__init__.cpython-311.pyc', 'bytecode');
  mkdirSync(join(root, 'usr/lib/x86_64-linux-gnu'), { recursive: true });
  copyFileSync(LIBRARY, join(root, 'usr/lib/x86_64-linux-gnu/libz.so.1'));
  put(root, 'usr/share/doc/sloppy/copyright', 'Copyright 2024 Jane Doe\n');
  const deb = join(tempDir(t), 'sloppy_1.0-2_amd64.deb');
  runOk('dpkg-deb', ['--root-owner-group', '-Znone', '--build', root, deb]);
  const defects: Defect[] = [
    { id: 'meta-placeholder-value', severity: 'warning', tool: 'priority-extra-is-replaced-by-priority-optional' },
    { id: 'meta-field-unknown', severity: 'warning', tool: 'unknown-field' },
    { id: 'doc-manpage-uncompressed', severity: 'error', tool: 'uncompressed-manual-page' },
    { id: 'junk-python-bytecode', severity: 'error', tool: 'package-installs-python-pycache-dir' },
    { id: 'script-not-executable', severity: 'warning', tool: 'script-not-executable' },
    { id: 'mscript-tmp', severity: 'warning', tool: 'possibly-insecure-handling-of-tmp-files-in-maintainer-script' },
    { id: 'mscript-empty', severity: 'warning', tool: 'maintainer-script-empty' },
    { id: 'lib-ldconfig-missing', severity: 'error', tool: 'lacks-ldconfig-trigger' },
    { id: 'lib-shlibs-missing', severity: 'error', tool: 'no-shlibs' },
    { id: 'elf-soname-undeclared', severity: 'warning', tool: 'undeclared-elf-prerequisites' },
    { id: 'script-interpreter-undeclared', severity: 'warning', tool: 'python3-script-but-no-python3-dep' },
    { id: 'pkg-deb-compression', severity: 'warning', tool: 'uses-no-compression-for-data-tarball' },
  ];
  const lintian = run('lintian', ['--tag-display-limit', '0', deb]).stdout;
  check(defects, pkgshiftFindings(deb), lintian);
  // The gate fails on it, as it passes on real distro packages (lint-real-packages.test.ts).
  assert.equal(pkgshift(['lint', '--fail-on', 'warning', deb]).status, 3);
});

test('a sloppy rpm: pkgshift and rpmlint report the same defects', (t) => {
  if (!needTools(t, 'rpmbuild', 'rpmlint')) return;
  const top = tempDir(t);
  const spec = join(top, 'sloppy.spec');
  writeFileSync(spec, `Name: sloppy\nVersion: 1.0\nRelease: 1\nSummary: a sloppy package\nLicense: MIT\nURL: https://example.org/sloppy\n`
    + 'Obsoletes: sloppy <= 2.0\n'
    + '%define __os_install_post %{nil}\n%define debug_package %{nil}\n'
    + '%description\nBuilt the way converters build them.\n'
    + '%install\nmkdir -p %{buildroot}/usr/share/man/man1 %{buildroot}/usr/lib64 %{buildroot}/usr/share/sloppy\n'
    + "printf '.TH SLOPPY 1\\n' > %{buildroot}/usr/share/man/man1/sloppy.1\n"
    + `cp ${LIBRARY} %{buildroot}/usr/lib64/libz.so.1\n`
    + "printf '#!/bin/sh\\necho hi\\n' > %{buildroot}/usr/share/sloppy/setup.sh\nchmod 0644 %{buildroot}/usr/share/sloppy/setup.sh\n"
    + '%post\n%postun\nrm -f /tmp/sloppy.state\n'
    + '%files\n/usr/share/man/man1/sloppy.1\n/usr/lib64/libz.so.1\n/usr/share/sloppy\n');
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${top}`, spec]);
  const dir = join(top, 'RPMS', 'x86_64');
  const rpm = join(dir, readdirSync(dir).find((f) => f.endsWith('.rpm'))!);
  const defects: Defect[] = [
    { id: 'meta-self-obsoletion', severity: 'warning', tool: 'self-obsoletion' },
    { id: 'mscript-tmp', severity: 'warning', tool: 'use-tmp-in-%postun' },
    { id: 'mscript-empty', severity: 'warning', tool: 'empty-%post' },
    { id: 'doc-manpage-uncompressed', severity: 'warning', tool: 'manpage-not-compressed' },
    { id: 'lib-ldconfig-missing', severity: 'warning', tool: 'postin-without-ldconfig' },
    { id: 'script-not-executable', severity: 'warning', tool: 'non-executable-script' },
  ];
  const rpmlint = run('rpmlint', [rpm]).stdout;
  check(defects, pkgshiftFindings(rpm), rpmlint);
  assert.equal(pkgshift(['lint', '--fail-on', 'warning', rpm]).status, 3);
});

/** A finding id that needs the package's files: it cannot appear when the reader refused them. */
const NEEDS_FILES = /^(?:doc-|pkg-empty|pkg-timestamps|pkg-deb-md5sums|path-(?!unsafe)|perm-|junk-|symlink-|elf-|lib-|arch-|script-|conf-|name-)/;

test('an archive refused as unsafe still gets every finding its metadata allows (dpkg-deb and rpmbuild built)', (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpmbuild')) return;
  const root = join(tempDir(t), 'root');
  put(root, 'DEBIAN/control', 'Package: hostile\nVersion: 1.0-2\nSection: alien\nPriority: extra\nArchitecture: all\n'
    + 'Maintainer: Jane Doe <jane@example.org>\nLicense: MIT\nDescription: a hostile package\n With a symlink out of the root.\n');
  put(root, 'DEBIAN/postinst', '#!/bin/sh\nset -e\necho configured > /tmp/hostile.log\n', 0o755);
  put(root, 'DEBIAN/prerm', '#!/bin/sh\n', 0o755);
  mkdirSync(join(root, 'usr/share/hostile'), { recursive: true });
  symlinkSync('../../../../../etc/shadow', join(root, 'usr/share/hostile/escape'));
  const deb = join(tempDir(t), 'hostile_1.0-2_all.deb');
  runOk('dpkg-deb', ['--root-owner-group', '-Znone', '--build', root, deb]);

  const top = tempDir(t);
  const spec = join(top, 'hostile.spec');
  writeFileSync(spec, 'Name: hostile\nVersion: 1.0\nRelease: 1\nSummary: a hostile package\nLicense: MIT\nBuildArch: noarch\n'
    + 'Obsoletes: hostile <= 2.0\n%define __os_install_post %{nil}\n%description\nWith a symlink out of the root.\n'
    + '%install\nmkdir -p %{buildroot}/usr/share/hostile\nln -s ../../../../../etc/shadow %{buildroot}/usr/share/hostile/escape\n'
    + '%post\n%postun\nrm -f /tmp/hostile.state\n%files\n/usr/share/hostile\n');
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${top}`, spec]);
  const rpm = join(top, 'RPMS', 'noarch', readdirSync(join(top, 'RPMS', 'noarch'))[0]!);

  const expected: [string, [string, string][]][] = [
    [deb, [['meta-placeholder-value', 'warning'], ['meta-field-unknown', 'warning'], ['mscript-tmp', 'warning'],
      ['mscript-empty', 'warning'], ['pkg-deb-compression', 'warning']]],
    [rpm, [['meta-self-obsoletion', 'warning'], ['mscript-tmp', 'warning'], ['mscript-empty', 'warning']]],
  ];
  for (const [file, metadataFindings] of expected) {
    const findings = pkgshiftFindings(file);
    const refusal = findings.find((f) => f.id === 'path-unsafe-member');
    assert.equal(refusal?.severity, 'error', `the refusal is reported for ${file}: ${JSON.stringify(findings)}`);
    for (const [id, severity] of metadataFindings) {
      assert.ok(findings.some((f) => f.id === id && f.severity === severity), `${file}: ${id} (${severity}) is reported beside the refusal: ${JSON.stringify(findings)}`);
    }
    assert.deepEqual(findings.filter((f) => NEEDS_FILES.test(f.id)), [], 'nothing is said about files that were never read');
    const text = pkgshift(['lint', file]);
    assert.equal(text.status, 3);
    assert.match(text.stdout, /^E: hostile: path-unsafe-member .*refusing symlink/m);
  }
});
