// Payload script rules (LINT.md §3.8): executables that are neither ELF nor `#!` scripts, bad
// interpreter lines, and interpreters no dependency provides.
import type { PackageModel } from '../../core/model.js';
import { ALL, DEB_RPM, finding, type Finding, type LintContext, type Rule } from '../types.js';
import { BIN_DIRS, directlyIn } from './paths.js';

const noShebang: Rule = {
  id: 'script-no-shebang', severity: 'warning', formats: ALL, content: true,
  summary: 'a file in a bin dir that is neither ELF nor a #! script; an executable text file elsewhere (info)',
  hint: "start scripts with '#!/bin/sh' (or their interpreter), or drop the exec bit from data files",
  lintian: ['executable-not-elf-or-script'], rpmlint: ['script-without-shebang'],
  why: 'A command in PATH that is neither ELF nor a #! script fails with "Exec format error" (or is run by whichever shell calls it). Elsewhere an executable text file is usually a sourced snippet or a unit file with a stray exec bit: untidy, harmless, so only info.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      if (!facts || facts.kind === 'elf' || facts.kind === 'script' || facts.kind === 'empty') continue;
      if (directlyIn(e.path, BIN_DIRS)) out.push(finding(this, `a ${facts.kind} file in a bin directory is neither ELF nor a #! script`, e.path));
      else if (facts.kind === 'text' && e.mode & 0o111) out.push(finding(this, 'an executable text file without a #! line', e.path, 'info'));
    }
    return out;
  },
};

/** The interpreter path and first argument of a `#!` line. */
export function parseShebang(line: string): { interpreter: string; argument?: string; crlf: boolean } {
  const crlf = line.endsWith('\r');
  const [interpreter = '', argument] = line.replace(/\r$/, '').trim().split(/\s+/);
  return argument === undefined ? { interpreter, crlf } : { interpreter, argument, crlf };
}

const badInterpreter: Rule = {
  id: 'script-bad-interpreter', severity: 'warning', formats: ALL, content: true,
  summary: 'an executable\'s #! line that is empty, relative, under /usr/local or the build tree, or ends in CR (error); /usr/bin/env is info',
  hint: 'use the absolute system path of the interpreter (#!/usr/bin/python3), with Unix line endings',
  lintian: ['interpreter-not-absolute', 'interpreter-in-usr-local', 'script-without-interpreter'], rpmlint: ['wrong-script-interpreter'],
  why: 'Debian Policy 10.4: the #! line names the interpreter by its absolute system path; /usr/local, build paths and a trailing CR (DOS line ending) make the script unrunnable.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      // A #! line only matters where the kernel runs the file: executables and bin dirs.
      if (facts?.kind !== 'script' || facts.shebang === undefined || !(e.mode & 0o111 || directlyIn(e.path, BIN_DIRS))) continue;
      const { interpreter, argument, crlf } = parseShebang(facts.shebang);
      if (crlf) out.push(finding(this, 'the #! line ends in CR (DOS line endings): the kernel cannot run it', e.path, 'error'));
      if (!interpreter) out.push(finding(this, 'the #! line names no interpreter', e.path, 'error'));
      else if (!interpreter.startsWith('/')) out.push(finding(this, `interpreter '${interpreter}' is not an absolute path`, e.path, 'error'));
      else if (interpreter.startsWith('/usr/local/')) out.push(finding(this, `interpreter '${interpreter}' is under /usr/local`, e.path, 'error'));
      else if (/BUILDROOT|^\/tmp\/|^\/build\//.test(interpreter) || ctx.buildRoots.some((r) => interpreter.startsWith(r))) out.push(finding(this, `interpreter '${interpreter}' is in the build tree`, e.path, 'error'));
      else if (/\/env$/.test(interpreter) && directlyIn(e.path, BIN_DIRS)) out.push(finding(this, `'${interpreter} ${argument ?? ''}' picks whatever is first in PATH`, e.path, 'info'));
    }
    return out;
  },
};

/** Interpreters and the dependency names that provide them; sh, bash, dash and perl are essential on Debian. */
const PROVIDERS: [RegExp, RegExp][] = [
  [/^python3(?:\.\d+)?$/, /^(?:python3(?:\.\d+)?(?:-minimal)?|\/usr\/bin\/python3.*|python\(abi\)|python3dist\(.*)$/],
  [/^python(?:2(?:\.\d+)?)?$/, /^python(?:2(?:\.\d+)?)?(?:-minimal)?$|^\/usr\/bin\/python/],
  [/^ruby(?:\d[\d.]*)?$/, /^ruby(?:[\d.]+)?$|^\/usr\/bin\/ruby/],
  [/^node(?:js)?$/, /^nodejs$|^\/usr\/bin\/node/],
  [/^php(?:\d[\d.]*)?$/, /^php(?:[\d.]+)?(?:-cli)?$|^\/usr\/bin\/php/],
  [/^lua(?:\d[\d.]*)?$/, /^lua[\d.]*$|^\/usr\/bin\/lua/],
  [/^(?:tclsh|wish)[\d.]*$/, /^(?:tcl|tk)[\d.]*$/],
  [/^zsh$/, /^zsh$/], [/^ksh\d*$/, /^ksh|^mksh$/], [/^fish$/, /^fish$/], [/^tcsh|csh$/, /^(?:t?csh)$/],
  [/^perl$/, /^(?:perl|perl-base|perl-interpreter|\/usr\/bin\/perl)$/],
];

function provided(model: PackageModel, pattern: RegExp): boolean {
  const names = ['depends', 'preDepends'].flatMap((k) => model.metadata.relations[k as 'depends'] ?? [])
    .flatMap((r) => [r, ...(r.alternatives ?? [])]).map((r) => r.name);
  return names.some((n) => pattern.test(n)) || pattern.test(model.metadata.name);
}

function interpreterName(shebang: string): string {
  const { interpreter, argument } = parseShebang(shebang);
  const name = /\/env$/.test(interpreter) && argument ? argument : interpreter;
  return name.slice(name.lastIndexOf('/') + 1);
}

const interpreterUndeclared: Rule = {
  id: 'script-interpreter-undeclared', severity: 'warning', formats: DEB_RPM, content: true,
  summary: 'a script\'s interpreter (python3, ruby, node …) is not provided by any dependency',
  hint: "add a dependency on the interpreter's package: -d python3, -d nodejs …",
  lintian: ['python3-script-but-no-python3-dep', 'python2-script-but-no-python2-dep', 'ruby-script-but-no-ruby-dep', 'php-script-but-no-php-cli-dep', 'tclsh-script-but-no-tclsh-dep', 'wish-script-but-no-wish-dep', 'missing-dep-for-interpreter'],
  why: 'Debian Policy 10.4: a script\'s interpreter must be installed when the script is, so the package depends on it unless it is essential (sh, bash, perl). Packages made by fpm or alien from a staging tree declare no dependencies, and the command then fails with "No such file or directory".',
  check(model, format, ctx: LintContext) {
    const missing = new Map<string, string>();
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      // Examples and documentation are not run by the package (Policy 12.6).
      if (facts?.kind !== 'script' || facts.shebang === undefined || !(e.mode & 0o111) || e.path.startsWith('/usr/share/doc/')) continue;
      const name = interpreterName(facts.shebang);
      if (/^(?:sh|bash|dash)$/.test(name) || (format === 'deb' && name === 'perl')) continue;
      const row = PROVIDERS.find(([interp]) => interp.test(name));
      if (row && !provided(model, row[1]) && !missing.has(name)) missing.set(name, e.path);
    }
    return [...missing].map(([name, path]) => finding(this, `scripts run ${name} but no dependency provides it`, path));
  },
};

/**
 * Files that carry a #! line without being programs (lintian's Scripts check skips the same kinds):
 * library modules (Perl .pm, Python .py, Ruby .rb), templates (.in, .erb, .ex), shell fragments other
 * programs source (bash completions, Xsession.d, debconf's confmodule), documentation and sources.
 */
const NOT_A_PROGRAM = [
  /^\/usr\/(?:lib|share)\/.*\.(?:pm|py|rb)$/, /\.(?:in|erb|ex)$/, /^\/usr\/share\/bash-completion\//, /^\/etc\/X11\/Xsession\.d\//,
  /^\/usr\/share\/debconf\/confmodule(?:\.sh)?$/, /^\/usr\/share\/doc\//, /^\/usr\/src\//, /^\/etc\/menu-methods\//,
];

const notExecutable: Rule = {
  id: 'script-not-executable', severity: 'warning', formats: ALL, content: true,
  summary: 'a file starts with #! but is not executable (library modules, templates, sourced fragments and documentation aside)',
  hint: 'chmod 0755 the script, or remove the #! line if the file is meant to be sourced or imported',
  lintian: ['script-not-executable'], rpmlint: ['non-executable-script'],
  why: 'A #! line says "run me"; without the exec bit the script cannot be run. Converters that copy files with a umask, or tar up a tree made on a file system without modes, lose the bit. Modules with a #! line for their self-test, templates and sourced fragments are not programs.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      if (facts?.kind !== 'script' || e.mode & 0o111 || directlyIn(e.path, BIN_DIRS)) continue; // bin dirs: perm-exec-bit-mismatch
      if (NOT_A_PROGRAM.some((re) => re.test(e.path))) continue;
      // lintian's rule too: a relative #! (`#!python`) outside bin dirs is an editor hint, not a program.
      if (!parseShebang(facts.shebang ?? '').interpreter.startsWith('/')) continue;
      out.push(finding(this, `starts with '#!${parseShebang(facts.shebang ?? '').interpreter}' but has mode ${(e.mode & 0o7777).toString(8).padStart(4, '0')}`, e.path));
    }
    return out;
  },
};

export const scriptRules: Rule[] = [noShebang, badInterpreter, notExecutable, interpreterUndeclared];
