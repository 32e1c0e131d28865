// Payload script rules (docs/LINT.md §3.8): executables that are neither ELF nor `#!` scripts, bad
// interpreter lines, and interpreters no dependency provides.
import type { PackageModel } from '../../core/model.js';
import { ALL, DEB_RPM, finding, type Finding, type LintContext, type Rule } from '../types.js';
import { BIN_DIRS, directlyIn } from './paths.js';

const noShebang: Rule = {
  id: 'script-no-shebang', severity: 'warning', formats: ALL, content: true,
  summary: 'an executable text file without a #! line, or a file in a bin dir that is neither ELF nor a script',
  hint: "start scripts with '#!/bin/sh' (or their interpreter), or drop the exec bit from data files",
  check(model, _format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      if (!facts || facts.kind === 'elf' || facts.kind === 'script' || facts.kind === 'empty') continue;
      if (directlyIn(e.path, BIN_DIRS)) out.push(finding(this, `a ${facts.kind} file in a bin directory is neither ELF nor a #! script`, e.path));
      else if (facts.kind === 'text' && e.mode & 0o111) out.push(finding(this, 'an executable text file without a #! line', e.path));
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
  id: 'script-interpreter-undeclared', severity: 'info', formats: DEB_RPM, content: true,
  summary: 'a script\'s interpreter (python3, ruby, node …) is not provided by any dependency',
  hint: "add a dependency on the interpreter's package: -d python3, -d nodejs …",
  check(model, format, ctx: LintContext) {
    const missing = new Map<string, string>();
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      if (facts?.kind !== 'script' || facts.shebang === undefined || !(e.mode & 0o111)) continue;
      const name = interpreterName(facts.shebang);
      if (/^(?:sh|bash|dash)$/.test(name) || (format === 'deb' && name === 'perl')) continue;
      const row = PROVIDERS.find(([interp]) => interp.test(name));
      if (row && !provided(model, row[1]) && !missing.has(name)) missing.set(name, e.path);
    }
    return [...missing].map(([name, path]) => finding(this, `scripts run ${name} but no dependency provides it`, path));
  },
};

export const scriptRules: Rule[] = [noShebang, badInterpreter, interpreterUndeclared];
