// The command line a new user meets: help, the version, and every mistake answered with one clear line.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import test from 'node:test';
import { CLI, pkgshift, run, tempDir, type RunResult } from '../support/helpers.js';

function assertOneLineError(result: RunResult, status: number, pattern: RegExp): void {
  assert.equal(result.status, status, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^pkgshift: (error: )?/);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

/** A package tree: usr/bin/tool (executable) and usr/share/doc/tool/README.md. */
function tree(t: import('node:test').TestContext): string {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'root/usr/bin'), { recursive: true });
  mkdirSync(join(dir, 'root/usr/share/doc/tool'), { recursive: true });
  writeFileSync(join(dir, 'root/usr/bin/tool'), '#!/bin/sh\necho tool\n', { mode: 0o755 });
  writeFileSync(join(dir, 'root/usr/share/doc/tool/README.md'), 'read me\n');
  writeFileSync(join(dir, 'root/usr/share/doc/tool/NOTES.txt'), 'notes\n');
  return dir;
}

test('bare pkgshift, pkgshift help and --help print the grouped usage', () => {
  for (const args of [[], ['help'], ['--help'], ['-h']]) {
    const result = pkgshift(args);
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stdout, /^Usage: pkgshift -s TYPE -t TYPE \[options\] \[INPUT\.\.\.\]/);
    const titles = ['Commands:', 'Input and output:', 'Package metadata:', 'Files:', 'tar input:', 'deb output:', 'rpm output:', 'General:'];
    let at = -1;
    for (const title of titles) {
      const next = result.stdout.indexOf(`\n${title}\n`);
      assert.ok(next > at, `${title} after the previous group`);
      at = next;
    }
  }
});

test('pkgshift help COMMAND prints that command\'s help', () => {
  for (const [command, option] of [['lint', '--fail-on'], ['info', '--json'], ['completion', 'bash|zsh|fish']] as const) {
    const result = pkgshift(['help', command]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^Usage: pkgshift ${command} `));
    assert.ok(result.stdout.includes(option), `${command} help mentions ${option}`);
  }
  assertOneLineError(pkgshift(['help', 'nosuch']), 2, /no command 'nosuch'/);
});

test('-V and a lone --version print the version of pkgshift; -v without a value during a build is an error', (t) => {
  for (const args of [['-V'], ['--version']]) {
    const result = pkgshift(args);
    assert.equal(result.status, 0);
    assert.match(result.stdout.trim(), /^\d+\.\d+\.\d+$/);
  }
  const dir = tree(t);
  const result = pkgshift(['-s', 'dir', '-t', 'deb', '-n', 'foo', '-C', 'root', '.', '-v'], { cwd: dir });
  assertOneLineError(result, 2, /'-v, --version <version>' argument missing/);
  assert.equal(result.stdout, '', 'no version printed');
  assert.deepEqual(readdirSync(dir), ['root'], 'nothing written');
});

test('mistakes that used to be accepted are one-line errors, and nothing is written', (t) => {
  const dir = tree(t);
  writeFileSync(join(dir, 'somefile'), 'x\n');
  const cases: [string[], number, RegExp][] = [
    [['-s', 'dir', '-t', 'tar', '-n', 'tool', '--quiet', '-C', 'somefile', '.'], 2, /-C somefile: not a directory/],
    [['-s', 'dir', '-t', 'tar', '-n', 'tool', '--quiet', '-C', 'root', 'usr/bin/tool='], 2, /'usr\/bin\/tool=': nothing after '='/],
    [['-s', 'dir', '-t', 'rpm', '-n', 'tool', '--quiet', '-C', 'root', '.', '--directories', '/nonexistent'], 2, /--directories \/nonexistent: no such directory in the package/],
    [['-s', 'dir', '-t', 'tar', '-n', 'tool', '--quiet', '-C', 'root', '.', '-p', 'out.zip'], 2, /-p out\.zip: a tar package is named \*\.tar, .*use -f/],
    [['-s', 'dir', '-t', 'deb', '-n', 'tool', '--quiet', '-C', 'root', '.', '-p', 'out.rpm'], 2, /-p out\.rpm: a deb package is named \*\.deb; use -f/],
    [['-s', 'dir', '-t', 'tar', '-n', 'tool', '--quiet', '-C', 'root', '.', '-p', 'nodir/out.tar'], 1, /directory .*nodir does not exist/],
    [['completion', 'tcsh'], 2, /unknown shell 'tcsh'/],
  ];
  for (const [args, status, pattern] of cases) assertOneLineError(pkgshift(args, { cwd: dir }), status, pattern);
  assert.deepEqual(readdirSync(dir).sort(), ['root', 'somefile'], 'nothing written');
});

test('a -p extension that does not fit -t is refused before anything is read: no conversion warning precedes it', (t) => {
  const dir = tree(t);
  // Read, this tarball would warn that its name was guessed and that it holds no architecture.
  run('tar', ['-cf', join(dir, 'tool.tar'), '-C', join(dir, 'root'), '.']);
  assertOneLineError(pkgshift(['-s', 'tar', '-t', 'deb', '-p', 'out.rpm', 'tool.tar'], { cwd: dir }), 2, /-p out\.rpm: a deb package is named \*\.deb; use -f/);
  assertOneLineError(pkgshift(['-s', 'tar', '-t', 'rpm', '-p', 'NAME-VERSION.TYPE.tar', 'tool.tar'], { cwd: dir }), 2, /-p NAME-VERSION\.TYPE\.tar: a rpm package is named \*\.rpm/);
  const templated = pkgshift(['-s', 'tar', '-t', 'rpm', '-n', 'tool', '-v', '1', '-p', 'NAME-VERSION.EXTENSION', '--quiet', 'tool.tar'], { cwd: dir });
  assert.equal(templated.status, 0, templated.stderr);
  assert.ok(existsSync(join(dir, 'tool-1.rpm')), 'EXTENSION is the output type\'s');
});

test('-f writes under a name with another extension; --directories of a real directory is accepted', (t) => {
  const dir = tree(t);
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'tool', '--quiet', '-C', 'root', '.', '-p', 'out.zip', '-f', '--directories', '/usr/share/doc/tool', '--quiet'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(join(dir, 'out.zip')));
});

test("-x '*.{md,txt}' leaves out both kinds of file", (t) => {
  const dir = tree(t);
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'tool', '--quiet', '-C', 'root', '.', '-x', '*.{md,txt}', '-p', 'x.tar', '--quiet'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const listing = run('tar', ['-tf', join(dir, 'x.tar')]).stdout;
  assert.match(listing, /usr\/bin\/tool/);
  assert.doesNotMatch(listing, /README\.md|NOTES\.txt/);
});

test('an unwritable output directory: one line, exit 1, no temporary directory left', (t) => {
  const dir = tree(t);
  const out = join(dir, 'readonly');
  mkdirSync(out);
  chmodSync(out, 0o555);
  chmodSync(dir, 0o755);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { mode: 0o777 });
  chmodSync(tmp, 0o777);
  for (const type of ['deb', 'rpm', 'tar']) {
    // As root nothing is unwritable: run as nobody, who may read the tree but not write `readonly/`.
    const result = pkgshift(['-s', 'dir', '-t', type, '-n', 'tool', '--quiet', '-C', 'root', '.', '-p', 'readonly/', '--no-lint'],
      { cwd: dir, env: { ...process.env, TMPDIR: tmp }, ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}) });
    assertOneLineError(result, 1, /cannot write .*readonly\/tool.*permission denied/);
    assert.deepEqual(readdirSync(tmp), [], `${type}: no pkgshift-XXXX directory left in TMPDIR`);
    assert.deepEqual(readdirSync(out), []);
  }
});

test('info DIR reads a directory as the package root, named after it', (t) => {
  const dir = tree(t);
  const result = pkgshift(['info', 'root'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Package: +root$/m);
  assert.match(result.stdout, /\/usr\/bin\/tool/);
});

test('lint -s dir passes when the metadata a package needs is given', (t) => {
  const dir = tree(t);
  const bare = pkgshift(['lint', '-s', 'dir', '--as', 'deb', 'root'], { cwd: dir });
  assert.equal(bare.status, 3, 'without a maintainer and description: errors');
  const described = pkgshift(['lint', '-s', 'dir', '--as', 'deb', 'root', '-n', 'tool', '-v', '1.2',
    '-m', 'Jane Doe <jane@example.org>', '--description', 'a tool\nthat does things', '--url', 'https://example.org', '--license', 'MIT'], { cwd: dir });
  assert.equal(described.status, 0, described.stdout + described.stderr);
  assert.match(described.stdout, /0 errors/);
});

test('-t tar of a package with scripts and relations says once what it leaves out', (t) => {
  const dir = tree(t);
  writeFileSync(join(dir, 'postinst.sh'), '#!/bin/sh\necho installed\n');
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'tool', '-C', 'root', '.', '-d', 'libc6 (>= 2.17)', '--after-install', join(dir, 'postinst.sh'), '-p', 'x.tar'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const warnings = result.stderr.split('\n').filter((l) => /left out/.test(l));
  assert.equal(warnings.length, 1, result.stderr);
  assert.match(warnings[0]!, /maintainer scripts \(postInstall\) and relations \(depends libc6 \(>= 2\.17\)\)/);
});

test('--json prints one result object: output path, warnings, lint findings; on failure the error', (t) => {
  const dir = tree(t);
  const ok = pkgshift(['-s', 'dir', '-t', 'deb', '-n', 'tool', '-C', 'root', '.', '--json'], { cwd: dir });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stderr, '', 'warnings are in the JSON, not on stderr');
  const result = JSON.parse(ok.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(result).sort(), ['lint', 'ok', 'output', 'warnings']);
  assert.equal(result.ok, true);
  assert.match(result.output as string, new RegExp(`^${dir}/tool_1\\.0_[a-z0-9]+\\.deb$`));
  assert.ok(existsSync(result.output as string));
  const warnings = result.warnings as { id: string; severity: string; message: string }[];
  assert.ok(warnings.some((w) => w.severity === 'warning' && /maintainer/.test(w.message)), JSON.stringify(warnings));
  for (const w of warnings) assert.deepEqual(Object.keys(w).sort(), ['id', 'message', 'severity']);
  for (const f of result.lint as Record<string, unknown>[]) {
    assert.ok(['error', 'warning', 'info'].includes(f.severity as string));
    assert.equal(typeof f.id, 'string');
    assert.equal(typeof f.message, 'string');
  }
  const failed = pkgshift(['-s', 'dir', '-t', 'deb', '-n', 'tool', '-C', 'root', '.', '--json'], { cwd: dir });
  assert.equal(failed.status, 1);
  const error = JSON.parse(failed.stdout) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(error.ok, false);
  assert.equal(error.error.code, 'output-exists');
});

test('a progress line appears under a pseudo-terminal and not when piped (unless --progress)', (t) => {
  const dir = tree(t);
  // 24 MiB of random bytes as xz: several seconds on any machine, longer than the one-second threshold.
  writeFileSync(join(dir, 'root/usr/share/doc/tool/data.bin'), randomBytes(24 * 1024 * 1024));
  const args = ['-s', 'dir', '-t', 'tar', '-n', 'tool', '-C', 'root', '.', '--compression', 'xz', '--no-lint', '-f', '-p'];
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const command = [process.execPath, CLI, ...args, 'tty.tar.xz'].map(quote).join(' ');
  const tty = run('script', ['-qec', command, '/dev/null'], { cwd: dir });
  assert.equal(tty.status, 0, tty.stdout);
  assert.match(tty.stdout, /\rpkgshift: writing tty\.tar\.xz {2}(\d+%|100%)/, 'progress line on the terminal');
  const piped = pkgshift([...args, 'piped.tar.xz'], { cwd: dir });
  assert.equal(piped.status, 0, piped.stderr);
  assert.doesNotMatch(piped.stderr, /writing|\r/, 'no progress when stderr is not a terminal');
  const forced = pkgshift([...args, 'forced.tar.xz', '--progress'], { cwd: dir });
  assert.match(forced.stderr, /\rpkgshift: writing forced\.tar\.xz/);
});
