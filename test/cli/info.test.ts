// `pkgshift info`: dispatch beside the conversion command, errors, and the JSON shape.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { pkgshift, tempDir } from '../support/helpers.js';

test('info is listed in --help and has its own help', () => {
  assert.match(pkgshift(['--help']).stdout, /^\s+info \[options\] FILE +print what a package holds/m);
  const help = pkgshift(['info', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--json/);
});

test('info errors: a missing file is one line and exit 1; no file is a usage error', (t) => {
  const dir = tempDir(t);
  const missing = pkgshift(['info', join(dir, 'nope.deb')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^pkgshift: error: cannot open .*nope\.deb: no such file or directory/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.equal(pkgshift(['info']).status, 2);
});

test('the conversion command still takes positional inputs next to the info subcommand', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'tree'));
  writeFileSync(join(dir, 'tree', 'f'), 'x');
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'demo', '-v', '1', '-p', join(dir, 'o.tar'), 'tree'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
});

test('info --json of a tarball lists its files with octal modes and no content', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'tree/bin'), { recursive: true });
  writeFileSync(join(dir, 'tree/bin/tool'), '#!/bin/sh\n', { mode: 0o4755 });
  const made = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'demo', '-v', '1', '-p', join(dir, 'o.tar'), '-C', join(dir, 'tree'), 'bin'], { cwd: dir });
  assert.equal(made.status, 0, made.stderr);
  const result = pkgshift(['info', '--json', '-s', 'tar', join(dir, 'o.tar')]);
  assert.equal(result.status, 0, result.stderr);
  const info = JSON.parse(result.stdout) as { files: { path: string; mode: string; type: string; source?: unknown }[] };
  const tool = info.files.find((f) => f.path === '/bin/tool');
  assert.deepEqual([tool?.type, tool?.mode, tool?.source], ['file', '4755', undefined]);
  const text = pkgshift(['info', '-s', 'tar', join(dir, 'o.tar')]).stdout;
  assert.match(text, /-rwsr-xr-x root\/root +10 \d{4}-\d\d-\d\d \d\d:\d\d \/bin\/tool$/m);
});
