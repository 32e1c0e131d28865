// Maintainer script / scriptlet rules (docs/LINT.md §3.9).
import { spawnSync } from 'node:child_process';
import type { Script } from '../../core/model.js';
import { findBashisms, isPosixShell } from '../bashism.js';
import { DEB_RPM, finding, type Finding, type Rule } from '../types.js';
import { octal } from './perm.js';

const DEB_NAMES: Record<string, string> = {
  preInstall: 'preinst', postInstall: 'postinst', preRemove: 'prerm', postRemove: 'postrm',
  preTransaction: 'pretrans', postTransaction: 'posttrans', verify: 'verifyscript',
};
const RPM_NAMES: Record<string, string> = {
  preInstall: '%pre', postInstall: '%post', preRemove: '%preun', postRemove: '%postun',
  preTransaction: '%pretrans', postTransaction: '%posttrans', verify: '%verifyscript',
};

function label(script: Script, format: string): string {
  return (format === 'deb' ? DEB_NAMES : RPM_NAMES)[script.phase] ?? script.phase;
}

const KNOWN = /^\/(?:usr\/)?bin\/(?:sh|bash|dash|perl|python3?(?:\.\d+)?|ruby|lua|tclsh)$|^<lua>$/;

const noShebang: Rule = {
  id: 'mscript-no-shebang', severity: 'error', formats: DEB_RPM,
  summary: 'a deb maintainer script has no #! line or an unknown interpreter; an rpm scriptlet\'s interpreter is not a valid program',
  hint: "start maintainer scripts with '#!/bin/sh' (or '#!/bin/bash', '#!/usr/bin/perl')",
  check(model, format) {
    const out: Finding[] = [];
    for (const script of model.scripts) {
      const name = label(script, format);
      // A deb script read from a deb is the file itself; other scripts get their #! from the writer.
      if (format === 'deb' && script.convention === 'deb' && !script.body.startsWith('#!')) out.push(finding(this, `${name} has no #! line`));
      else if (!KNOWN.test(script.interpreter) && (format === 'deb' || !script.interpreter.startsWith('/'))) {
        out.push(finding(this, `${name} uses interpreter '${script.interpreter}', which ${format === 'deb' ? 'is not a known maintainer-script interpreter' : 'is not an absolute path'}`));
      }
    }
    return out;
  },
};

const notExecutable: Rule = {
  id: 'mscript-not-executable', severity: 'error', formats: ['deb'],
  summary: 'a deb maintainer script in the control archive is not mode 0755',
  hint: 'chmod 0755 DEBIAN/preinst DEBIAN/postinst DEBIAN/prerm DEBIAN/postrm DEBIAN/config',
  check(_model, _format, ctx) {
    return (ctx.deb?.members ?? [])
      .filter((m) => /^(?:preinst|postinst|prerm|postrm|config)$/.test(m.name) && m.mode !== 0o755)
      .map((m) => finding(this, `control member ${m.name} has mode ${octal(m.mode)}`));
  },
};

function shellFor(interpreter: string): string | undefined {
  if (isPosixShell(interpreter) || /\/dash$/.test(interpreter)) return 'sh';
  if (/\/bash$/.test(interpreter)) return 'bash';
  return undefined;
}

const syntaxError: Rule = {
  id: 'mscript-syntax-error', severity: 'error', formats: DEB_RPM,
  summary: 'a shell maintainer script fails `sh -n` / `bash -n` (skipped when no shell is available)',
  hint: 'run sh -n on the script and fix the reported line',
  check(model, format) {
    const out: Finding[] = [];
    for (const script of model.scripts) {
      const shell = shellFor(script.interpreter);
      if (!shell) continue;
      const result = spawnSync(shell, ['-n'], { input: script.body, encoding: 'utf8', timeout: 10_000 });
      if (result.error) continue; // no such shell here: the check is optional
      if (result.status !== 0) {
        const why = result.stderr.trim().split('\n')[0]?.replace(/^[^:]*:\s*/, '') ?? 'syntax error';
        out.push(finding(this, `${label(script, format)}: ${shell} -n: ${why}`));
      }
    }
    return out;
  },
};

const bashism: Rule = {
  id: 'mscript-bashism', severity: 'warning', formats: DEB_RPM,
  summary: 'a #!/bin/sh maintainer script or scriptlet uses bash-only syntax',
  hint: "rewrite with POSIX sh constructs (checkbashisms helps), or start the script with '#!/bin/bash'",
  check(model, format) {
    const out: Finding[] = [];
    for (const script of model.scripts) {
      if (!isPosixShell(script.interpreter)) continue;
      for (const b of findBashisms(script.body)) out.push(finding(this, `${label(script, format)} line ${b.line}: ${b.construct}`));
    }
    return out;
  },
};

export const mscriptRules: Rule[] = [noShebang, notExecutable, syntaxError, bashism];
