// Maintainer scripts across formats (docs/FORMATS.md §B7). deb scripts get verbs (`configure <old>`,
// `remove`, `upgrade <new>` …), rpm scriptlets an instance count in $1. A body written for one
// convention runs under the other inside a generated shim that rebuilds the arguments it expects;
// copying it verbatim (what fpm and alien do) breaks every script that looks at $1.
import { DEFAULT_FILE_TRIGGER_PRIORITY, SCRIPTLETS } from '../formats/rpm/vocabulary.js';
import { debArch } from './arch.js';
import type { Diagnostics } from './diagnostics.js';
import { debTriggerLines, fileTriggerLabel, isPlainPath, LDCONFIG_TRIGGER, parseFileTriggerLabel, rpmFileTriggers, watchedPaths, type FileTrigger } from './file-triggers.js';
import type { Metadata, Script, ScriptPhase } from './model.js';
import { companionFiles, deferrableScriptlet, deferredRunner, DEFERRABLE, isDeferredRunner, shellOfDeferrable } from './script-bootstrap.js';
import { interpreterOf } from './scripts.js';
import { commandsRun, debianOnlyCommands, rpmOnlyCommands, searchesDpkgDatabase, toolNeeds } from './script-tools.js';

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
 * wrapped in a shim. The output has already left out what it cannot run (deb: rpm Lua, %verifyscript); for a deb, %pretrans, %posttrans and rpm file triggers run inside preinst and postinst (debScripts).
 * `metadata` is the package as the target writes it (for rpm, its version already translated).
 */
export function scriptsFor(target: Convention, scripts: readonly Script[], metadata: Metadata, diag: Diagnostics): Script[] {
  // A shim pkgshift wrote for the other format is undone (a round trip gives the original back); one
  // already written for this target stays, so translating twice changes nothing. The %posttrans that
  // runs deferred deb install scripts has no meaning outside rpm.
  const originals = scripts.filter((s) => target === 'rpm' || !isDeferredRunner(s)).flatMap((s) => {
    const pieces = originalPieces(s).scripts;
    return pieces.every((p) => p.convention === target) ? pieces : [s];
  });
  if (target === 'deb') return debScripts(originals, metadata, diag);
  const out: Script[] = [];
  let deferrable = false;
  for (const script of originals) {
    if (script.convention !== 'neutral' && script.convention !== target) warnForeignHelpers(script, target, diag);
    if (script.convention === 'neutral' || script.convention === target) {
      out.push(script);
      continue;
    }
    const args = DEB_ARGS_FROM_RPM[script.phase];
    if (!args) {
      out.push(script);
      continue;
    }
    const shimmed: Script = { ...script, body: shim(script, args, target, metadata), convention: target, interpreter: shimInterpreter(script) };
    if (DEFERRABLE[script.phase]) {
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

/** rpm scriptlets deb has no script for, and the deb script that runs them. */
export const FOLDED_INTO: Partial<Record<ScriptPhase, ScriptPhase>> = { preTransaction: 'preInstall', postTransaction: 'postInstall' };
const PHASE_OF_LABEL = new Map(Object.entries(SCRIPTLETS).map(([phase, tags]) => [tags.label, phase as ScriptPhase]));
/** Where in its deb script each part runs: rpm's order (%pretrans, %pre; %post, %posttrans, then file triggers). */
const PART_ORDER: ScriptPhase[] = ['preTransaction', 'preInstall', 'postInstall', 'postTransaction'];

interface Part {
  /** `%pretrans`, `%post`, `%transfiletriggerin -P 1000000 -- /usr/share/foo` …: what the part runs as (several for a file trigger script rpm ran for more than one kind). */
  labels: string[];
  /** A complete script of its own (a shim around the rpm body). */
  script: Script;
}

/**
 * The scripts of a deb. A body written for rpm runs in a shim giving it `$1` as rpm would; %pretrans and
 * %posttrans, which deb has no script for, run inside preinst (`install`/`upgrade`, before %pre) and
 * postinst (`configure`, after %post), and rpm file triggers inside postinst (core/file-triggers.ts). A deb
 * script that runs more than its own rpm scriptlet is a sequence of parts (combinedScript), which the
 * translation back to rpm splits again.
 */
function debScripts(scripts: readonly Script[], metadata: Metadata, diag: Diagnostics): Script[] {
  const triggerParts = debFileTriggers(metadata).parts;
  const folded = new Set(scripts.flatMap((s) => FOLDED_INTO[s.phase] ?? []));
  if (triggerParts.length) folded.add('postInstall');
  const parts = new Map<ScriptPhase, Part[]>();
  const out: (Script | ScriptPhase)[] = [];
  const partsOf = (phase: ScriptPhase) => {
    if (!parts.has(phase)) {
      parts.set(phase, []);
      out.push(phase); // where the combined script goes
    }
    return parts.get(phase)!;
  };
  for (const script of scripts) {
    const phase = FOLDED_INTO[script.phase] ?? script.phase;
    const args = RPM_ARGS_FROM_DEB[phase];
    // fpm-style scripts need no arguments: as they are, unless they share their deb script with a folded one.
    if (!args || script.convention === 'deb' || (script.convention === 'neutral' && !folded.has(phase))) {
      out.push(script);
      continue;
    }
    if (script.convention === 'rpm') warnForeignHelpers(script, 'deb', diag);
    const shimmed: Script = { ...script, phase, body: shim(script, args, 'deb', metadata), convention: 'deb', interpreter: shimInterpreter(script) };
    if (folded.has(phase)) partsOf(phase).push({ labels: [SCRIPTLETS[script.phase].label], script: shimmed });
    else out.push(shimmed);
  }
  if (triggerParts.length) partsOf('postInstall');
  return out.map((slot) => {
    if (typeof slot !== 'string') return slot;
    const rank = (p: Part) => PART_ORDER.indexOf(PHASE_OF_LABEL.get(p.labels[0]!)!);
    const list = [...parts.get(slot)!].sort((a, b) => rank(a) - rank(b));
    if (slot === 'postInstall') list.push(...triggerParts);
    return { phase: slot, interpreter: '/bin/sh', convention: 'deb', body: combinedScript(list) };
  });
}

const COMBINED_MARK = '# Generated by pkgshift: rpm scriptlets run as one deb maintainer script, in the order rpm runs them;';
const PART = /^((?:# %.*\n)+)(\S+) \/dev\/fd\/3 "\$@" 3<<'(PKGSHIFT_PART_*)' \|\| exit \$\?\n([\s\S]*?)\n\3$/gm;

/** One deb script running each part with the script's own arguments, stopping at the first that fails. */
function combinedScript(parts: readonly Part[]): string {
  const lines = ['#!/bin/sh', COMBINED_MARK, '# each part is a script of its own, and the first that fails stops this one (pkgshift docs/FORMATS.md §B7.3).'];
  for (const { labels, script } of parts) {
    let marker = 'PKGSHIFT_PART';
    while (script.body.includes(marker)) marker += '_';
    lines.push(...labels.map((l) => `# ${l}`), `${script.interpreter} /dev/fd/3 "$@" 3<<'${marker}' || exit $?`, script.body.replace(/\n?$/, ''), marker);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What a script pkgshift wrote stands for: the scripts (and rpm file triggers) it was made from, each as
 * it was before (originalScript); any other script is itself.
 */
export function originalPieces(script: Script): { scripts: Script[]; triggers: FileTrigger[] } {
  if (!script.body.startsWith(`#!/bin/sh\n${COMBINED_MARK}\n`)) return { scripts: [originalScript(script)], triggers: [] };
  const scripts: Script[] = [];
  const triggers: FileTrigger[] = [];
  for (const [, labels, interpreter, , body] of script.body.matchAll(PART)) {
    const part = unwrapShim({ phase: script.phase, interpreter: interpreter!, body: `${body}\n`, convention: 'deb' });
    for (const label of labels!.trim().split('\n').map((l) => l.slice(2))) {
      const phase = PHASE_OF_LABEL.get(label);
      const trigger = parseFileTriggerLabel(label);
      if (phase) scripts.push({ ...part, phase });
      else if (trigger) triggers.push({ ...trigger, interpreter: part.interpreter, body: part.body });
    }
  }
  return { scripts, triggers };
}

/**
 * An rpm's file triggers in a deb. dpkg calls a package's postinst with `triggered "/path …"` after other
 * packages' files under a path it declared `interest-noawait` in came or went, once per run: that is
 * rpm's %filetriggerin and %transfiletriggerin, which also run when their own package is installed (for the
 * files already there), so their part runs on `configure` too, with the matching files on stdin. rpm's
 * un and postun triggers have no counterpart (dpkg does not say whether files came or went): dropped,
 * except a postun trigger doing what an in trigger on the same paths does (dpkg runs that one after
 * removals too). A trigger that pkgshift made from a deb's interest gives that interest back.
 */
export function debFileTriggers(metadata: Metadata): { parts: Part[]; interests: string[]; dropped: string[] } {
  const parts: Part[] = [];
  const interests: string[] = [];
  const dropped: string[] = [];
  const triggers = rpmFileTriggers(metadata);
  for (const trigger of triggers) {
    const original = unwrapShim({ phase: 'postInstall', interpreter: trigger.interpreter, body: trigger.body, convention: 'rpm' });
    if (original.convention === 'deb' && debInterestsOf(trigger).length) {
      if (trigger.when === 'in') interests.push(...debInterestsOf(trigger));
      continue;
    }
    if (triggers.some((t) => isTwin(t, trigger))) continue;
    if (trigger.when !== 'in' || trigger.interpreter.startsWith('<') || !trigger.paths.every(isPlainPath)) {
      dropped.push(fileTriggerLabel({ transaction: trigger.transaction, when: trigger.when, paths: trigger.paths }));
      continue;
    }
    interests.push(...trigger.paths.map((p) => `interest-noawait ${p}`));
    const script: Script = { phase: 'postInstall', interpreter: trigger.interpreter, body: trigger.body, convention: 'rpm' };
    const labels = [trigger, ...triggers.filter((u) => isTwin(trigger, u))].map(fileTriggerLabel);
    parts.push({ labels, script: { ...script, convention: 'deb', interpreter: shimInterpreter(script), body: shim(script, triggerArgs(trigger.paths), 'deb', metadata) } });
  }
  return { parts, interests: [...new Set(interests)], dropped };
}

/** A postun trigger doing what an in trigger does, on paths it watches: dpkg runs that after removals too. */
function isTwin(inTrigger: FileTrigger, postun: FileTrigger): boolean {
  return inTrigger.when === 'in' && postun.when === 'postun' && inTrigger.transaction === postun.transaction
    && inTrigger.body === postun.body && inTrigger.interpreter === postun.interpreter && postun.paths.every((p) => inTrigger.paths.includes(p));
}

/** The shim lines that make a deb postinst call look like rpm running a file trigger. */
function triggerArgs(paths: readonly string[]): string {
  return [
    `case "$1" in configure) ;; triggered) case " $2 " in ${paths.map((p) => `*" ${p} "*`).join('|')}) ;; *) exit 0 ;; esac ;; *) exit 0 ;; esac`,
    `pkgshift_files=$(cd "\${DPKG_ROOT:-}/" && for p in ${paths.join(' ')}; do [ ! -e ".$p" ] || find ".$p"; done | sed 's/^\\.//')`,
    '[ -n "$pkgshift_files" ] || [ "$1" = triggered ] || exit 0',
    'exec 0</dev/null',
    '[ -z "$pkgshift_files" ] || exec 0<<PKGSHIFT_FILES',
    '$pkgshift_files',
    'PKGSHIFT_FILES',
    'set -- 0',
  ].join('\n');
}

/** The shim line of the trigger scriptlets made from a deb's interests, naming those interests. */
const DEB_INTERESTS = /^set -- triggered '[^']*' # dpkg triggers: (.+)$/m;

function debInterestsOf(trigger: FileTrigger): string[] {
  return DEB_INTERESTS.exec(trigger.body)?.[1]!.split(', ') ?? [];
}

/**
 * A deb's file-trigger interests as rpm file triggers: the paths dpkg would watch for the postinst (and the
 * library directories for `ldconfig`, core/file-triggers.ts) become one %transfiletriggerin and one
 * %transfiletriggerpostun (dpkg fires after files came or went, once per run) running the postinst with
 * `triggered "NAME …"` (every name: rpm does not say which path matched, and a postinst's `triggered` branch
 * does the same work whichever did). Other named triggers and activations have no rpm counterpart and are
 * warned about by name. rpm file triggers the package already carries (an rpm
 * input, or parts of a deb script pkgshift made from an rpm) are kept.
 */
export function rpmFileTriggersFor(scripts: readonly Script[], metadata: Metadata, diag: Diagnostics): FileTrigger[] {
  const triggers = [...rpmFileTriggers(metadata), ...scripts.flatMap((s) => originalPieces(s).triggers)];
  const carried = new Set(triggers.flatMap(debInterestsOf));
  const lines = debTriggerLines(metadata.extras['deb-control-files']?.triggers).filter((l) => !carried.has(`${l.directive} ${l.name}`));
  const interests = lines.filter((l) => watchedPaths(l));
  // Activating ldconfig needs nothing: the package interested in it watches the library directories.
  const activatesLdconfig = lines.filter((l) => l.directive.startsWith('activate') && l.name === LDCONFIG_TRIGGER);
  if (activatesLdconfig.length) diag.info('deb-trigger-ldconfig', `${activatesLdconfig[0]!.directive} ${LDCONFIG_TRIGGER}: the package that runs ldconfig (libc-bin, glibc) watches the library directories with an rpm file trigger`);
  const dropped = lines.filter((l) => !interests.includes(l) && !activatesLdconfig.includes(l)).map((l) => `${l.directive} ${l.name}`);
  if (dropped.length) diag.warn('deb-triggers-dropped', `deb triggers with no rpm counterpart (only file-trigger interests and ldconfig have one): dropped: ${dropped.join(', ')}`);
  const postinst = scripts.find((s) => s.phase === 'postInstall');
  const pieces = postinst && originalPieces(postinst).scripts;
  // Without a native postinst there is nothing to run: pkgshift's own trigger parts (above), or no postinst.
  if (interests.length === 0 || pieces?.length !== 1 || pieces[0]!.convention !== 'deb') return triggers;
  const paths = [...new Set(interests.flatMap((l) => watchedPaths(l)!))];
  const args = `set -- triggered '${interests.map((l) => l.name).join(' ')}' # dpkg triggers: ${interests.map((l) => `${l.directive} ${l.name}`).join(', ')}`;
  const body = shim(pieces[0]!, args, 'rpm', metadata);
  const interpreter = shimInterpreter(pieces[0]!);
  for (const when of ['in', 'postun'] as const) {
    triggers.push({ transaction: true, when, paths, priority: DEFAULT_FILE_TRIGGER_PRIORITY, interpreter, body });
  }
  return triggers;
}

/** The packages a script needs before it runs (see core/script-tools.ts): rpm writes them as Requires(pre) etc. */
export function scriptToolPackages(script: Script, metadata: Metadata): string[] {
  const original = originalScript(script);
  if (original.convention !== 'deb' || !SH_FAMILY.test(original.interpreter)) return [];
  return [...new Set(toolNeeds(original.body, metadata.name, declaredPackages(metadata)).map((n) => n.package))];
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
    // The dpkg interface these scripts get is dpkg 1.21's (the version that exports all of these).
    'DPKG_ROOT= DPKG_ADMINDIR=/var/lib/dpkg DPKG_RUNNING_VERSION=1.21.0',
    'export DPKG_MAINTSCRIPT_NAME DPKG_MAINTSCRIPT_PACKAGE DPKG_MAINTSCRIPT_ARCH DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT DPKG_ROOT DPKG_ADMINDIR DPKG_RUNNING_VERSION',
  ];
  const uses = new Set(commandsRun(script.body).map((u) => u.command));
  if (uses.has('debconf')) {
    // debconf's frontend names the package after the script file, which rpm calls rpm-tmp.*; without a
    // terminal (rpm's usual case) it takes each question's default instead of failing on a dialog.
    lines.push(`DEBCONF_PACKAGE=${metadata.name}; export DEBCONF_PACKAGE`, '[ -t 0 ] || [ -n "${DEBIAN_FRONTEND:-}" ] || { DEBIAN_FRONTEND=noninteractive; export DEBIAN_FRONTEND; }');
  }
  if (searchesDpkgDatabase(script.body)) lines.push(...DPKG_SEARCH_ANSWER);
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
 * Aliases apply to the script text read after them; bash needs expand_aliases for that.
 */
const DPKG_SEARCH_ANSWER = [
  'pkgshift_search() {',
  '  pkgshift_status=1',
  '  for pkgshift_path in "$@"; do',
  '    if [ -e "$pkgshift_path" ] || [ -L "$pkgshift_path" ]; then echo "rpm: $pkgshift_path"; pkgshift_status=0; fi',
  '  done',
  '  return $pkgshift_status',
  '}',
  'pkgshift_dpkg_query() { case "$1" in -S|--search) shift; pkgshift_search "$@" ;; *) command dpkg-query "$@" ;; esac; }',
  'pkgshift_dpkg() { case "$1" in -S|--search) shift; pkgshift_search "$@" ;; *) command dpkg "$@" ;; esac; }',
  '[ -z "${BASH_VERSION:-}" ] || shopt -s expand_aliases',
  'alias dpkg-query=pkgshift_dpkg_query dpkg=pkgshift_dpkg',
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
