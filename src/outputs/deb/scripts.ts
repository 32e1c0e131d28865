// Maintainer scripts and the other control files the model carries (docs/FORMATS.md §B2.2, §B7.1).
// Bodies written for rpm's `$1` arrive here already wrapped in a shim (core/script-translate.ts).
import type { Diagnostics } from '../../core/diagnostics.js';
import type { Script, ScriptPhase } from '../../core/model.js';
import { FOLDED_INTO } from '../../core/script-translate.js';
import { hasShebang } from '../../core/scripts.js';
import { MAINTAINER_SCRIPTS } from '../../formats/deb/vocabulary.js';
import { SCRIPTLETS } from '../../formats/rpm/vocabulary.js';

/**
 * Extra control files: `metadata.extras['deb-control-files']` maps a control.tar file name to its
 * text (`triggers`, `shlibs`, `symbols`, `templates`, debconf `config` …). The deb input fills it
 * with every control member it does not turn into model fields.
 */
export const CONTROL_FILES_EXTRA = 'deb-control-files';

export interface ControlFile {
  name: string;
  content: string;
  mode: number;
}

const SCRIPT_NAMES: Partial<Record<ScriptPhase, string>> = MAINTAINER_SCRIPTS;

/** Written by the output itself; never taken from the extras. */
const GENERATED = new Set(['control', 'md5sums', 'conffiles']);

/** Control files dpkg (or debconf) executes: they need mode 0755 (0555..0775, dpkg-deb build.c). */
const EXECUTABLE = new Set(['preinst', 'postinst', 'prerm', 'postrm', 'config']);

/**
 * The scripts dpkg can run: rpm's built-in Lua (`<lua>`) and %verifyscript (dpkg verifies nothing with
 * scripts) are left out, named in one warning. %pretrans and %posttrans stay: they run inside preinst and
 * postinst (core/script-translate.ts).
 */
export function runnableScripts(scripts: readonly Script[], diag: Diagnostics): Script[] {
  const dropped = scripts.filter((s) => s.interpreter.startsWith('<') || !(SCRIPT_NAMES[s.phase] || FOLDED_INTO[s.phase]));
  if (dropped.length) {
    const names = dropped.map((s) => `${SCRIPTLETS[s.phase].label}${s.interpreter.startsWith('<') ? ` (${s.interpreter})` : ''}`);
    diag.warn('script-dropped', `rpm scriptlets dpkg cannot run, left out: ${names.join(', ')}`);
  }
  return scripts.filter((s) => !dropped.includes(s));
}

/** The maintainer script files of runnable scripts (runnableScripts). */
export function scriptFiles(scripts: readonly Script[], diag: Diagnostics): ControlFile[] {
  const files: ControlFile[] = [];
  for (const script of scripts) {
    const name = SCRIPT_NAMES[script.phase]!;
    if (files.some((f) => f.name === name)) {
      diag.warn('deb-script-dropped', `a second ${script.phase} script is left out (deb has one ${name})`);
      continue;
    }
    let content = script.body;
    if (!hasShebang(content)) {
      // dpkg exec()s the script; without `#!` the kernel refuses it (ENOEXEC).
      const interpreter = script.interpreter.startsWith('/') ? script.interpreter : '/bin/sh';
      content = `#!${interpreter}\n${content}`;
      diag.info('deb-script-shebang', `the ${script.phase} script has no '#!' line: '#!${interpreter}' was added to ${name}`);
    }
    if (!content.endsWith('\n')) content += '\n';
    files.push({ name, content, mode: 0o755 });
  }
  return files;
}

export function extraControlFiles(extras: Record<string, string> | undefined, written: readonly ControlFile[], diag: Diagnostics): ControlFile[] {
  const files: ControlFile[] = [];
  for (const [name, content] of Object.entries(extras ?? {})) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name) || GENERATED.has(name)) {
      diag.warn('deb-control-file-dropped', `control file '${name}' from the input is left out (pkgshift writes control, md5sums and conffiles itself)`);
      continue;
    }
    if (written.some((f) => f.name === name)) {
      diag.warn('deb-control-file-dropped', `control file '${name}' from the input is left out: the package's own ${name} script is written`);
      continue;
    }
    files.push({ name, content, mode: EXECUTABLE.has(name) ? 0o755 : 0o644 });
  }
  return files;
}
