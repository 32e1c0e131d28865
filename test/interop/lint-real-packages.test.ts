// Lint on packages nobody wrote for pkgshift: ../shared/corpus (always there in CI) and the cached real
// Debian packages of test/support/real-debs.ts (when present). Every error or warning is either a true
// defect listed below with its reason, or absent; `--fail-on warning` passes on every real distro
// package. The corpus's maintainer scripts all go through the bashism check without a finding.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { findBashisms, isPosixShell } from '../../src/lint/bashism.js';
import { readPackage, sniffInput, withRunContext } from '../../src/pipeline.js';
import { CORPUS, REQUIRE_TOOLS, pkgshift } from '../support/helpers.js';
import { realDebs } from '../support/real-debs.js';

/** True defects of the corpus's repacks and rpm test data (not distro packages), as `id path` lines. */
const DEFECTS: Record<string, { findings: string[]; why: string }> = {
  'repack-bzip2_libgeronimo-interceptor-3.0-spec-java_1.0.1-4_all.deb': {
    findings: ['E pkg-deb-compression'], why: 'data.tar.bz2: dpkg-deb no longer builds bzip2 (lintian uses-deprecated-compression-for-data-tarball)',
  },
  'repack-none_ruby-sdbm_1.0.0-5+b1_amd64.deb': {
    findings: ['W pkg-deb-compression', 'W pkg-deb-compression'], why: 'control.tar and data.tar uncompressed (lintian uses-no-compression-for-*-tarball)',
  },
  'empty-0-0.x86_64.rpm': { findings: ['W meta-description-missing', 'W pkg-empty'], why: 'rpm test data: no description, no files' },
  'hello-1.0-1.i386.rpm': {
    findings: ['E path-usr-local /usr/local/bin/hello', 'W mscript-empty', 'W mscript-empty', 'W mscript-empty', 'W mscript-empty', 'W perm-nonstandard-mode /usr/local/bin/hello'],
    why: 'rpm test data: installs into /usr/local, mode 0751, four empty /bin/sh scriptlets (rpmlint empty-%pre …)',
  },
  'hlinktest-1.0-1.noarch.rpm': {
    findings: ['W meta-description-missing', 'W path-nonstandard-dir /foo', 'W script-not-executable /foo/aaaa'],
    why: 'rpm test data: files in /foo, a #!/bin/sh file with mode 0644, no description',
  },
};

function corpusFiles(): string[] {
  return ['debs', 'rpms'].flatMap((d) => {
    const dir = join(CORPUS, d);
    return existsSync(dir) ? readdirSync(dir).filter((f) => /\.(?:deb|rpm)$/.test(f)).sort().map((f) => join(dir, f)) : [];
  });
}

function corpusOrSkip(t: test.TestContext): string[] | undefined {
  const files = corpusFiles();
  if (files.length) return files;
  if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but the corpus ${CORPUS} is absent`);
  t.skip(`corpus ${CORPUS} is absent`);
  return undefined;
}

interface Report { packages: { file: string; findings: { id: string; severity: string; path?: string }[] }[] }

test('every error or warning on the corpus and the cached real debs is a known true defect', (t) => {
  const files = corpusOrSkip(t);
  if (!files) return;
  const all = [...files, ...realDebs()];
  const result = pkgshift(['lint', '--format', 'json', '--fail-on', 'never', ...all]);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as Report;
  assert.equal(report.packages.length, all.length);
  for (const pkg of report.packages) {
    const got = pkg.findings.filter((f) => f.severity !== 'info')
      .map((f) => `${f.severity === 'error' ? 'E' : 'W'} ${f.id}${f.path && DEFECTS[basename(pkg.file)]?.findings.some((d) => d.includes(' /')) ? ` ${f.path}` : ''}`).sort();
    assert.deepEqual(got, [...(DEFECTS[basename(pkg.file)]?.findings ?? [])].sort(), `${basename(pkg.file)}: ${JSON.stringify(pkg.findings)}`);
  }
});

test('--fail-on warning passes on every real distro package', (t) => {
  const files = corpusOrSkip(t);
  if (!files) return;
  const distro = [...files.filter((f) => !DEFECTS[basename(f)]), ...realDebs()];
  assert.ok(distro.length >= 10);
  const result = pkgshift(['lint', '--fail-on', 'warning', ...distro]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
});

test('every maintainer script of the corpus passes the bashism check', async (t) => {
  const files = corpusOrSkip(t);
  if (!files) return;
  let checked = 0;
  for (const file of [...files, ...realDebs()]) {
    const input = await sniffInput([file]);
    const model = await withRunContext(new Diagnostics(), false, (ctx) => readPackage(input, [file], {}, ctx));
    for (const script of model.scripts.filter((s) => isPosixShell(s.interpreter))) {
      checked++;
      assert.deepEqual(findBashisms(script.body), [], `${basename(file)} ${script.phase}`);
    }
  }
  assert.ok(checked >= 10, `only ${checked} maintainer scripts`);
});
