// Maintainer scripts across formats (docs/FORMATS.md §B7). deb scripts get verbs (`configure <old>`,
// `remove`, `upgrade <new>` …), rpm scriptlets an instance count in $1. A body written for one
// convention runs under the other inside a generated shim that rebuilds the arguments it expects;
// copying it verbatim (what fpm and alien do) breaks every script that looks at $1.
import { debArch } from './arch.js';
import type { Diagnostics } from './diagnostics.js';
import type { Metadata, Script, ScriptPhase } from './model.js';
import { companionFiles, deferrableScriptlet, deferredRunner, DEFERRABLE, isDeferredRunner, shellOfDeferrable } from './script-bootstrap.js';
import { interpreterOf } from './scripts.js';
import { alternativesLinks, commandsRun, debianOnlyCommands, rpmOnlyCommands, queriesDpkgDatabase, toolNeeds } from './script-tools.js';

export type Convention = 'deb' | 'rpm';

const SH_FAMILY = /^\/(?:usr\/)?bin\/(?:sh|dash|bash)$/;

/**
 * rpm `$1` → the deb verbs; pkgshift_other prints the other installed version (or 0). Arguments that
 * are already verbs stay: debconf's frontend runs the script again with the arguments it was given.
 */
const DEB_ARGS_FROM_RPM: Partial<Record<ScriptPhase, string>> = {
  preInstall: 'case "${1:-1}" in 1) set -- install ;; [0-9]*) set -- upgrade "$(pkgshift_other)" ;; esac',
  postInstall: 'case "${1:-1}" in 1) set -- configure ;; [0-9]*) set -- configure "$(pkgshift_other)" ;; esac',
  preRemove: 'case "${1:-0}" in 0) set -- remove ;; [0-9]*) set -- upgrade "$(pkgshift_other)" ;; esac',
  postRemove: 'case "${1:-0}" in 0) set -- remove ;; [0-9]*) set -- upgrade "$(pkgshift_other)" ;; esac',
};

/** dpkg's names for the scripts, as it exports them in DPKG_MAINTSCRIPT_NAME. */
const DEB_SCRIPT_NAME: Partial<Record<ScriptPhase, string>> = {
  preInstall: 'preinst', postInstall: 'postinst', preRemove: 'prerm', postRemove: 'postrm',
};

/** deb verbs → rpm's `$1`; dpkg's error-unwinding and trigger calls have no rpm meaning: do nothing. */
const RPM_ARGS_FROM_DEB: Partial<Record<ScriptPhase, string>> = {
  preInstall: 'case "$1" in install) set -- 1 ;; upgrade) set -- 2 ;; *) exit 0 ;; esac',
  postInstall: 'case "$1" in configure) if [ -n "$2" ]; then set -- 2; else set -- 1; fi ;; *) exit 0 ;; esac',
  preRemove: 'case "$1" in remove) set -- 0 ;; upgrade) set -- 1 ;; *) exit 0 ;; esac',
  postRemove: 'case "$1" in remove) set -- 0 ;; upgrade) set -- 1 ;; *) exit 0 ;; esac',
};

/**
 * The scripts a package of format `target` carries, each body that assumes the other convention
 * wrapped in a shim. The output has already left out what it cannot run (deb: rpm Lua, %pretrans …).
 * `metadata` is the package as the target writes it (for rpm, its version already translated).
 */
export function scriptsFor(target: Convention, scripts: readonly Script[], metadata: Metadata, diag: Diagnostics): Script[] {
  const out: Script[] = [];
  // A shim pkgshift wrote for the other format is undone (a round trip gives the original back); one
  // already written for this target stays, so translating twice changes nothing. The %posttrans that
  // runs deferred deb install scripts has no meaning outside rpm.
  const originals = scripts.filter((s) => target === 'rpm' || !isDeferredRunner(s)).map((s) => (originalScript(s).convention === target ? originalScript(s) : s));
  let deferrable = false;
  for (const script of originals) {
    if (script.convention !== 'neutral' && script.convention !== target) warnForeignHelpers(script, target, diag);
    if (script.convention === 'neutral' || script.convention === target) {
      out.push(script);
      continue;
    }
    const args = target === 'rpm' ? DEB_ARGS_FROM_RPM[script.phase] : RPM_ARGS_FROM_DEB[script.phase];
    if (!args) {
      out.push(script);
      continue;
    }
    const shimmed: Script = { ...script, body: shim(script, args, target, metadata), convention: target, interpreter: shimInterpreter(script) };
    if (target === 'rpm' && DEFERRABLE[script.phase]) {
      const needs = toolNeeds(script.body, metadata.name, declaredPackages(metadata)).map((n) => n.command);
      out.push(deferrableScriptlet(shimmed, metadata.name, needs, companionFiles(metadata.extras['deb-control-files'])));
      deferrable = true;
    } else {
      out.push(shimmed);
    }
  }
  if (deferrable) out.push(deferredRunner(metadata.name));
  return out;
}

/** The packages a script needs before it runs (see core/script-tools.ts): rpm writes them as Requires(pre) etc. */
export function scriptToolPackages(script: Script, metadata: Metadata): string[] {
  const original = originalScript(script);
  if (original.convention !== 'deb' || !SH_FAMILY.test(original.interpreter)) return [];
  return [...new Set(toolNeeds(original.body, metadata.name, declaredPackages(metadata)).map((n) => n.package))];
}

/** The links a deb script creates with update-alternatives: rpm writes them as Provides (outputs/rpm/scripts.ts). */
export function scriptProvides(script: Script): string[] {
  const original = originalScript(script);
  return original.convention === 'deb' ? alternativesLinks(original.body) : [];
}

function declaredPackages(metadata: Metadata): Set<string> {
  const relations = [...(metadata.relations.depends ?? []), ...(metadata.relations.preDepends ?? [])];
  return new Set(relations.flatMap((r) => [r.name, ...(r.alternatives ?? []).map((a) => a.name)]));
}

/** A script as it was before pkgshift wrapped it (in a shim, in a Lua scriptlet, or both). */
export function originalScript(script: Script): Script {
  return unwrapShim(withoutLua(script));
}

/** The shell script inside a Lua scriptlet pkgshift wrote (core/script-bootstrap.ts); any other script as it is. */
function withoutLua(script: Script): Script {
  const shell = shellOfDeferrable(script);
  return shell === undefined ? script : { ...script, body: shell, interpreter: interpreterOf(shell) };
}

/**
 * pkgshift's Lua wrappers undone for a format without rpm's Lua: the shell script inside each, and no
 * %posttrans runner (it only runs what those wrappers queued).
 */
export function withoutLuaWrappers(scripts: readonly Script[]): Script[] {
  return scripts.filter((s) => !isDeferredRunner(s)).map(withoutLua);
}

const SHIM_MARK = /^#!\S+\n# Generated by pkgshift: the script below was written for (deb|rpm),/;
const FUNCTION_BODY = /\npkgshift_original\(\) \{\n:\n([\s\S]*)\n\}\npkgshift_original "\$@"\n$/;
const FD3_BODY = /\n(\S+) \/dev\/fd\/3 "\$@" 3<<'(PKGSHIFT_ORIGINAL_SCRIPT_*)'\n([\s\S]*)\n\2\n$/;
const PROGRAM_ONLY = /\nexec (.+) # rpm ran this program without a script \(-p\)\n$/;
const BASH_FOR_SH = "# rpm's /bin/sh is bash on every rpm distribution: this script runs under bash, as there.";

/**
 * The original script inside a shim pkgshift wrote earlier (a deb made from an rpm made from a deb …),
 * so that a round trip gives the script back as it was instead of a shim around a shim.
 */
export function unwrapShim(script: Script): Script {
  const convention = SHIM_MARK.exec(script.body)?.[1] as Convention | undefined;
  if (!convention) return script;
  const inFunction = FUNCTION_BODY.exec(script.body);
  if (inFunction) {
    const interpreter = script.body.includes(`\n${BASH_FOR_SH}\n`) ? '/bin/sh' : script.interpreter;
    return { ...script, body: `${inFunction[1]}\n`, interpreter, convention };
  }
  const programOnly = PROGRAM_ONLY.exec(script.body);
  if (programOnly) return { ...script, body: '', interpreter: programOnly[1]!, convention };
  const onFd3 = FD3_BODY.exec(script.body);
  if (onFd3) return { ...script, body: `${onFd3[3]}\n`, interpreter: onFd3[1]!, convention };
  return script;
}

function shimInterpreter(script: Script): string {
  if (script.convention === 'rpm' && /^\/(?:usr\/)?bin\/sh$/.test(script.interpreter)) return '/bin/bash';
  return SH_FAMILY.test(script.interpreter) ? script.interpreter : '/bin/sh';
}

/** An rpm scriptlet `-p PROGRAM` without a body (`%postun -p /sbin/ldconfig`) runs the program alone. */
function isProgramOnly(script: Script): boolean {
  return script.body.trim() === '' && !SH_FAMILY.test(script.interpreter) && script.interpreter.startsWith('/');
}

function shim(script: Script, args: string, target: Convention, metadata: Metadata): string {
  const from = target === 'rpm' ? 'deb' : 'rpm';
  const lines = [
    `#!${shimInterpreter(script)}`,
    `# Generated by pkgshift: the script below was written for ${from}, which calls it ${from === 'deb' ? 'with dpkg\'s verbs' : 'with an instance count in $1'};`,
    `# this ${target} ${target === 'rpm' ? 'scriptlet' : 'maintainer script'} rebuilds the arguments it expects (pkgshift docs/FORMATS.md §B7.3).`,
  ];
  if (target === 'rpm') {
    const self = `${metadata.version.upstream}-${metadata.version.release || '1'}`;
    lines.push(
      'pkgshift_other() {',
      `  rpm -q --qf '%{VERSION}-%{RELEASE}\\n' ${metadata.name} 2>/dev/null | grep -v -e ' ' -e '^${self}$' | head -n 1 | grep . || echo 0`,
      '}',
      ...dpkgEnvironment(script, metadata),
    );
  }
  if (shimInterpreter(script) !== script.interpreter && SH_FAMILY.test(script.interpreter)) lines.push(BASH_FOR_SH);
  lines.push(args);
  if (isProgramOnly(script)) lines.push(`exec ${script.interpreter} # rpm ran this program without a script (-p)`);
  else lines.push(...embedded(script, 'pkgshift_original'));
  return `${lines.join('\n')}\n`;
}

/**
 * Shell lines that run `script` with the caller's arguments: a shell body inside a function named
 * `fn` (then called), any other interpreter reading the body from a here-document on fd 3.
 */
export function embedded(script: Pick<Script, 'body' | 'interpreter'>, fn: string): string[] {
  if (SH_FAMILY.test(script.interpreter)) return [`${fn}() {`, ':', script.body.replace(/\n?$/, ''), '}', `${fn} "$@"`];
  const marker = uniqueMarker(script.body);
  return [`${script.interpreter} /dev/fd/3 "$@" 3<<'${marker}'`, script.body.replace(/\n?$/, ''), marker];
}

/**
 * What dpkg gives a maintainer script (dpkg's man page, "Maintainer scripts"): dpkg-maintscript-helper
 * refuses to run without DPKG_MAINTSCRIPT_NAME/PACKAGE, deb-systemd-helper checks it was "called from
 * dpkg". rpm runs scriptlets chrooted, so DPKG_ROOT is empty, as dpkg sets it for `/`.
 */
function dpkgEnvironment(script: Script, metadata: Metadata): string[] {
  const lines = [
    `DPKG_MAINTSCRIPT_NAME=${DEB_SCRIPT_NAME[script.phase]} DPKG_MAINTSCRIPT_PACKAGE=${metadata.name}`,
    `DPKG_MAINTSCRIPT_ARCH=${debArch(metadata.arch)} DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT=1`,
    // dpkg exports its own version: that of the dpkg installed (empty while there is none, when no dpkg
    // tool a script could ask about is there either).
    'DPKG_ROOT= DPKG_ADMINDIR=/var/lib/dpkg',
    'DPKG_RUNNING_VERSION=$(dpkg --version 2>/dev/null | { read -r pkgshift_line; pkgshift_line=${pkgshift_line#* version }; echo "${pkgshift_line%% *}"; })',
    'export DPKG_MAINTSCRIPT_NAME DPKG_MAINTSCRIPT_PACKAGE DPKG_MAINTSCRIPT_ARCH DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT DPKG_ROOT DPKG_ADMINDIR DPKG_RUNNING_VERSION',
  ];
  const uses = new Set(commandsRun(script.body).map((u) => u.command));
  if (uses.has('debconf')) {
    // debconf's frontend names the package after the script file, which rpm calls rpm-tmp.*; without a
    // terminal (rpm's usual case) it takes each question's default instead of failing on a dialog.
    lines.push(`DEBCONF_PACKAGE=${metadata.name}; export DEBCONF_PACKAGE`, '[ -t 0 ] || [ -n "${DEBIAN_FRONTEND:-}" ] || { DEBIAN_FRONTEND=noninteractive; export DEBIAN_FRONTEND; }');
  }
  if (queriesDpkgDatabase(script.body)) lines.push(...DPKG_DATABASE_ANSWER);
  if (uses.has('dpkg-trigger')) {
    // dpkg triggers only record state in dpkg's database, which rpm never reads.
    lines.push('pkgshift_no_trigger() { :; }', 'alias dpkg-trigger=pkgshift_no_trigger');
  }
  return lines;
}

/**
 * Under rpm dpkg's database is empty, so `dpkg -S PATH` would say no package owns anything, and scripts
 * that remove what no package owns (usr-is-merged's /lib64 clean-up) would remove system directories.
 * A path that exists is answered as owned ("rpm: PATH"), which makes such scripts leave it alone.
 * `dpkg -L PKG` is answered from rpm's database: the files and directories the rpm of PKG owns (dpkg
 * also lists the parent directories it shares with other packages). Aliases apply to the script text
 * read after them; bash needs expand_aliases for that.
 */
const DPKG_DATABASE_ANSWER = [
  'pkgshift_search() {',
  '  pkgshift_status=1',
  '  for pkgshift_path in "$@"; do',
  '    if [ -e "$pkgshift_path" ] || [ -L "$pkgshift_path" ]; then echo "rpm: $pkgshift_path"; pkgshift_status=0; fi',
  '  done',
  '  return $pkgshift_status',
  '}',
  'pkgshift_listfiles() {',
  '  pkgshift_status=0',
  '  for pkgshift_pkg in "$@"; do',
  '    pkgshift_pkg=${pkgshift_pkg%%:*}',
  '    if rpm -q --quiet "$pkgshift_pkg" >/dev/null 2>&1; then rpm -q --qf \'[%{FILENAMES}\\n]\' "$pkgshift_pkg"',
  '    else echo "dpkg-query: package \'$pkgshift_pkg\' is not installed" >&2; pkgshift_status=1; fi',
  '  done',
  '  return $pkgshift_status',
  '}',
  'pkgshift_query() { pkgshift_program=$1; shift; case "$1" in -S|--search) shift; pkgshift_search "$@" ;; -L|--listfiles) shift; pkgshift_listfiles "$@" ;; *) command "$pkgshift_program" "$@" ;; esac; }',
  '[ -z "${BASH_VERSION:-}" ] || shopt -s expand_aliases',
  "alias dpkg-query='pkgshift_query dpkg-query' dpkg='pkgshift_query dpkg'",
];

function uniqueMarker(body: string): string {
  let marker = 'PKGSHIFT_ORIGINAL_SCRIPT';
  while (body.includes(marker)) marker += '_';
  return marker;
}

/** Names every command the script runs that only the other family of systems has, one warning each. */
function warnForeignHelpers(script: Script, target: Convention, diag: Diagnostics): void {
  if (target === 'rpm') {
    for (const { command, why } of debianOnlyCommands(script.body)) {
      diag.warn('script-foreign-helper', `the ${script.phase} script runs ${command}, which only Debian systems have (${why}): check it before shipping`);
    }
    return;
  }
  for (const command of rpmOnlyCommands(script.body)) {
    diag.warn('script-foreign-helper', `the ${script.phase} script uses ${command}, which only rpm systems have: check it before shipping`);
  }
}

/**
 * The deb control files an rpm carries inside its install scriptlets: debconf's templates and config,
 * when a preinst or postinst uses debconf (core/script-bootstrap.ts writes them beside the script).
 */
export function controlFilesInScripts(scripts: readonly Script[]): string[] {
  const debconf = scripts.some((s) => DEFERRABLE[s.phase] && commandsRun(originalScript(s).body).some((u) => u.command === 'debconf'));
  return debconf ? ['templates', 'config'] : [];
}
