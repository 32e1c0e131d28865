// Maintainer script / scriptlet rules (docs/LINT.md §3.9).
import { spawnSync } from 'node:child_process';
import type { Script } from '../../core/model.js';
import { MAINTAINER_SCRIPTS } from '../../formats/deb/vocabulary.js';
import { SCRIPTLETS } from '../../formats/rpm/vocabulary.js';
import { findBashisms, isPosixShell } from '../bashism.js';
import { DEB_RPM, finding, type Finding, type Rule } from '../types.js';
import { octal } from './perm.js';

/** The script as the format names it: `postinst`, `%post` (a phase deb has no script for: `pretrans` …). */
function label(script: Script, format: string): string {
  const rpm = SCRIPTLETS[script.phase].label;
  if (format !== 'deb') return rpm;
  return (MAINTAINER_SCRIPTS as Partial<Record<string, string>>)[script.phase] ?? rpm.slice(1);
}

const KNOWN = /^\/(?:usr\/)?bin\/(?:sh|bash|dash|perl|python3?(?:\.\d+)?|ruby|lua|tclsh)$|^<lua>$/;

const noShebang: Rule = {
  id: 'mscript-no-shebang', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'a deb maintainer script has no #! line or an unknown interpreter; an rpm scriptlet\'s interpreter is not a valid program',
  hint: "start maintainer scripts with '#!/bin/sh' (or '#!/bin/bash', '#!/usr/bin/perl')",
  lintian: ['script-without-interpreter', 'unknown-control-interpreter'], rpmlint: ['invalid-shell-in-%post'],
  why: 'Debian Policy 6.1: maintainer scripts start with #! and an interpreter dpkg can run on every system.',
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
  id: 'mscript-not-executable', severity: 'error', formats: ['deb'], metadataOnly: true,
  summary: 'a deb maintainer script in the control archive is not mode 0755',
  hint: 'chmod 0755 DEBIAN/preinst DEBIAN/postinst DEBIAN/prerm DEBIAN/postrm DEBIAN/config',
  lintian: ['control-file-has-bad-permissions'],
  why: 'dpkg runs maintainer scripts directly: they must be executable (0755).',
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
  id: 'mscript-syntax-error', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'a shell maintainer script fails `sh -n` / `bash -n` (skipped when no shell is available)',
  hint: 'run sh -n on the script and fix the reported line',
  lintian: ['maintainer-shell-script-fails-syntax-check'], rpmlint: ['shell-syntax-error-in-%post'],
  why: 'A script with a syntax error fails on install or removal and leaves the package half configured.',
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
  id: 'mscript-bashism', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: 'a #!/bin/sh maintainer script or scriptlet uses bash-only syntax',
  hint: "rewrite with POSIX sh constructs (checkbashisms helps), or start the script with '#!/bin/bash'",
  lintian: ['possible-bashism-in-maintainer-script'],
  why: 'Debian Policy 10.4: #!/bin/sh scripts use only POSIX features; /bin/sh is dash on Debian, where bash syntax fails.',
  check(model, format) {
    const out: Finding[] = [];
    for (const script of model.scripts) {
      if (!isPosixShell(script.interpreter)) continue;
      for (const b of findBashisms(script.body)) out.push(finding(this, `${label(script, format)} line ${b.line}: ${b.construct}`));
    }
    return out;
  },
};

/** Lines of a shell script that do nothing: the #! line, comments, blank lines, `set -e`, `exit 0`. */
function doesNothing(line: string): boolean {
  return /^\s*(?:#.*|set\s+-e|exit(?:\s+0)?|:)?\s*;?\s*$/.test(line);
}

const empty: Rule = {
  id: 'mscript-empty', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: 'a maintainer script or scriptlet does nothing (only a #! line, comments, set -e, exit 0)',
  hint: 'leave the script out: dpkg and rpm only run scripts that exist',
  lintian: ['maintainer-script-empty'], rpmlint: ['empty-%pre', 'empty-%post', 'empty-%preun', 'empty-%postun', 'empty-%pretrans', 'empty-%posttrans'],
  why: 'An empty script costs a fork on every install and upgrade and says nothing to the reader; converters write one for every phase whether or not there is anything to run. An rpm scriptlet run by another program (%post -p /sbin/ldconfig) is not empty.',
  check(model, format) {
    return model.scripts
      .filter((script) => shellFor(script.interpreter) !== undefined && script.body.split('\n').every(doesNothing))
      .map((script) => finding(this, `${label(script, format)} does nothing`));
  },
};

/** A fixed name under /tmp or /var/tmp, not one mktemp made: another user can plant a link there first. */
const FIXED_TMP = /(?:^|[\s"'=>:(])\/(?:var\/)?tmp\/[\w.${}-]/;

const tmpUse: Rule = {
  id: 'mscript-tmp', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: 'a maintainer script or scriptlet uses a fixed path under /tmp or /var/tmp',
  hint: 'create temporary files with mktemp (tmp=$(mktemp -d)) and remove them with a trap',
  lintian: ['possibly-insecure-handling-of-tmp-files-in-maintainer-script'], rpmlint: ['use-tmp-in-%pre', 'use-tmp-in-%post', 'use-tmp-in-%preun', 'use-tmp-in-%postun'],
  why: 'Maintainer scripts run as root while other users can write to /tmp: a predictable name there lets them plant a symlink that root then writes through (CWE-377). Debian Policy 10.4 and the Fedora guidelines ask for mktemp.',
  check(model, format) {
    const out: Finding[] = [];
    for (const script of model.scripts) {
      script.body.split('\n').forEach((line, i) => {
        const code = line.replace(/(?:^|\s)#.*$/, '');
        if (FIXED_TMP.test(code) && !/\bmktemp\b|\btempfile\b/.test(code)) out.push(finding(this, `${label(script, format)} line ${i + 1} uses a fixed temporary path`));
      });
    }
    return out;
  },
};

export const mscriptRules: Rule[] = [noShebang, notExecutable, syntaxError, bashism, empty, tmpUse];
