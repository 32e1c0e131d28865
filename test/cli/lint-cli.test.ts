// `pkgshift lint` and the lint step of conversions, through the built CLI: exit codes, text and
// JSON output, suppression, --strict/--no-lint, and packages built by the real dpkg-deb.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

function write(path: string, content: string, mode = 0o644): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, mode);
}

/** A small, well-made tree; `defects` adds /usr/local/bin/tool (error) and a dangling link (warning). */
function tree(t: TestContext, defects: { error?: boolean; warning?: boolean } = {}): string {
  const root = join(tempDir(t), 'myapp');
  write(join(root, 'usr/bin/myapp'), '#!/bin/sh\necho hello\n', 0o755);
  write(join(root, 'usr/share/doc/myapp/copyright'), 'Copyright 2024 Jane Doe. MIT license.\n');
  if (defects.error) write(join(root, 'usr/local/bin/tool'), '#!/bin/sh\n', 0o755);
  if (defects.warning) symlinkSync('missing-target', join(root, 'usr/bin/dangling'));
  return root;
}

interface JsonReport {
  schema: string;
  failOn: string;
  failed: boolean;
  counts: Record<string, number>;
  packages: { file: string; package: string; format: string; counts: Record<string, number>; suppressed: number;
    findings: { id: string; severity: string; path?: string; message: string; hint: string }[] }[];
}

test('lint exit codes: 0 clean, 3 when findings reach --fail-on, 2 on usage errors', (t) => {
  const clean = tree(t);
  const warned = tree(t, { warning: true });
  const broken = tree(t, { error: true });
  const ok = pkgshift(['lint', '-s', 'dir', clean]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /myapp \(.*\): 0 errors, 0 warnings, 0 info/);
  assert.equal(pkgshift(['lint', '-s', 'dir', warned]).status, 0);
  assert.equal(pkgshift(['lint', '-s', 'dir', '--fail-on', 'warning', warned]).status, 3);
  const bad = pkgshift(['lint', '-s', 'dir', broken]);
  assert.equal(bad.status, 0, 'a tree is linted as a tarball, where /usr/local is only a warning');
  // One line for a finding on many paths, with the count; --verbose lists each path.
  assert.match(bad.stdout, /^W: myapp: path-usr-local \/usr\/local is for the local administrator, not packages \[usr\/local\] \(and 2 more; --verbose lists them\)$/m);
  assert.match(pkgshift(['lint', '-s', 'dir', '--verbose', broken]).stdout, /^W: myapp: path-usr-local .*\[usr\/local\/bin\/tool\]$/m);
  assert.equal(pkgshift(['lint', '-s', 'dir', '--as', 'deb', broken]).status, 3);
  assert.match(pkgshift(['lint', '-s', 'dir', '--as', 'deb', '--verbose', broken]).stdout, /^E: myapp: path-usr-local .*\[usr\/local\/bin\/tool\]$/m);
  assert.equal(pkgshift(['lint', '-s', 'dir', '--as', 'deb', '--fail-on', 'never', broken]).status, 0);
  assert.equal(pkgshift(['lint', '--fail-on', 'sometimes', clean]).status, 2);
  assert.equal(pkgshift(['lint']).status, 2);
  assert.equal(pkgshift(['lint', join(clean, 'no-such-file.deb')]).status, 1);
});

test('lint --format json follows the pkgshift-lint/2 schema', (t) => {
  const broken = tree(t, { error: true, warning: true });
  const result = pkgshift(['lint', '-s', 'dir', '--as', 'deb', '--format', 'json', broken]);
  assert.equal(result.status, 3);
  const report = JSON.parse(result.stdout) as JsonReport;
  assert.equal(report.schema, 'pkgshift-lint/2');
  assert.equal(report.failOn, 'error');
  assert.equal(report.failed, true);
  assert.deepEqual(Object.keys(report.counts).sort(), ['error', 'info', 'warning']);
  const [pkg] = report.packages;
  assert.equal(pkg!.package, 'myapp');
  assert.equal(pkg!.format, 'deb');
  for (const f of pkg!.findings) {
    assert.deepEqual(Object.keys(f).filter((k) => k !== 'path').sort(), ['hint', 'id', 'message', 'severity']);
    assert.ok(['error', 'warning', 'info'].includes(f.severity));
    if (f.path !== undefined) assert.match(f.path, /^\//);
  }
  assert.equal(pkg!.counts.error, pkg!.findings.filter((f) => f.severity === 'error').length);
  assert.ok(pkg!.findings.some((f) => f.id === 'path-usr-local' && f.path === '/usr/local/bin/tool'));
  assert.ok(pkg!.findings.some((f) => f.id === 'symlink-dangling' && f.path === '/usr/bin/dangling'));
});

test('suppression by id and by an overrides file with path globs', (t) => {
  const broken = tree(t, { error: true, warning: true });
  const byId = pkgshift(['lint', '-s', 'dir', '--format', 'json', '--suppress', 'path-usr-local,symlink-dangling', '--fail-on', 'warning', broken]);
  assert.equal(byId.status, 0, byId.stdout);
  assert.equal((JSON.parse(byId.stdout) as JsonReport).packages[0]!.suppressed, 4);
  const overrides = join(tempDir(t), 'overrides');
  writeFileSync(overrides, '# local overrides\nmyapp: path-usr-local /usr/local/bin/*\nsymlink-dangling usr/bin/other\n');
  const byFile = pkgshift(['lint', '-s', 'dir', '--verbose', '--overrides', overrides, broken]);
  assert.doesNotMatch(byFile.stdout, /path-usr-local .*\[usr\/local\/bin\/tool\]/);
  assert.match(byFile.stdout, /path-usr-local .*\[usr\/local\]$/m, 'the glob covers only what it matches');
  assert.match(byFile.stdout, /symlink-dangling .*\[usr\/bin\/dangling\]/);
  writeFileSync(overrides, 'too many words here\n');
  assert.equal(pkgshift(['lint', '-s', 'dir', '--overrides', overrides, broken]).status, 2);
});

test('conversions lint the package: warnings printed, --strict fails with exit 3 and writes nothing, --no-lint is silent', (t) => {
  const broken = tree(t, { error: true });
  const out = tempDir(t);
  const args = ['-s', 'dir', '-t', 'tar', '-n', 'myapp', '-v', '1.0', '-C', broken, '-p', join(out, 'myapp.tar.gz'), '.'];
  const plain = pkgshift(args);
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stderr, /^W: myapp: path-usr-local .*\[usr\/local\] \(and 2 more; --verbose lists them\)$/m);
  const strictOut = join(out, 'strict.tar.gz');
  const strictArgs = [...args.slice(0, -3), '-p', strictOut, '.'];
  const strictDeb = pkgshift([...strictArgs, '--strict']);
  assert.equal(strictDeb.status, 0, 'path-usr-local is only a warning for tar');
  const debOut = join(out, 'myapp.deb');
  const strict = pkgshift(['-s', 'dir', '-t', 'deb', '-n', 'myapp', '-v', '1.0', '-m', 'Jane Doe <jane@example.org>',
    '--description', 'my app\nDoes things.', '-C', broken, '-p', debOut, '--strict', '.']);
  assert.equal(strict.status, 3, strict.stderr);
  assert.match(strict.stderr, /^E: myapp: path-usr-local/m);
  assert.equal(existsSync(debOut), false, 'no output file after a --strict failure');
  const quiet = pkgshift([...args.slice(0, -3), '-p', join(out, 'quiet.tar.gz'), '--no-lint', '.']);
  assert.equal(quiet.status, 0);
  assert.doesNotMatch(quiet.stderr, /path-usr-local/);
});

/** Builds a deb with the real dpkg-deb from a staging tree; `root` false keeps the files' owners. */
function dpkgDeb(t: TestContext, stage: string, control: string, rootOwner = true): string {
  write(join(stage, 'DEBIAN/control'), control);
  const deb = join(tempDir(t), 'pkg.deb');
  runOk('dpkg-deb', ['--build', ...(rootOwner ? ['--root-owner-group'] : []), '-Zxz', stage, deb]);
  return deb;
}

const CONTROL = 'Package: myapp\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Jane Doe <jane@example.org>\n'
  + 'Homepage: https://example.org/myapp\nDescription: greet the world\n Myapp prints a friendly greeting.\n';

function md5sums(stage: string): void {
  const list = runOk('sh', ['-c', "find . -type f ! -path './DEBIAN/*' -printf '%P\\n' | sort | xargs md5sum"], { cwd: stage }).stdout;
  write(join(stage, 'DEBIAN/md5sums'), list);
}

test('packages built by dpkg-deb: a well-made one is clean, each defect fires its rule', (t) => {
  if (!needTools(t, 'dpkg-deb', 'md5sum')) return;
  const lint = (deb: string) => {
    const r = pkgshift(['lint', '--format', 'json', '--fail-on', 'never', deb]);
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as JsonReport).packages[0]!.findings;
  };
  const clean = tree(t);
  md5sums(clean);
  assert.deepEqual(lint(dpkgDeb(t, clean, CONTROL)), []);

  const local = tree(t, { error: true });
  md5sums(local);
  const localFindings = lint(dpkgDeb(t, local, CONTROL));
  assert.deepEqual(localFindings.filter((f) => f.severity === 'error').map((f) => [f.id, f.path]),
    [['path-usr-local', '/usr/local'], ['path-usr-local', '/usr/local/bin'], ['path-usr-local', '/usr/local/bin/tool']]);

  const owned = tree(t);
  md5sums(owned);
  chownSync(join(owned, 'usr/bin/myapp'), 1000, 1000);
  const ownedFindings = lint(dpkgDeb(t, owned, CONTROL, false));
  assert.ok(ownedFindings.some((f) => f.id === 'perm-owner-non-root' && f.severity === 'error' && f.path === '/usr/bin/myapp'), JSON.stringify(ownedFindings));

  const dangling = tree(t, { warning: true });
  md5sums(dangling);
  const danglingFindings = lint(dpkgDeb(t, dangling, CONTROL));
  assert.deepEqual(danglingFindings.map((f) => [f.id, f.path]), [['symlink-dangling', '/usr/bin/dangling']]);

  const noSums = tree(t);
  const scriptStage = noSums;
  write(join(scriptStage, 'DEBIAN/postinst'), '#!/bin/sh\nif [[ "$1" == configure ]]; then echo ok; fi\n', 0o755);
  const scriptFindings = lint(dpkgDeb(t, scriptStage, CONTROL));
  assert.deepEqual([...new Set(scriptFindings.map((f) => f.id))].sort(), ['mscript-bashism', 'pkg-deb-md5sums']);
});

/** Builds an rpm from `root` with the real rpmbuild; `attr` lines set file attributes (%attr). */
function rpmbuild(t: TestContext, root: string, files: string[]): string {
  const top = join(tempDir(t), 'rpmbuild');
  const spec = join(top, 'myapp.spec');
  mkdirSync(top, { recursive: true });
  writeFileSync(spec, [
    'Name: myapp', 'Version: 1.0', 'Release: 1', 'Summary: An example application', 'License: MIT',
    'URL: https://example.org/myapp', 'Group: Applications/System', 'BuildArch: noarch', 'Packager: Jane Doe <jane@example.org>', '',
    '%description', 'An example application, packaged to test pkgshift lint.', '',
    '%install', `cp -a ${root}/. %{buildroot}/`, '', '%files', ...files, '',
    '%changelog', '* Tue Nov 24 2026 Jane Doe <jane@example.org> - 1.0-1', '- First build.', '',
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${top}`, '--define', '__os_install_post %{nil}', spec]);
  return join(top, 'RPMS/noarch/myapp-1.0-1.noarch.rpm');
}

test('packages built by rpmbuild: a well-made one has no error, each defect fires its rule', (t) => {
  if (!needTools(t, 'rpmbuild')) return;
  const lint = (rpm: string) => {
    const r = pkgshift(['lint', '--format', 'json', '--fail-on', 'never', rpm]);
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as JsonReport).packages[0]!.findings;
  };
  const clean = tree(t);
  const files = ['/usr/bin/myapp', '%license /usr/share/doc/myapp/copyright'];
  assert.deepEqual(lint(rpmbuild(t, clean, files)).filter((f) => f.severity === 'error'), []);

  const local = tree(t, { error: true });
  const localFindings = lint(rpmbuild(t, local, [...files, '/usr/local/bin/tool']));
  assert.deepEqual(localFindings.filter((f) => f.severity === 'error').map((f) => [f.id, f.path]), [['path-usr-local', '/usr/local/bin/tool']]);

  const writable = tree(t);
  const writableFindings = lint(rpmbuild(t, writable, ['%attr(0666,root,root) /usr/bin/myapp', '%license /usr/share/doc/myapp/copyright']));
  assert.ok(writableFindings.some((f) => f.id === 'perm-world-writable' && f.path === '/usr/bin/myapp'), JSON.stringify(writableFindings));

  const dangling = tree(t, { warning: true });
  assert.deepEqual(lint(rpmbuild(t, dangling, [...files, '/usr/bin/dangling'])).filter((f) => f.id.startsWith('symlink')).map((f) => [f.id, f.path]),
    [['symlink-dangling', '/usr/bin/dangling']]);
});

test('lint --explain prints a rule\'s entry; an unknown id is a usage error', () => {
  const explained = pkgshift(['lint', '--explain', 'perm-setuid-setgid']);
  assert.equal(explained.status, 0, explained.stderr);
  assert.match(explained.stdout, /^perm-setuid-setgid \(warning; deb, rpm, tar\)$/m);
  assert.match(explained.stdout, /why: .*Policy 11\.11/);
  assert.match(explained.stdout, /lintian: elevated-privileges/);
  assert.equal(pkgshift(['lint', '--explain', 'no-such-rule']).status, 2);
});
