// Config files from inputs that do not say which files are config: everything under /etc, plus
// --config-files; --no-default-config-files turns the /etc default off.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

function build(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'in/etc/app'), { recursive: true });
  mkdirSync(join(dir, 'in/opt/app'), { recursive: true });
  writeFileSync(join(dir, 'in/etc/app/app.conf'), 'a\n');
  writeFileSync(join(dir, 'in/opt/app/defaults'), 'b\n');
  writeFileSync(join(dir, 'in/opt/app/program'), 'c\n');
  return dir;
}

function make(dir: string, target: string, extra: string[]): string {
  const result = pkgshift(['-s', 'dir', '-t', target, '-n', 'app', '-a', 'all', '--no-lint', '-C', 'in', '-p', `${dir}/`, '-f', ...extra, '.'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('deb conffiles: /etc by default, --config-files, --no-default-config-files', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const dir = build(t);
  const conffiles = (deb: string) => runOk('dpkg-deb', ['-I', deb, 'conffiles'], { cwd: dir }).stdout;
  assert.equal(conffiles(make(dir, 'deb', ['--config-files', '/opt/app/defaults'])), '/etc/app/app.conf\n/opt/app/defaults\n');
  const none = make(dir, 'deb', ['--no-default-config-files']);
  assert.doesNotMatch(runOk('dpkg-deb', ['-I', none]).stdout, /conffiles/);
});

test('rpm %config(noreplace): /etc by default, --config-files, --no-default-config-files', (t) => {
  if (!needTools(t, 'rpm')) return;
  const dir = build(t);
  const flags = (rpm: string) => runOk('rpm', ['-qp', '--qf', '[%{FILENAMES} %{FILEFLAGS}\n]', rpm]).stdout;
  const rows = flags(make(dir, 'rpm', ['--config-files', '/opt/app/defaults']));
  assert.match(rows, /^\/etc\/app\/app\.conf 17$/m);
  assert.match(rows, /^\/opt\/app\/defaults 17$/m);
  assert.match(rows, /^\/opt\/app\/program 0$/m);
  assert.match(flags(make(dir, 'rpm', ['--no-default-config-files'])), /^\/etc\/app\/app\.conf 0$/m);
});
