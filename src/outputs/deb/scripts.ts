// Maintainer scripts and the other control files the model carries (FORMATS.md §B2.2, §B7.1).
// Bodies written for rpm's `$1` arrive here already wrapped in a shim (core/script-translate.ts).
import type { Diagnostics } from '../../core/diagnostics.js';
import type { Script, ScriptPhase } from '../../core/model.js';
import { hasShebang } from '../../core/scripts.js';
import { MAINTAINER_SCRIPTS } from '../../formats/deb/vocabulary.js';

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

/** The scripts dpkg can run: rpm's built-in interpreters (`<lua>`) and phases deb has no script for are left out. */
export function runnableScripts(scripts: readonly Script[], diag: Diagnostics): Script[] {
  return scripts.filter((script) => {
    if (script.interpreter.startsWith('<')) {
      diag.warn('script-dropped', `the ${script.phase} script is rpm ${script.interpreter}, which dpkg cannot run: dropped`);
      return false;
    }
    if (!SCRIPT_NAMES[script.phase]) {
      diag.warn('script-dropped', `the ${script.phase} script has no deb counterpart: dropped`);
      return false;
    }
    return true;
  });
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
