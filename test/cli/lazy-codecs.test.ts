// Native codecs are loaded only by the conversions that need them: `--help`, gzip and zstd (from
// node:zlib on Node 22.15+) never load lzma-native or zstd-napi, so a failed native build cannot break them.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { zstdFromNode } from '../../src/formats/compress.js';
import { pkgshift, tempDir } from '../support/helpers.js';

const NATIVE = ['lzma-native', 'zstd-napi'];

test('native codec modules are loaded only when a conversion compresses with them', (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'loaded.txt');
  const hook = join(dir, 'hook.cjs');
  writeFileSync(hook, `const Module = require('node:module'); const fs = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (${JSON.stringify(NATIVE)}.includes(request)) fs.appendFileSync(${JSON.stringify(log)}, request + '\\n');
  return load.call(this, request, ...rest);
};\n`);
  mkdirSync(join(dir, 'root/usr/bin'), { recursive: true });
  writeFileSync(join(dir, 'root/usr/bin/tool'), '#!/bin/sh\n', { mode: 0o755 });
  const loadedBy = (...args: string[]): string[] => {
    writeFileSync(log, '');
    const result = pkgshift(args, { cwd: dir, env: { ...process.env, NODE_OPTIONS: `--require ${hook}` } });
    assert.equal(result.status, 0, result.stderr);
    return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  };
  const convert = ['-s', 'dir', '-t', 'tar', '-n', 'tool', '-C', 'root', '.', '--quiet', '-f', '-p'];
  assert.deepEqual(loadedBy('--help'), []);
  assert.deepEqual(loadedBy(...convert, 'a.tar.gz'), []);
  assert.deepEqual(loadedBy(...convert, 'a.tar.xz'), ['lzma-native']);
  assert.deepEqual(loadedBy(...convert, 'a.tar.zst'), zstdFromNode() ? [] : ['zstd-napi']);
});
