// `--strict` judges the package as written: lint runs on the output's plan, so what the writer mends
// (a lowered name, a translated version, a filled-in summary) is not reported. The README's conversion
// examples pass --strict.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { pkgshift, runOk, tempDir } from '../support/helpers.js';

function exampleTree(dir: string): void {
  for (const d of ['build/bin', 'bin', 'etc', 'my-cli/bin', 'myapp-1.2.0/bin']) mkdirSync(join(dir, d), { recursive: true });
  const executable = (path: string, text: string) => {
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), 0o755);
  };
  executable('build/bin/myapp', '#!/bin/sh\necho myapp\n');
  executable('myapp-1.2.0/bin/myapp', '#!/bin/sh\necho myapp\n');
  executable('bin/tool', '#!/bin/sh\necho tool\n');
  executable('my-cli/bin/cli.js', '#!/usr/bin/env node\nconsole.log("hi");\n');
  writeFileSync(join(dir, 'etc/tool.conf'), 'verbose=0\n');
  writeFileSync(join(dir, 'myapp.conf'), 'port=80\n');
  writeFileSync(join(dir, 'post.sh'), '#!/bin/sh\nset -e\necho installed\n');
  writeFileSync(join(dir, 'my-cli/package.json'), JSON.stringify({
    name: 'my-cli', version: '1.0.0', description: 'A command line tool', license: 'MIT', bin: { 'my-cli': 'bin/cli.js' },
  }));
  runOk('tar', ['-czf', 'myapp-1.2.0-linux-x64.tar.gz', 'myapp-1.2.0'], { cwd: dir });
}

/** The README's conversion examples (Usage, tar input, npm input, deb output, rpm output), as written there. */
const EXAMPLES: string[][] = [
  ['-s', 'dir', '-t', 'tar', '-n', 'myapp', '-v', '1.2.0', '--prefix', '/opt/myapp', './build'],
  ['-s', 'dir', '-t', 'tar', '-n', 'tools', '-v', '2.0', 'bin/tool=/usr/bin/tool', 'etc/tool.conf=/etc/tool.conf'],
  ['-s', 'dir', '-t', 'tar', '-n', 'myapp', '-v', '1.2.0', '-C', 'build', '.'],
  ['-s', 'tar', '-t', 'deb', '-n', 'myapp', '-v', '1.2.0', '--prefix', '/opt/myapp', '--strip-components', '1', 'myapp-1.2.0-linux-x64.tar.gz'],
  ['-s', 'npm', '-t', 'rpm', './my-cli/'],
  ['-s', 'dir', '-t', 'deb', '-n', 'myapp', '-v', '1.2.0', '--iteration', '1', '-a', 'amd64', '-m', 'Jane Admin <jane@example.org>',
    '--description', 'My app\nLonger text.', '-d', 'libc6 (>= 2.17)', '--after-install', 'post.sh', './build=/opt/myapp'],
  ['-s', 'dir', '-t', 'rpm', '-n', 'myapp', '-v', '1.2.0', '--iteration', '1', '-a', 'x86_64', '--license', 'MIT',
    '--config-files', '/etc/myapp.conf', '--after-install', 'post.sh', './build=/opt/myapp', './myapp.conf=/etc/myapp.conf'],
];

test('the README conversion examples pass --strict', (t) => {
  const dir = tempDir(t);
  exampleTree(dir);
  for (const args of EXAMPLES) {
    const result = pkgshift([...args, '--strict', '-f'], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(result.status, 0, `pkgshift ${args.join(' ')} --strict\n${result.stderr}`);
  }
});

test('--strict does not report what the writer mends: a lowered name, a translated version, a filled-in summary', (t) => {
  const dir = tempDir(t);
  exampleTree(dir);
  const deb = pkgshift(['-s', 'dir', '-t', 'deb', '-n', 'My_App', '-v', 'v1.0', '-a', 'all', '-m', 'A B <a@example.org>', '--description', 'Demo\nA demo.',
    './build=/opt/myapp', '--strict'], { cwd: dir });
  assert.equal(deb.status, 0, deb.stderr);
  assert.match(deb.stdout, /my-app_0v1\.0_all\.deb\n$/);
  assert.match(deb.stderr, /'My_App' is written as 'my-app'/);
  assert.doesNotMatch(deb.stderr, /meta-name-invalid|meta-version-invalid/);
  const rpm = pkgshift(['-s', 'dir', '-t', 'rpm', '-n', 'myapp', '-v', '1.0-beta', '-m', 'A B <a@example.org>', '--license', 'MIT',
    './build=/opt/myapp', '--strict'], { cwd: dir });
  assert.equal(rpm.status, 0, rpm.stderr);
  assert.match(rpm.stderr, /no summary given/);
  assert.doesNotMatch(rpm.stderr, /^E: |meta-version-invalid/m);
});
