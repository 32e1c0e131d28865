// dir input → tar output, end to end through the CLI: read back with tar-stream, listed by GNU tar,
// reproducible with SOURCE_DATE_EPOCH.
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import test from 'node:test';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { LONG_DIR, LONG_FILE, LONG_TARGET, UTF8_FILE, makeTree } from '../support/tree.js';

interface Listed {
  name: string;
  type: string;
  mode: number;
  uname: string;
  gname: string;
  uid: number;
  size: number;
  linkname: string | null;
  content: string;
}

async function readTarGz(path: string): Promise<Map<string, Listed>> {
  const entries = new Map<string, Listed>();
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    stream.on('end', () => {
      entries.set(header.name, {
        name: header.name, type: header.type!, mode: header.mode!, uname: header.uname!, gname: header.gname!,
        uid: header.uid!, size: header.size!, linkname: header.linkname ?? null, content: Buffer.concat(chunks).toString(),
      });
      next();
    });
  });
  await pipeline(createReadStream(path), createGunzip(), reader);
  return entries;
}

function build(t: Parameters<typeof tempDir>[0]) {
  const dir = tempDir(t);
  makeTree(join(dir, 'build'));
  return dir;
}

test('a build directory under --prefix reads back exactly, owned by root', async (t) => {
  const dir = build(t);
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'myapp', '-v', '1.2.0', '--prefix', '/opt/myapp', './build'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), join(dir, 'myapp-1.2.0.tar.gz'));
  const entries = await readTarGz(join(dir, 'myapp-1.2.0.tar.gz'));
  const p = (rest: string) => `./opt/myapp/build/${rest}`;
  assert.deepEqual([...entries.keys()].slice(0, 4), ['./opt/', './opt/myapp/', './opt/myapp/build/', './opt/myapp/build/bin/']);
  for (const e of entries.values()) {
    assert.deepEqual([e.uname, e.gname, e.uid], ['root', 'root', 0], e.name);
  }
  assert.equal(entries.get(p('bin/suid'))!.mode, 0o4755);
  assert.equal(entries.get(p('bin/tool'))!.content, '#!/bin/sh\necho tool\n');
  const hardlinked = [p('bin/tool'), p('bin/tool-hardlink')].map((n) => entries.get(n)!);
  assert.deepEqual(hardlinked.map((e) => e.type).sort(), ['file', 'link']);
  assert.equal(hardlinked.find((e) => e.type === 'link')!.linkname, hardlinked.find((e) => e.type === 'file')!.name);
  assert.deepEqual([entries.get(p('bin/tool-symlink'))!.type, entries.get(p('bin/tool-symlink'))!.linkname], ['symlink', 'tool']);
  assert.equal(entries.get(p('share/long-link'))!.linkname, LONG_TARGET);
  assert.equal(entries.get(p(LONG_FILE))!.content, 'long\n');
  assert.equal(entries.get(p(UTF8_FILE))!.content, 'utf8\n');
  assert.equal(entries.get(p('share/data.txt'))!.size, 100_000);
  assert.equal(entries.get(p('empty') + '/')!.type, 'directory');
  assert.equal(entries.size, 16);
});

test('SRC=DEST mappings place files where they belong; -C with . places contents at /', async (t) => {
  const dir = build(t);
  writeFileSync(join(dir, 'tool.conf'), 'conf\n');
  let result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'tools', '-v', '2.0', 'build/bin/tool=/usr/bin/tool', 'tool.conf=/etc/', '-p', 'out.tar.gz'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual([...(await readTarGz(join(dir, 'out.tar.gz'))).keys()], ['./etc/', './etc/tool.conf', './usr/', './usr/bin/', './usr/bin/tool']);
  result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'myapp', '-C', 'build', '.', '-x', 'share', '-x', 'deep-*', '-p', 'c.tar.gz'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual([...(await readTarGz(join(dir, 'c.tar.gz'))).keys()],
    ['./bin/', './bin/suid', './bin/tool', './bin/tool-hardlink', './bin/tool-symlink', './empty/']);
});

test('GNU tar lists owners, modes, links and long names as expected', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = build(t);
  for (const [kind, file] of [['none', 'a.tar'], ['xz', 'a.tar.xz'], ['zstd', 'a.tar.zst']]) {
    const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'a', '--owner', 'daemon', '--group', 'adm', '-C', 'build', '.', '-p', file!], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const listing = runOk('tar', ['--list', '--verbose', '--numeric-owner', kind === 'zstd' ? '--zstd' : '--auto-compress', '-f', join(dir, file!)]).stdout;
    const names = runOk('tar', ['--list', '--verbose', kind === 'zstd' ? '--zstd' : '--auto-compress', '-f', join(dir, file!)]).stdout;
    assert.match(names, /^-rwsr-xr-x daemon\/adm +\d+ \S+ \S+ \.\/bin\/suid$/m, kind);
    assert.match(listing, /^-rwsr-xr-x 1\/4 /m, kind);
    assert.match(names, /^hrwxr-xr-x daemon\/adm +0 \S+ \S+ \.\/bin\/tool-hardlink link to \.\/bin\/tool$/m, kind);
    assert.match(names, /^lrwxrwxrwx daemon\/adm +0 \S+ \S+ \.\/bin\/tool-symlink -> tool$/m, kind);
    assert.ok(names.includes(`./${LONG_FILE}\n`), `${kind}: long name listed whole`);
    assert.ok(names.includes(`./share/long-link -> ${LONG_TARGET}\n`), `${kind}: long link target listed whole`);
    assert.ok(names.includes(`./${LONG_DIR}/\n`), kind);
  }
});

test('two runs with SOURCE_DATE_EPOCH write identical bytes', (t) => {
  const dir = build(t);
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
  for (const out of ['one.tar.gz', 'two.tar.gz', 'one.tar.xz', 'two.tar.xz']) {
    const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'r', '-C', 'build', '.', '-p', out], { cwd: dir, env });
    assert.equal(result.status, 0, result.stderr);
  }
  assert.deepEqual(readFileSync(join(dir, 'one.tar.gz')), readFileSync(join(dir, 'two.tar.gz')));
  assert.deepEqual(readFileSync(join(dir, 'one.tar.xz')), readFileSync(join(dir, 'two.tar.xz')));
  assert.ok(runOk('tar', ['-tvzf', join(dir, 'one.tar.gz')]).stdout.includes('2023-11-14'), 'mtimes clamped to SOURCE_DATE_EPOCH');
});
