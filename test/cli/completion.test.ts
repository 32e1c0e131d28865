// Shell completion scripts load in bash, zsh and fish and complete pkgshift's own commands and options;
// the shipped man page is the one the option definitions generate.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { buildProgram, packageVersion } from '../../src/cli/program.js';
import { manPage } from '../../src/cli/man-page.js';
import { ROOT, needTools, pkgshift, run, tempDir } from '../support/helpers.js';

function script(t: import('node:test').TestContext, shell: string): string {
  const result = pkgshift(['completion', shell]);
  assert.equal(result.status, 0, result.stderr);
  const file = join(tempDir(t), `pkgshift.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

test('the bash completion loads and completes commands, options and option values', (t) => {
  if (!needTools(t, 'bash')) return;
  const file = script(t, 'bash');
  const complete = (...words: string[]) => run('bash', ['-c', `source '${file}'; COMP_WORDS=(pkgshift ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _pkgshift; printf '%s\\n' "\${COMPREPLY[@]}"`]);
  const loaded = run('bash', ['-c', `source '${file}' && complete -p pkgshift`]);
  assert.equal(loaded.status, 0, loaded.stderr);
  assert.match(loaded.stdout, /-F _pkgshift pkgshift/);
  assert.deepEqual(complete('li').stdout.split('\n').filter(Boolean), ['lint']);
  assert.ok(complete('--deb-c').stdout.includes('--deb-compression'));
  assert.deepEqual(complete('-t', '').stdout.split('\n').filter(Boolean).sort(), ['deb', 'rpm', 'tar']);
  assert.deepEqual(complete('completion', '').stdout.split('\n').filter(Boolean), ['bash', 'zsh', 'fish']);
  assert.ok(complete('lint', '--fail').stdout.includes('--fail-on'));
});

test('the zsh completion loads after compinit and registers for pkgshift', (t) => {
  if (!needTools(t, 'zsh')) return;
  const file = script(t, 'zsh');
  const result = run('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -D && source '${file}' && print -r -- $_comps[pkgshift] && whence -w _pkgshift`]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.equal(result.stdout, "_pkgshift\n_pkgshift: function\n");
});

test('the fish completion loads in fish and completes commands, options and option values', (t) => {
  if (!needTools(t, 'fish')) return;
  const file = script(t, 'fish');
  const empty = tempDir(t); // inputs are files: fish offers the current directory's too
  /** The completions fish offers for the command line `pkgshift LINE` (candidates only, without descriptions). */
  const complete = (line: string) => {
    const result = run('fish', ['--no-config', '-c', `source '${file}'; complete --do-complete='pkgshift ${line}'`], { cwd: empty });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '', 'the script loads without a complaint');
    return result.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
  };
  assert.deepEqual(complete('li'), ['lint']);
  assert.ok(complete('--deb-c').includes('--deb-compression'));
  assert.deepEqual(complete('-t ').sort(), ['deb', 'rpm', 'tar']);
  assert.deepEqual(complete('completion ').sort(), ['bash', 'fish', 'zsh']);
  assert.ok(complete('lint --fail').includes('--fail-on'));
});

test('man/pkgshift.1 is the page the option definitions generate (npm run man)', () => {
  const shipped = readFileSync(join(ROOT, 'man', 'pkgshift.1'), 'utf8');
  assert.equal(shipped, manPage(buildProgram(), packageVersion()), 'run `npm run man` and commit man/pkgshift.1');
  for (const option of ['\\-\\-deb\\-compression', '\\-\\-strict', '\\-\\-json', '\\-\\-progress']) assert.ok(shipped.includes(option), option);
});
