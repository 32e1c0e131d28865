// Truncated and corrupted .deb and .rpm packages: every cut at a member boundary (and inside
// members) and flipped bytes in headers fail with one clear line naming the member or part,
// exit code 1, no output file left, and never hang.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { buildDeb, readArMembers, writeDemoTree } from '../support/deb-build.js';
import { DEMO_SPEC, buildRpm } from '../support/rpm-build.js';

/** Runs a conversion of `bytes` and checks the failure: one line naming `part`, exit 1, no output. */
function assertFails(t: TestContext, dir: string, bytes: Buffer, name: string, part: RegExp, why: string): void {
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const out = join(dir, 'out');
  // The timeout is a hang guard only (a hang is a failure), not a speed measurement.
  const type = name.endsWith('.deb') ? 'deb' : 'rpm';
  const result = pkgshift(['-s', type, '-t', 'tar', '-p', join(out, 'result.tar'), input], { timeout: 120_000 });
  assert.equal(result.status, 1, `${why}: exit status (stderr: ${result.stderr})`);
  const lines = result.stderr.split('\n').filter((l) => l && !l.startsWith('pkgshift: warning'));
  assert.equal(lines.length, 1, `${why}: one error line, got ${JSON.stringify(result.stderr)}`);
  assert.match(lines[0]!, /^pkgshift: error: /, why);
  assert.match(lines[0]!, part, `${why}: ${lines[0]}`);
  assert.doesNotMatch(result.stderr, /\n\s+at /, `${why}: no stack trace`);
  assert.equal(existsSync(out) ? readdirSync(out).length : 0, 0, `${why}: output left behind`);
  void t;
}

test('a file that is neither deb nor rpm, without -s, is a usage error naming the file', (t) => {
  const dir = tempDir(t);
  const input = join(dir, 'mystery.bin');
  writeFileSync(input, Buffer.from('!<arch>\nnot-a-deb-member'));
  const result = pkgshift(['-t', 'tar', '-p', join(dir, 'out.tar'), input]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^pkgshift: error: cannot tell what kind of package .*mystery\.bin is/);
  assert.equal(existsSync(join(dir, 'out.tar')), false);
});

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}

test('truncated debs fail naming the member, at every member boundary and inside members', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const dir = tempDir(t);
  writeDemoTree(join(dir, 'root'));
  for (const z of ['xz', 'none']) {
    const deb = buildDeb(join(dir, 'root'), join(dir, `demo-${z}.deb`), z);
    const bytes = readFileSync(deb);
    const members = readArMembers(deb);
    const cuts: [number, RegExp][] = [[0, /not a deb/], [4, /not a deb/], [8, /debian-binary/]];
    for (const m of members) {
      const dataStart = m.offset + 60;
      const named = new RegExp(m.name.replace(/\./g, '\\.'));
      cuts.push([m.offset + 30, /truncated|member header/]);
      cuts.push([dataStart, named]);
      cuts.push([dataStart + Math.floor(m.size / 2), named]);
      cuts.push([dataStart + m.size - 1, named]);
      if (m.offset > 8) cuts.push([m.offset, m.name.startsWith('data') ? /no data\.tar member/ : /no control\.tar member/]);
    }
    for (const [at, part] of cuts) assertFails(t, dir, bytes.subarray(0, at), `cut-${z}-${at}.deb`, part, `${z} deb cut at ${at}`);
  }
});

test('corrupted debs fail naming the member: flipped bytes in ar headers, compressed data, tar headers and content', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const dir = tempDir(t);
  writeDemoTree(join(dir, 'root'));
  const xz = buildDeb(join(dir, 'root'), join(dir, 'demo-xz.deb'), 'xz');
  const none = buildDeb(join(dir, 'root'), join(dir, 'demo-none.deb'), 'none');
  const xzBytes = readFileSync(xz);
  const xzMembers = readArMembers(xz);
  const noneBytes = readFileSync(none);
  const data = readArMembers(none).find((m) => m.name === 'data.tar')!;
  const dataStart = data.offset + 60;
  const content = noneBytes.indexOf('key = value', dataStart);
  const cases: [Buffer, RegExp, string][] = [
    [flipped(xzBytes, 2), /not a deb/, 'ar magic'],
    [flipped(xzBytes, xzMembers[1]!.offset + 58), /corrupt|member header/, 'ar header terminator of control.tar.xz'],
    [flipped(xzBytes, xzMembers[2]!.offset + 50), /data\.tar\.xz|corrupt|truncated/, 'ar size field of data.tar.xz'],
    [flipped(xzBytes, xzMembers[1]!.offset + 60 + 40), /control\.tar\.xz/, 'compressed control.tar.xz'],
    [flipped(xzBytes, xzMembers[2]!.offset + 60 + Math.floor(xzMembers[2]!.size / 2)), /data\.tar\.xz/, 'compressed data.tar.xz'],
    [flipped(noneBytes, dataStart + 512 + 150), /data\.tar/, 'tar header checksum in data.tar'],
    [flipped(noneBytes, content), /md5sum/, 'file content vs md5sums'],
  ];
  for (const [bytes, part, why] of cases) assertFails(t, dir, bytes, 'corrupt.deb', part, why);
});

/** Offsets of the rpm's parts: signature header, main header, payload. */
function rpmLayout(bytes: Buffer): { sig: number; header: number; payload: number } {
  const size = (at: number) => 16 + bytes.readUInt32BE(at + 8) * 16 + bytes.readUInt32BE(at + 12);
  const sigSize = size(96);
  const header = 96 + sigSize + ((8 - (sigSize % 8)) % 8);
  return { sig: 96, header, payload: header + size(header) };
}

test('truncated and corrupted rpms fail naming the part: lead, signature header, main header, payload', (t) => {
  if (!needTools(t, 'rpmbuild')) return;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'demo.spec'), DEMO_SPEC);
  for (const payload of ['w6.xzdio', 'w0.ufdio']) {
    const bytes = readFileSync(buildRpm(dir, payload));
    const { sig, header, payload: body } = rpmLayout(bytes);
    const cuts: [number, RegExp][] = [
      [0, /lead/], [50, /lead/], [sig, /signature header/], [sig + 10, /signature header/],
      [sig + 100, /signature header/], [header, /main header/], [header + 20, /main header/], [body - 1, /main header/],
      [body, /payload/], [body + 3, /payload/], [Math.floor((body + bytes.length) / 2), /payload/], [bytes.length - 1, /payload/],
    ];
    for (const [at, part] of cuts) assertFails(t, dir, bytes.subarray(0, at), `cut-${at}.rpm`, part, `${payload} rpm cut at ${at}`);
    const flips: [number, RegExp, string][] = [
      [1, /lead/, 'lead magic'],
      [sig + 1, /signature header/, 'signature header magic'],
      [header + 1, /main header/, 'main header magic'],
      [header + 16 + 4 + 3, /main header/, 'main header index type'],
      [body - 40, /main header.*digest|main header/, 'main header data (SHA256)'],
      [body + Math.floor((bytes.length - body) / 2), /payload/, 'payload bytes'],
    ];
    for (const [at, part, why] of flips) assertFails(t, dir, flipped(bytes, at), 'corrupt.rpm', part, `${payload}: ${why}`);
  }
});

test('a deb or rpm holding a symlink that escapes the package root is refused, nothing written', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const dir = tempDir(t);
  const root = join(dir, 'root');
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr/share/x'), { recursive: true });
  writeFileSync(join(root, 'DEBIAN/control'), 'Package: hostile\nVersion: 1\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: x\n');
  symlinkSync('../../../../../etc/shadow', join(root, 'usr/share/x/escape'));
  runOk('dpkg-deb', ['--root-owner-group', '-b', root, join(dir, 'hostile.deb')]);
  rmSync(join(root, 'DEBIAN'), { recursive: true });
  // Our own writer packs what the user's tree holds (lint reports symlink-escapes-root); reading it back refuses it.
  const written = pkgshift(['-s', 'dir', '-t', 'rpm', '-n', 'hostile', '-a', 'all', '--no-lint', '-C', root, '-p', join(dir, 'hostile.rpm'), '.']);
  assert.equal(written.status, 0, written.stderr);
  for (const input of ['hostile.deb', 'hostile.rpm']) {
    const result = pkgshift(['-t', 'tar', '-p', join(dir, 'out.tar'), join(dir, input)]);
    assert.equal(result.status, 1, input);
    assert.match(result.stderr, /^pkgshift: error: (data\.tar\.xz in hostile\.deb|reading the payload of hostile\.rpm): refusing symlink "\.?\/usr\/share\/x\/escape" -> "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/shadow": it points outside the package root\n$/);
    assert.equal(existsSync(join(dir, 'out.tar')), false);
  }
});
