// The Depends pkgshift computes from a package's ELF files equal dpkg-shlibdeps' for the same files:
// exactly with this machine's dpkg database, and within the built-in table's reach without it.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRelationList } from '../../src/core/relations.js';
import { formatDebRelation } from '../../src/core/relations.js';
import { builtinLibrary } from '../../src/deps/library-info.js';
import { CORPUS, needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

const DEBS = ['hello_2.10-3_amd64.deb', 'passwd_1%3a4.13+dfsg1-1+deb12u2_amd64.deb', 'cron_3.0pl1-162_amd64.deb'];

function elfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...elfFiles(path));
    else if (entry.isFile() && statSync(path).size > 4) {
      const fd = openSync(path, 'r');
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      closeSync(fd);
      if (head.toString('latin1') === '\x7fELF') out.push(path);
    }
  }
  return out;
}

function shlibdeps(t: TestContext, files: string[]): string {
  const work = tempDir(t);
  mkdirSync(join(work, 'debian'));
  writeFileSync(join(work, 'debian', 'control'), 'Source: x\n\nPackage: x\nArchitecture: any\n');
  const out = runOk('dpkg-shlibdeps', ['-O', ...files.map((f) => `-e${f}`)], { cwd: work }).stdout;
  return out.replace(/^shlibs:Depends=/, '').trim();
}

function convertedDepends(t: TestContext, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const out = join(tempDir(t), 'x.deb');
  const result = pkgshift([...args, '--deps', 'auto', '-p', out, '--no-lint'], { env });
  assert.equal(result.status, 0, result.stderr);
  return runOk('dpkg-deb', ['-f', out, 'Depends']).stdout.trim();
}

function corpusTree(t: TestContext, deb: string): { path: string; tree: string } | undefined {
  const path = join(CORPUS, 'debs', deb);
  if (!existsSync(path)) { t.skip(`corpus file ${deb} is absent`); return undefined; }
  const tree = join(tempDir(t), 'tree');
  runOk('dpkg-deb', ['-x', path, tree]);
  return { path, tree };
}

for (const deb of DEBS) {
  test(`Depends equal dpkg-shlibdeps with this machine's dpkg database: ${deb}`, (t) => {
    if (!needTools(t, 'dpkg-shlibdeps', 'dpkg-deb')) return;
    const found = corpusTree(t, deb);
    if (!found) return;
    const theirs = shlibdeps(t, elfFiles(found.tree));
    assert.match(theirs, /libc6 \(>= 2\.\d+\)/);
    assert.equal(convertedDepends(t, ['-s', 'deb', '-t', 'deb', found.path]), theirs);
  });

  test(`Depends equal dpkg-shlibdeps within the built-in table, without a dpkg database: ${deb}`, (t) => {
    if (!needTools(t, 'dpkg-shlibdeps', 'dpkg-deb')) return;
    const found = corpusTree(t, deb);
    if (!found) return;
    const known = new Set(['libc6', 'libcrypt1', 'libselinux1', 'libpam0g', 'libaudit1', 'zlib1g', 'libssl3']);
    const theirs = parseRelationList(shlibdeps(t, elfFiles(found.tree))).filter((r) => known.has(r.name)).map(formatDebRelation);
    const ours = convertedDepends(t, ['-s', 'deb', '-t', 'deb', found.path], { ...process.env, DPKG_ADMINDIR: join(tempDir(t), 'none') });
    assert.deepEqual(parseRelationList(ours).filter((r) => known.has(r.name)).map(formatDebRelation), theirs);
  });
}

test('Depends of gcc-built programs equal dpkg-shlibdeps, with and without the database', (t) => {
  if (!needTools(t, 'dpkg-shlibdeps', 'dpkg-deb', 'gcc')) return;
  const work = tempDir(t);
  const tree = join(work, 'tree');
  mkdirSync(join(tree, 'usr/bin'), { recursive: true });
  writeFileSync(join(work, 'p.cc'), '#include <iostream>\n#include <cmath>\n#include <zlib.h>\nint main(int c, char **) { std::cout << std::cos(c) << zlibVersion() << std::endl; }\n');
  runOk('g++', ['-o', join(tree, 'usr/bin/p'), join(work, 'p.cc'), '-lz']);
  const theirs = shlibdeps(t, [join(tree, 'usr/bin/p')]);
  assert.match(theirs, /libstdc\+\+6 \(>= \d+/);
  const args = ['-s', 'dir', '-t', 'deb', '-n', 'demo', '-v', '1', '-C', tree, '.'];
  assert.equal(convertedDepends(t, args), theirs);
  // The built-in table knows every library this program needs.
  for (const soname of ['libc.so.6', 'libm.so.6', 'libstdc++.so.6', 'libgcc_s.so.1', 'libz.so.1']) assert.ok(builtinLibrary(soname), soname);
  assert.equal(convertedDepends(t, args, { ...process.env, DPKG_ADMINDIR: join(work, 'none') }), theirs);
});
