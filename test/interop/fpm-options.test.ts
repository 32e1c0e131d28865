// fpm options checked in the packages real tools read: control fields (dpkg-deb), rpm tags (rpm -qp),
// owners and modes, the changelog (dpkg-parsechangelog, rpm -q --changelog), and lintian/rpmlint
// having no no-changelog / no-group-tag / no-binary for a directory of scripts.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, run, runOk, tempDir } from '../support/helpers.js';
import { queryFormat } from '../support/rpm.js';

const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1700000000', DEBFULLNAME: 'Jo Doe', DEBEMAIL: 'jo@example.org' };

/** A directory of scripts (no ELF file), a changelog and a template script. */
function project(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'build/bin'), { recursive: true });
  writeFileSync(join(dir, 'build/bin/run'), '#!/bin/sh\necho run\n', { mode: 0o755 });
  writeFileSync(join(dir, 'CHANGES.md'), '## 1.2.0 (2024-01-05)\n- Faster start\n- Fixed the port\n\n## 1.1.0 (2023-12-01)\n- First release\n');
  writeFileSync(join(dir, 'post.sh'), 'echo "<%= name %> <%= version %> on <%= port %>"\n');
  return dir;
}

function build(dir: string, args: string[]): string {
  const result = pkgshift(['-s', 'dir', '-n', 'app', '-v', '1.2.0', '--license', 'MIT', '--description', 'app\nThe app.', ...args], { cwd: dir, env: ENV });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('rpm: --rpm-user/group, --rpm-attr, --rpm-os, --rpm-digest, --rpm-dist, --rpm-tag, template scripts, changelog, -p', (t) => {
  if (!needTools(t, 'rpm', 'rpmlint')) return;
  const dir = project(t);
  const rpm = build(dir, ['-t', 'rpm', '--rpm-user', 'daemon', '--rpm-group', 'daemon', '--rpm-attr', '0750,-,adm:/opt/app/bin/run',
    '--rpm-os', 'linux', '--rpm-digest', 'sha512', '--rpm-dist', 'el9', '--rpm-tag', 'Requires(post): coreutils', '--rpm-tag', 'Group: Applications/System',
    '--after-install', 'post.sh', '--template-value', 'port=8080', '--rpm-changelog', 'CHANGES.md', '-p', 'out-NAME-VERSION-ITERATION.ARCH.TYPE',
    'build=/opt/app']);
  assert.equal(rpm, join(dir, 'out-app-1.2.0-1.el9.noarch.rpm'), 'NAME VERSION ITERATION ARCH TYPE expanded; no ELF file: noarch');
  assert.equal(queryFormat(rpm, '%{OS} %{RELEASE} %{ARCH} %{GROUP} %{PACKAGER} %{FILEDIGESTALGO}'), 'linux 1.el9 noarch Applications/System Jo Doe <jo@example.org> 10');
  assert.equal(queryFormat(rpm, '[%{FILEMODES:perms} %{FILEUSERNAME} %{FILEGROUPNAME} %{FILENAMES}\n]'),
    'drwxr-xr-x daemon daemon /opt/app\ndrwxr-xr-x daemon daemon /opt/app/bin\n-rwxr-x--- daemon adm /opt/app/bin/run\n');
  assert.match(queryFormat(rpm, '[%{REQUIRENAME} %{REQUIREFLAGS:deptype}\n]'), /^coreutils pre$/m);
  assert.match(runOk('rpm', ['-qp', '--scripts', rpm]).stdout, /echo "app 1\.2\.0 on 8080"/);
  assert.equal(runOk('rpm', ['-qp', '--changelog', rpm]).stdout,
    '* Fri Jan 05 2024 Jo Doe <jo@example.org> - 1.2.0\n- Faster start\n- Fixed the port\n\n* Fri Dec 01 2023 Jo Doe <jo@example.org> - 1.1.0\n- First release\n\n');
  assert.equal(runOk('rpm', ['-K', '--nosignature', rpm]).status, 0);
  const lint = run('rpmlint', [rpm]).stdout;
  for (const tag of ['no-group-tag', 'no-binary', 'no-changelogname-tag', 'no-packager-tag']) assert.doesNotMatch(lint, new RegExp(tag), lint);
});

test('deb: --deb-user/group, --deb-pre-depends/recommends/suggests, --deb-no-default-config-files, changelog, --deb-dist', (t) => {
  if (!needTools(t, 'dpkg-deb', 'dpkg-parsechangelog', 'lintian')) return;
  const dir = project(t);
  mkdirSync(join(dir, 'build/etc'));
  writeFileSync(join(dir, 'build/etc/app.conf'), 'port=1\n');
  const deb = build(dir, ['-t', 'deb', '--iteration', '3', '--deb-user', 'daemon', '--deb-group', 'adm', '--deb-pre-depends', 'dpkg (>= 1.19)',
    '--deb-recommends', 'curl', '--deb-suggests', 'jq', '--deb-no-default-config-files', '--deb-changelog', 'CHANGES.md',
    '--category', 'utils', '-p', 'NAME_FULLVERSION_ARCH.deb', 'build/bin=/usr/bin', 'build/etc=/etc']);
  assert.equal(deb, join(dir, 'app_1.2.0-3_all.deb'));
  const control = runOk('dpkg-deb', ['-f', deb]).stdout;
  assert.match(control, /^Pre-Depends: dpkg \(>= 1\.19\)\nRecommends: curl\nSuggests: jq\n/m);
  assert.match(control, /^Maintainer: Jo Doe <jo@example\.org>$/m);
  assert.match(control, /^Architecture: all$/m);
  assert.doesNotMatch(runOk('dpkg-deb', ['-I', deb]).stdout, /conffiles/, 'no conffiles: /etc files are not made config files');
  assert.match(runOk('dpkg-deb', ['-c', deb]).stdout, /-rwxr-xr-x daemon\/adm +\d+ [\d-]+ [\d:]+ \.\/usr\/bin\/run/);

  const dist = tempDir(t);
  runOk('dpkg-deb', ['-x', deb, dist]);
  const changelog = join(dist, 'changelog');
  writeFileSync(changelog, runOk('gzip', ['-dc', join(dist, 'usr/share/doc/app/changelog.Debian.gz')]).stdout);
  const parsed = runOk('dpkg-parsechangelog', ['-l', changelog, '--all']).stdout;
  assert.match(parsed, /^Version: 1\.2\.0$/m);
  assert.match(parsed, /^ app \(1\.1\.0\) unstable; urgency=medium$/m);
  assert.match(parsed, /^Maintainer: Jo Doe <jo@example\.org>$/m);
  const lint = run('lintian', ['--no-tag-display-limit', deb]).stdout;
  assert.doesNotMatch(lint, /no-changelog|debian-changelog-file-missing/, lint);
});

test('deb without a changelog: a generated entry for the version, in --deb-dist', (t) => {
  if (!needTools(t, 'dpkg-deb', 'dpkg-parsechangelog', 'lintian')) return;
  const dir = project(t);
  const deb = build(dir, ['-t', 'deb', '--iteration', '1', '--deb-dist', 'bookworm', '-p', `${dir}/`, 'build/bin=/usr/bin']);
  const dist = tempDir(t);
  runOk('dpkg-deb', ['-x', deb, dist]);
  writeFileSync(join(dist, 'changelog'), runOk('gzip', ['-dc', join(dist, 'usr/share/doc/app/changelog.Debian.gz')]).stdout);
  const parsed = runOk('dpkg-parsechangelog', ['-l', join(dist, 'changelog')]).stdout;
  assert.match(parsed, /^Version: 1\.2\.0-1$/m);
  assert.match(parsed, /^Distribution: bookworm$/m);
  assert.match(parsed, /^Timestamp: 1700000000$/m);
  assert.doesNotMatch(run('lintian', [deb]).stdout, /no-changelog/);
});

test('more fpm options: -S, --no-depends, --fpm-options-file, --source-date-epoch-default, --rpm-summary/--rpm-pretrans; deb triggers, templates, unit dir', (t) => {
  if (!needTools(t, 'rpm', 'dpkg-deb')) return;
  const dir = project(t);
  writeFileSync(join(dir, 'opts'), "--rpm-summary 'Short summary'\n");
  writeFileSync(join(dir, 'pretrans.sh'), 'echo pretrans\n');
  writeFileSync(join(dir, 'templates'), 'Template: app/question\nType: boolean\nDescription: Ask?\n');
  writeFileSync(join(dir, 'app.service'), '[Service]\nExecStart=/usr/bin/run\n');
  const { SOURCE_DATE_EPOCH: _, ...env } = ENV;
  const rpm = pkgshift(['-s', 'dir', '-t', 'rpm', '-n', 'app', '-S', 'extra', '--fpm-options-file', 'opts', '--rpm-pretrans', 'pretrans.sh',
    '-d', 'foo', '--no-depends', '--source-date-epoch-default', '1600000000', '-p', `${dir}/`, 'build/bin=/usr/bin'], { cwd: dir, env });
  assert.equal(rpm.status, 0, rpm.stderr);
  const path = rpm.stdout.trim();
  assert.equal(queryFormat(path, '%{NAME}|%{SUMMARY}|%{BUILDTIME}|%{PRETRANS}'), 'app-extra|Short summary|1600000000|echo pretrans\n');
  assert.doesNotMatch(queryFormat(path, '[%{REQUIRENAME}\n]'), /^foo$/m);

  const deb = build(dir, ['-t', 'deb', '--deb-interest', '/usr/share/app', '--deb-activate-noawait', 'ldconfig', '--deb-templates', 'templates',
    '--deb-systemd', 'app.service', '--systemd-unit-dir', '/lib/systemd/system', '-p', `${dir}/`, 'build/bin=/usr/bin']);
  assert.equal(runOk('dpkg-deb', ['-I', deb, 'triggers']).stdout, 'interest /usr/share/app\nactivate-noawait ldconfig\n');
  assert.match(runOk('dpkg-deb', ['-I', deb, 'templates']).stdout, /^Template: app\/question$/m);
  assert.match(runOk('dpkg-deb', ['-c', deb]).stdout, / \.\/lib\/systemd\/system\/app\.service\n/);
});
