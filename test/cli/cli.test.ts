// The CLI as users meet it: help, exit codes, one-line errors, and no output left after a failure.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { PkgError } from '../../src/core/errors.js';
import { writeAtomically } from '../../src/output-file.js';
import { CLI, pkgshift, tempDir } from '../support/helpers.js';

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${stderr}`);
  assert.match(lines[0]!, /^pkgshift: error: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('--help lists the usage and the common options, exit 0', () => {
  const result = pkgshift(['--help']);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /Usage: pkgshift -s TYPE -t TYPE \[options\] \[INPUT\.\.\.\]/);
  for (const option of ['--input-type', '--output-type', '--name', '--iteration', '--depends', '--config-files', '--after-install', '--package', '--force']) {
    assert.ok(result.stdout.includes(option), option);
  }
});

test('--version alone prints the version of pkgshift', () => {
  const result = pkgshift(['--version']);
  assert.equal(result.status, 0);
  assert.match(result.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test('usage errors exit 2 with one line', (t) => {
  const dir = tempDir(t);
  const cases: [string[], RegExp][] = [
    [['--no-such-option'], /unknown option '--no-such-option'/],
    [['-s', 'dir', '-t', 'zip9', '-n', 'x', '.'], /unknown output type 'zip9' \(known: .*tar/],
    [['-s', 'nope', '-t', 'tar', '-n', 'x', '.'], /unknown input type 'nope' \(known: dir/],
    [['-s', 'dir', '-n', 'x', '.'], /give the output type with -t/],
    [['-s', 'dir', '-t', 'tar', '.'], /needs a name: give -n NAME/],
    [['-s', 'dir', '-t', 'tar', '-n', 'x', '--compression', 'rar', '.'], /unknown compression 'rar'/],
  ];
  for (const [args, pattern] of cases) {
    const result = pkgshift(args, { cwd: dir });
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assertOneLineError(result.stderr, pattern);
  }
  assert.deepEqual(readdirSync(dir), [], 'nothing written');
});

test('a missing directory fails with exit 1 and leaves no output', (t) => {
  const dir = tempDir(t);
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', './no-such-dir'], { cwd: dir });
  assert.equal(result.status, 1);
  assertOneLineError(result.stderr, /no-such-dir: no such file or directory/);
  assert.deepEqual(readdirSync(dir), []);
});

test('a SRC=DEST whose DEST contains .. is refused', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'f'), 'x');
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', 'f=/opt/../../etc/passwd'], { cwd: dir });
  assert.equal(result.status, 1);
  assertOneLineError(result.stderr, /'\.\.' segment/);
  assert.deepEqual(readdirSync(dir), ['f']);
});

test('an unreadable file fails with exit 1 and leaves no output', (t) => {
  const dir = tempDir(t);
  chmodSync(dir, 0o777);
  mkdirSync(join(dir, 'build'));
  writeFileSync(join(dir, 'build', 'secret'), 'x');
  chmodSync(join(dir, 'build', 'secret'), 0o000);
  // root reads anything: run the CLI as nobody then (CI runs as root).
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', '-p', join(dir, 'out.tar.gz'), './build'], { cwd: dir, ...asUser });
  assert.equal(result.status, 1, result.stderr);
  assertOneLineError(result.stderr, /cannot read .*secret: permission denied/);
  assert.deepEqual(readdirSync(dir), ['build']);
});

test('an existing output is kept unless -f is given', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'build'));
  writeFileSync(join(dir, 'build', 'a'), 'a');
  writeFileSync(join(dir, 'x-1.0.tar.gz'), 'precious');
  let result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', '-C', 'build', '.'], { cwd: dir });
  assert.equal(result.status, 1);
  assertOneLineError(result.stderr, /already exists \(use -f to overwrite\)/);
  result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', '-C', 'build', '.', '-f'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.notEqual(readdirSync(dir).length, 0);
});

test('a failure while writing removes the temporary file and writes no target', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'pkg.tar');
  await assert.rejects(writeAtomically(target, false, async (out) => {
    out.write('partial');
    throw new PkgError('input-invalid', 'boom');
  }), /boom/);
  assert.equal(existsSync(target), false);
  assert.deepEqual(readdirSync(dir), []);
});

test('lint during a conversion checks the package as written: translated versions, placeholders', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'f'), 'x');
  const base = ['-s', 'dir', '-a', 'all', '--description', 'Demo\nA demo package.', '--license', 'MIT', '-n', 'demo', 'f=/usr/share/demo/f'];
  // 1.0-beta cannot be an rpm Version: the output writes 1.0_beta, which is valid, so --strict passes.
  let result = pkgshift([...base, '-t', 'rpm', '-v', '1.0-beta', '-m', 'A B <a@example.org>', '--strict'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /meta-version-invalid/);
  // Without -m the deb carries pkgshift's placeholder maintainer: said once (by the conversion), not again by lint.
  const noMaintainer = { cwd: dir, env: { ...process.env, DEBEMAIL: '', EMAIL: '' } };
  result = pkgshift([...base, '-t', 'deb', '-v', '1.0', '-f'], noMaintainer);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr.split('\n').filter((line) => /placeholder/.test(line)).length, 1, result.stderr);
  assert.match(result.stderr, /^pkgshift: warning: no maintainer given .*writing the placeholder/m);
});

test('--suppress, --quiet and --verbose apply to conversion warnings and lint findings alike', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'f'), 'x');
  const args = ['-s', 'dir', '-t', 'rpm', '-a', 'all', '-n', 'demo', '-v', '1.0', 'f=/usr/share/demo/f', '-f'];
  const said = pkgshift([...args, '--verbose'], { cwd: dir });
  assert.equal(said.status, 0, said.stderr);
  // Once each: the conversion says what it filled in; lint does not repeat it (meta-description-missing, meta-placeholder-value).
  assert.match(said.stderr, /^pkgshift: warning: no summary given/m);
  assert.match(said.stderr, /^pkgshift: warning: no license given/m);
  assert.doesNotMatch(said.stderr, /meta-description-missing|placeholder 'NOASSERTION'/);
  assert.match(said.stderr, /^I: demo: meta-maintainer-missing/m, 'an rpm without a Packager tag is normal (info)');
  assert.match(said.stderr, /^I: demo: /m);
  const suppressed = pkgshift([...args, '--verbose', '--suppress', 'rpm-*-missing,meta-maintainer-*', '--suppress', 'doc-copyright-missing'], { cwd: dir });
  assert.equal(suppressed.status, 0, suppressed.stderr);
  assert.doesNotMatch(suppressed.stderr, /no summary given|no license given|meta-maintainer-missing|doc-copyright-missing/);
  assert.match(suppressed.stderr, /^I: demo: /m);
  const quiet = pkgshift([...args, '--quiet'], { cwd: dir });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.equal(quiet.stderr, '');
  assert.equal(quiet.stdout, '');
});

test('an interrupted conversion (Ctrl-C) leaves no output and no temporary file', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'in/opt'), { recursive: true });
  const fd = openSync(join(dir, 'in/opt/big.img'), 'w');
  ftruncateSync(fd, 2 * 1024 ** 3); // sparse: takes no disk, seconds to pack
  closeSync(fd);
  const child = spawn(process.execPath, [CLI, '-s', 'dir', '-t', 'deb', '-n', 'big', '-a', 'all', '--no-lint', '-C', 'in', '-p', join(dir, 'out.deb'), '.'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // The temporary output beside the target exists while the package is written: interrupt then.
  for (let tries = 0; !readdirSync(dir).some((f) => f.includes('.pkgshift-tmp-')); tries++) {
    assert.ok(tries < 3000 && child.exitCode === null, `no temporary output appeared (exit ${child.exitCode}): ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGINT');
  const [code] = await once(child, 'exit');
  assert.equal(code, 130);
  assert.match(stderr, /pkgshift: error: interrupted \(SIGINT\); nothing was written/);
  assert.deepEqual(readdirSync(dir), ['in']);
});
