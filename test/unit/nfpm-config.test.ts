// nfpm configs read as nfpm reads them: unknown keys named with their line, other packagers' sections
// ignored with one warning, $VAR expansion, octal modes, semver versions, overrides per packager.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { nfpmPackage } from '../../src/config/nfpm-model.js';
import { parseNfpmConfig } from '../../src/config/nfpm.js';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { withRunContext } from '../../src/pipeline.js';
import { tempDir } from '../support/helpers.js';

test('an unknown key is an error naming it and its line; a wrong shape too', () => {
  const diag = new Diagnostics();
  assert.throws(() => parseNfpmConfig('name: a\nversion: 1\ncontents:\n  - src: x\n    dts: /y\n', 'nfpm.yaml', diag),
    /nfpm\.yaml line 5: unknown key 'contents\.dts' \(nfpm's keys here: src, dst, type/);
  assert.throws(() => parseNfpmConfig('name: a\ndeb:\n  compresion: xz\n', 'nfpm.yaml', diag), /line 3: unknown key 'deb\.compresion'/);
  assert.throws(() => parseNfpmConfig('name: a\ncontents: /x\n', 'nfpm.yaml', diag), /line 2: 'contents' must be a list/);
  assert.throws(() => parseNfpmConfig('name: [a\n', 'nfpm.yaml', diag), /nfpm\.yaml line \d+:/);
});

test('apk/archlinux/ipk sections are ignored with one warning; $VAR and ${VAR} expand; 0644 is octal', () => {
  const diag = new Diagnostics();
  const config = parseNfpmConfig([
    'name: app', 'version: ${VERSION}', 'arch: $ARCH', 'maintainer: "$UNSET_VAR Jo"',
    'contents:', '  - src: a', '    dst: /a', '    file_info:', '      mode: 0640',
    'apk:', '  signature:', '    key_file: k', 'archlinux:', '  pkgbase: x',
  ].join('\n'), 'nfpm.yaml', diag, { VERSION: '1.2.3', ARCH: 'arm64' });
  assert.equal(config.version, '1.2.3');
  assert.equal(config.arch, 'arm64');
  assert.equal(config.maintainer, ' Jo');
  assert.equal(config.contents?.[0]?.file_info?.mode, 0o640);
  const warnings = diag.items.filter((d) => d.id === 'nfpm-packager-ignored');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.message, /apk, archlinux ignored/);
});

test('semver versions, overrides per packager, packager filters, deb-only and rpm-only sections', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin/tool'), 'x');
  const config = parseNfpmConfig([
    'name: app', 'version: v2.0.0-beta.1+abc', 'release: 3', 'arch: amd64', 'depends: [libc6]',
    'contents:', '  - src: bin/tool', '    dst: /usr/bin/tool', '  - dst: /var/cache/app', '    type: dir', '    packager: rpm',
    'overrides:', '  rpm:', '    depends: [glibc]',
    'deb:', '  breaks: [old]', '  compression: zstd:9', 'rpm:', '  group: Tools', '  arch: x86_64',
  ].join('\n'), 'nfpm.yaml', new Diagnostics());
  await withRunContext(new Diagnostics(), false, async (ctx) => {
    const deb = await nfpmPackage(config, 'deb', ctx, dir);
    assert.equal(deb.model.metadata.version.upstream, '2.0.0~beta.1+abc');
    assert.equal(deb.model.metadata.version.release, '3');
    assert.deepEqual(deb.model.metadata.relations.depends, [{ name: 'libc6' }]);
    assert.deepEqual(deb.model.metadata.relations.breaks, [{ name: 'old' }]);
    assert.deepEqual(deb.options, { debCompression: 'zstd', debCompressionLevel: '9' });
    assert.deepEqual(deb.model.files.map((f) => f.path), ['/usr/bin/tool']);
    const rpm = await nfpmPackage(config, 'rpm', ctx, dir);
    assert.deepEqual(rpm.model.metadata.relations.depends, [{ name: 'glibc' }]);
    assert.equal(rpm.model.metadata.relations.breaks, undefined);
    assert.equal(rpm.model.metadata.extras.rpm?.Group, 'Tools');
    assert.deepEqual(rpm.model.files.map((f) => f.path), ['/usr/bin/tool', '/var/cache/app']);
  });
});
