// An npm package that ships a native binary (as esbuild does) is labelled with the binary's
// architecture, not all/noarch; dpkg then accepts it only on that architecture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

test('an npm package shipping an x86-64 ELF binary becomes amd64, with a warning', (t) => {
  if (!needTools(t, 'gcc', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const project = join(dir, 'native-tool');
  mkdirSync(join(project, 'bin'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'native-tool', version: '1.0.0', description: 'a native tool', license: 'MIT', bin: { 'native-tool': 'bin/native-tool' } }));
  writeFileSync(join(dir, 'main.c'), 'int main(void) { return 0; }\n');
  runOk('gcc', ['-o', join(project, 'bin', 'native-tool'), join(dir, 'main.c')]);
  const deb = join(dir, 'out.deb');
  const result = pkgshift(['-s', 'npm', '-t', 'deb', '--no-lint', '-p', deb, project]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /ships amd64 ELF objects .*its architecture is amd64/);
  assert.equal(runOk('dpkg-deb', ['-f', deb, 'Architecture']).stdout.trim(), 'amd64');
  // -a wins over the content.
  const forced = pkgshift(['-s', 'npm', '-t', 'deb', '-a', 'all', '--no-lint', '-f', '-p', deb, project]);
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(runOk('dpkg-deb', ['-f', deb, 'Architecture']).stdout.trim(), 'all');
});
