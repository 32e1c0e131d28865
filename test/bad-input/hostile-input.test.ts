// Hostile and corrupt input (the fuzzer's findings and the hand-made cases of the hardening issue):
// each is refused with one clean line, exit 1, in bounded time, leaving nothing behind and writing
// nothing outside the output directory.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { entries, fixRpmDigests, rpmHeaders } from '../../fuzz/mutate.js';
import { AR_MAGIC, arMember, arPadding, encodeArHeader } from '../../src/formats/ar.js';
import { removeStaleRunDirs } from '../../src/core/cleanup.js';
import { parsePackageJson } from '../../src/inputs/npm/metadata.js';
import { BOMB_CODECS, packageBomb, tarBomb } from '../support/bombs.js';
import { CLI, hasTool, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { assertCleanFailure, debOf, fixTarChecksum, tarMember, tarOf } from '../support/hostile.js';

const META = ['-m', 'Test <test@example.org>', '--description', 'test', '--license', 'MIT', '-a', 'all'];

/** A work dir holding `out/` (the output directory) and a canary beside it. */
function sandbox(t: test.TestContext): { dir: string; out: string } {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'canary'), 'canary');
  return { dir, out: join(dir, 'out') };
}

function assertNothingEscaped(dir: string, expected: string[]): void {
  assert.deepEqual(readdirSync(dir).sort(), [...expected, 'canary', 'out'].sort(), 'nothing written beside the output directory');
  assert.equal(readFileSync(join(dir, 'canary'), 'utf8'), 'canary');
}

test('names and versions that are not one file name component never place the output elsewhere', (t) => {
  const { dir, out } = sandbox(t);
  const input = join(dir, 'app.tar');
  writeFileSync(input, tarOf(tarMember('usr/share/app/README', 'hi\n')));
  const cases: [string[], RegExp][] = [
    [['-n', '../evil', '-v', '1'], /the package name "\.\.\/evil" cannot be part of a file name/],
    [['-n', `${dir}/abs`, '-v', '1'], /the package name ".*abs" cannot be part of a file name: it contains a path separator/],
    [['-n', 'app', '-v', '1/../../2'], /the version "1\/\.\.\/\.\.\/2" cannot be part of a file name/],
    [['-n', 'app', '-v', '1', '--iteration', 'x'.repeat(300)], /is not usable: it is \d+ bytes long, file systems allow 255/],
  ];
  for (const target of ['tar', 'deb', 'rpm']) {
    for (const [args, message] of cases) {
      const r = pkgshift(['-s', 'tar', '-t', target, ...args, ...META, '-p', `${out}/`, input], { cwd: out });
      if (target === 'tar') assertCleanFailure(r, message, out);
      else if (r.status === 0) assert.equal(readdirSync(out).length, 1, 'a writer that mends the value writes inside out/'); // e.g. deb versions
      else assertCleanFailure(r, /cannot be|not usable|must be/, out);
      for (const f of readdirSync(out)) rmSync(join(out, f));
    }
  }
  assertNothingEscaped(dir, ['app.tar']);
});

test("a deb whose control file says 'Package: ../../evil' or a Version with '/' is refused, not written outside", (t) => {
  const { dir, out } = sandbox(t);
  const control = (name: string, version: string) => `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: x\n y\n`;
  for (const [name, version] of [['../../evil', '1.0'], ['ok', '1.0/../../x'], ['/tmp/evil', '1']]) {
    writeFileSync(join(dir, 'evil.deb'), debOf(control(name!, version!)));
    for (const target of ['tar', 'rpm', 'deb']) {
      const r = pkgshift(['-s', 'deb', '-t', target, '-p', `${out}/`, join(dir, 'evil.deb')], { cwd: out });
      if (r.status === 0 && target !== 'tar') assert.equal(readdirSync(out).length, 1, 'a writer that mends the value writes inside out/');
      else assertCleanFailure(r, /cannot be|not usable|invalid|must be/, out);
      for (const f of readdirSync(out)) rmSync(join(out, f));
    }
  }
  assertNothingEscaped(dir, ['evil.deb']);
});

test("an rpm whose NAME is '../../evil' (every digest right) is refused, not written outside", (t) => {
  const { dir, out } = sandbox(t);
  mkdirSync(join(dir, 'root/usr/share/zzzzzzzzzz'), { recursive: true });
  writeFileSync(join(dir, 'root/usr/share/zzzzzzzzzz/README'), 'hi\n');
  runOk(process.execPath, [CLI, '-s', 'dir', '-t', 'rpm', '-n', 'zzzzzzzzzz', '-v', '1', ...META, '--no-lint', '-C', join(dir, 'root'), '-p', join(dir, 'good.rpm'), '.']);
  const rpm = readFileSync(join(dir, 'good.rpm'));
  const { sig, main } = rpmHeaders(rpm)!;
  const name = entries(rpm, main).find((e) => e.tag === 1000)!;
  rpm.write('../../evil', main.start + 16 + main.il * 16 + name.offset, 'latin1');
  fixRpmDigests(rpm, sig, main);
  writeFileSync(join(dir, 'evil.rpm'), rpm);
  for (const target of ['tar', 'deb']) {
    assertCleanFailure(pkgshift(['-s', 'rpm', '-t', target, '-p', `${out}/`, join(dir, 'evil.rpm')], { cwd: out }), /\.\.\/\.\.\/evil/, out);
  }
  assertNothingEscaped(dir, ['good.rpm', 'evil.rpm', 'root']);
});

/** Converts a tarball to tar and expects a clean refusal within `seconds` (a hang guard, generous). */
function refusesTar(t: test.TestContext, bytes: Buffer, pattern: RegExp, name = 'hostile.tar'): void {
  const { dir, out } = sandbox(t);
  writeFileSync(join(dir, name), bytes);
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'x', '-v', '1', '-p', `${out}/`, join(dir, name)], { timeout: 60_000 });
  assertCleanFailure(r, pattern, out);
}

test('a tar directory member whose size is not 0 has its data skipped, as GNU tar does', (t) => {
  const dirMember = tarMember('app/', 'x'.repeat(700), { type: 'dir' }); // header says 700 bytes, the data follows
  const { dir, out } = sandbox(t);
  writeFileSync(join(dir, 'dirsize.tar'), tarOf(dirMember, tarMember('app/README', 'hi\n')));
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'x', '-v', '1', '--compression', 'none', '-p', join(out, 'x.tar'), join(dir, 'dirsize.tar')]);
  assert.equal(r.status, 0, r.stderr);
  const listing = runOk('tar', ['tvf', join(out, 'x.tar')]).stdout;
  assert.match(listing, /\.\/app\/README/);
});

test('a tar size of -1 (base-256) is an error, not an empty file', (t) => {
  const member = tarMember('f', 'x');
  member.fill(0xff, 124, 136);
  fixTarChecksum(member.subarray(0, 512));
  refusesTar(t, tarOf(member), /reading hostile\.tar: header at offset 0: size is negative/);
});

test('a 2 MB GNU long name is refused at once', (t) => {
  refusesTar(t, gzipSync(tarOf(tarMember(`${'a/'.repeat(1_000_000)}f`, 'x'))), /extended header at offset 0 is \d+ bytes/, 'long.tar.gz');
});

test('a file 3,000 directories deep is refused quickly; 200 deep converts and lints quickly', (t) => {
  refusesTar(t, gzipSync(tarOf(tarMember(`${'a/'.repeat(3000)}f`, 'x'))), /has a name of 6001 bytes/, 'deep.tar.gz');
  const { dir, out } = sandbox(t);
  writeFileSync(join(dir, 'deep.tar'), tarOf(tarMember(`${'a/'.repeat(200)}f`, 'x')));
  const started = Date.now();
  const r = pkgshift(['-s', 'tar', '-t', 'deb', '-n', 'deep', '-v', '1', ...META, '-p', `${out}/`, join(dir, 'deep.tar')], { timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - started < 30_000, 'lint is linear in depth (it took 26–79 s for 3,000 levels when quadratic)');
});

test('PAX records with wrong lengths are refused; a name with a newline is refused and shown escaped', (t) => {
  const pax = Buffer.from('5 path=evil\nname\n30 path=a\nb\n');
  const header = tarMember('PaxHeader', pax, { type: 'file' });
  header.write('x', 156, 'latin1');
  fixTarChecksum(header.subarray(0, 512));
  refusesTar(t, tarOf(header, tarMember('placeholder', 'x')), /PAX header at offset 0 has a malformed record/);
  refusesTar(t, tarOf(tarMember('usr/a\nb\x1b[31m', 'x')), /refusing member "usr\/a\\nb\\u001b\[31m": its name contains control characters/);
});

test('corrupt xz, zstd and bzip2 data and truncated streams are one clean line', (t) => {
  const { dir } = sandbox(t);
  const tar = tarOf(tarMember('usr/share/x/README', 'hello\n'.repeat(1000)));
  writeFileSync(join(dir, 'plain.tar'), tar);
  for (const [tool, ext] of [['xz', 'xz'], ['zstd', 'zst'], ['bzip2', 'bz2'], ['gzip', 'gz']] as const) {
    const compressed = runOk('sh', ['-c', `${tool} -c < plain.tar | base64 -w0`], { cwd: dir }).stdout;
    const bytes = Buffer.from(compressed, 'base64');
    const corrupt = Buffer.from(bytes);
    corrupt[Math.floor(corrupt.length / 2)]! ^= 0x55;
    refusesTar(t, corrupt, new RegExp(`reading hostile\\.tar\\.${ext}: `), `hostile.tar.${ext}`);
    refusesTar(t, bytes.subarray(0, Math.floor(bytes.length * 0.6)), new RegExp(`reading hostile\\.tar\\.${ext}: `), `hostile.tar.${ext}`);
  }
});

test('a FIFO, a device or a directory given as a package file is refused at once; an empty file is exit 1', async (t) => {
  const { dir } = sandbox(t);
  runOk('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'empty.deb'), '');
  const cases: [string[], RegExp][] = [
    [['-s', 'deb', join(dir, 'fifo')], /is a pipe \(FIFO\): package readers seek, so save it to a file first/],
    [[join(dir, 'fifo')], /is a pipe \(FIFO\)/],
    [['-s', 'tar', '/dev/zero'], /\/dev\/zero is a device, not a package file/],
    [['-s', 'rpm', dir], /is a directory, not a package file/],
    [[join(dir, 'empty.deb')], /empty\.deb is empty/],
  ];
  for (const [args, message] of cases) assertCleanFailure(pkgshift(['-t', 'tar', ...args], { timeout: 20_000 }), message);
});

/** True for a live process (a zombie waiting for a reaper is not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('SIGTERM ends pkgshift and the npm it runs within a second, and removes the run directory', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'tmp'));
  mkdirSync(join(dir, 'pkg'));
  writeFileSync(join(dir, 'pkg/package.json'), '{"name":"x","version":"1.0.0"}');
  // A stand-in npm that blocks, with a child of its own, and records both process ids.
  const fakeNpm = join(dir, 'npm');
  writeFileSync(fakeNpm, `#!/bin/sh\nsleep 120 &\necho "$$ $!" > ${join(dir, 'pids')}\nwait\n`);
  chmodSync(fakeNpm, 0o755);
  const child = spawn(process.execPath, [CLI, '-s', 'npm', '-t', 'tar', '--npm-bin', fakeNpm, '-p', join(dir, 'out.tar'), join(dir, 'pkg')],
    { env: { ...process.env, TMPDIR: join(dir, 'tmp') } });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; !readdirSync(dir).includes('pids'); i++) {
    assert.ok(i < 1500 && child.exitCode === null, `npm never started: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const pids = readFileSync(join(dir, 'pids'), 'utf8').trim().split(' ').map(Number);
  const sent = Date.now();
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.ok(Date.now() - sent < 1000, `exited ${Date.now() - sent} ms after SIGTERM`);
  assert.equal(code, 143);
  assert.match(stderr, /interrupted \(SIGTERM\); nothing was written/);
  await new Promise((r) => setTimeout(r, 200));
  for (const pid of pids) assert.ok(!running(pid), `process ${pid} (npm or its child) still runs`);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'the run directory is gone');
});

test("a run removes the temporary directories of killed runs (their process gone, older than a minute), no one else's", (t) => {
  const tmp = tempDir(t);
  const old = new Date(Date.now() - 3600_000);
  const stale = join(tmp, 'pkgshift-999999999-abcdef');
  const young = join(tmp, 'pkgshift-999999998-abcdef');
  const alive = join(tmp, `pkgshift-${process.pid}-abcdef`);
  const other = join(tmp, 'pkgshift-test-abcdef');
  for (const d of [stale, young, alive, other]) mkdirSync(join(d, 'spool'), { recursive: true });
  for (const d of [stale, alive, other]) utimesSync(d, old, old);
  writeFileSync(join(tmp, 'in.tar'), tarOf(tarMember('usr/share/x/README', 'x')));
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'x', '-v', '1', '-p', join(tmp, 'out.tar'), join(tmp, 'in.tar')], { env: { ...process.env, TMPDIR: tmp } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(tmp).sort(), ['in.tar', 'out.tar', 'pkgshift-999999998-abcdef', `pkgshift-${process.pid}-abcdef`, 'pkgshift-test-abcdef'].sort());
  assert.deepEqual(removeStaleRunDirs(tmp), [], 'nothing stale is left');
});

test('an output directory that cannot be written is one clean line for every output (no unhandled error event)', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'in.tar'), tarOf(tarMember('usr/share/x/README', 'x')));
  for (const target of ['deb', 'rpm', 'tar']) {
    const r = pkgshift(['-s', 'tar', '-t', target, '-n', 'xx', '-v', '1', ...META, '-p', '/proc/pkgshift-out', join(dir, 'in.tar')]);
    assertCleanFailure(r, /cannot write \/proc\/pkgshift-out/);
  }
});

test('package.json fields of the wrong JSON type are refused naming the field', () => {
  const cases: [string, RegExp][] = [
    ['{"name":"x","version":1}', /"version" must be a string, not number/],
    ['{"name":"x","description":["a"]}', /"description" must be a string, not array/],
    ['{"name":"x","engines":{"node":18}}', /"engines\.node" must be a string, not number/],
    ['{"name":"x","maintainers":{"a":1}}', /"maintainers" must be an array, not object/],
    ['{"name":"x","licenses":[{"type":3}]}', /"licenses\[\]\.type" must be a string, not number/],
    ['[1,2]', /must hold a JSON object, not array/],
    ['{"name":', /not valid JSON/],
  ];
  for (const [text, message] of cases) assert.throws(() => parsePackageJson(text, 'package.json'), message);
  assert.equal(parsePackageJson('{"name":"x","author":{"name":"A"},"bin":{"x":"b.js"}}', 'package.json').name, 'x');
});

test('a decompression bomb is refused for every codec, in tarballs, a deb data.tar.xz and an rpm zstd payload', async (t) => {
  const { dir, out } = sandbox(t);
  const size = 70 * 1024 * 1024; // past the 64 MiB every stream may expand to; --max-expansion 100 makes it a bomb
  const bombs: [string, string][] = [];
  for (const codec of BOMB_CODECS) {
    if (codec === 'bzip2' && !hasTool('bzip2')) continue;
    bombs.push(['tar', await tarBomb(dir, codec, size)]);
  }
  bombs.push(['deb', packageBomb(dir, CLI, 'deb', size)], ['rpm', packageBomb(dir, CLI, 'rpm', size)]);
  for (const [type, bomb] of bombs) {
    const r = pkgshift(['-s', type, '-t', 'tar', '-n', 'b', '-v', '1', '--max-expansion', '100', '-p', `${out}/`, bomb], { timeout: 120_000 });
    assertCleanFailure(r, /refusing (gzip|xz|zstd|lzma|bzip2) content that expands more than 100 times/, out);
  }
  // With the limit raised the same gzip tarball is an ordinary package.
  const ok = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'b', '-v', '1', '--no-lint', '--max-expansion', '5000', '-p', `${out}/`, bombs[0]![1]], { timeout: 120_000 });
  assert.equal(ok.status, 0, ok.stderr);
});

test('a deb data.tar hardlink to a later member is refused, as dpkg-deb -x refuses it', (t) => {
  const data = tarOf(tarMember('./usr/share/x/h', '', { type: 'hardlink', linkname: './usr/share/x/later' }), tarMember('./usr/share/x/later', 'x\n'));
  const { dir, out } = sandbox(t);
  writeFileSync(join(dir, 'link.deb'), debOf('Package: x\nVersion: 1\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: x\n', data));
  assertCleanFailure(pkgshift(['-t', 'tar', '-p', `${out}/`, join(dir, 'link.deb')]), /refusing hardlink "[^"]*usr\/share\/x\/h" -> "[^"]*later"/, out);
});

test('a 140 KB package name is one error line cut to a sane length', (t) => {
  const { dir, out } = sandbox(t);
  writeFileSync(join(dir, 'long.deb'), debOf(`Package: ${'a'.repeat(140_000)}\nVersion: 1\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: x\n`));
  const r = pkgshift(['-t', 'tar', '-p', `${out}/`, join(dir, 'long.deb')]);
  assertCleanFailure(r, /more characters\)/, out); // assertCleanFailure also holds the line to 1,200 characters
});

test('a control.tar of many large files is refused before it fills memory', (t) => {
  const { dir, out } = sandbox(t);
  const control = tarOf(tarMember('./control', 'Package: x\nVersion: 1\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: x\n'),
    ...[1, 2, 3].map((i) => tarMember(`./big${i}`, Buffer.alloc(30 * 1024 * 1024))));
  const members: [string, Buffer][] = [['debian-binary', Buffer.from('2.0\n')], ['control.tar.gz', gzipSync(control)], ['data.tar.gz', gzipSync(tarOf())]];
  writeFileSync(join(dir, 'fat.deb'), Buffer.concat([AR_MAGIC, ...members.flatMap(([name, bytes]) => [encodeArHeader(arMember(name, bytes.length)), bytes, arPadding(bytes.length)])]));
  assertCleanFailure(pkgshift(['-t', 'tar', '-p', `${out}/`, join(dir, 'fat.deb')]), /control files reach \d+ bytes at big3, more than control\.tar may hold/, out);
});
