// Maintainer scripts as rpm scriptlets (docs/FORMATS.md §B1.4, §B7.2): body tag, interpreter (*PROG) tag,
// and a Requires on the interpreter flagged with the phase (rpmbuild's Requires(pre) etc.).
import type { Diagnostics } from '../../core/diagnostics.js';
import type { Metadata, Script, ScriptPhase } from '../../core/model.js';
import { scriptProvides, scriptToolPackages } from '../../core/script-translate.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { RPMSENSE, RpmType } from '../../formats/rpm/tags.js';
import { SCRIPTLETS } from '../../formats/rpm/vocabulary.js';
import type { Dependencies } from './dependencies.js';

/** rpm's built-in Lua interpreter: no file to require, but rpmlib(BuiltinLuaScripts). */
const LUA = '<lua>';

/**
 * The scriptlets as header entries. Each requires its interpreter and, for a deb script, the packages
 * providing the commands it runs (Debian's implicit dependency on its Essential set, core/script-tools.ts),
 * flagged with its phase so that rpm installs them first. A deb script's `update-alternatives --install`
 * links are Provides: rpm resolves a file requirement (`#!/usr/bin/awk`) against Provides as well as
 * files, and the link exists only once the script ran.
 */
export function scriptEntries(scripts: readonly Script[], metadata: Metadata, deps: Dependencies, diag: Diagnostics): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  const seen = new Set<ScriptPhase>();
  for (const script of scripts) {
    const tags = SCRIPTLETS[script.phase];
    if (seen.has(script.phase)) {
      diag.warn('rpm-script-duplicate', `two ${tags.label} scripts: only the first is written`);
      continue;
    }
    seen.add(script.phase);
    const argv = script.interpreter.trim().split(/\s+/).filter(Boolean);
    if (argv.length === 0) argv.push('/bin/sh');
    entries.push({ tag: tags.body, type: RpmType.STRING, value: script.body });
    // rpmbuild writes a one-word interpreter as a STRING and one with arguments as a STRING_ARRAY.
    entries.push(argv.length === 1
      ? { tag: tags.prog, type: RpmType.STRING, value: argv[0]! }
      : { tag: tags.prog, type: RpmType.STRING_ARRAY, value: argv });
    if (argv[0] === LUA) {
      deps.features.add('BuiltinLuaScripts');
    } else {
      deps.add('require', { name: argv[0]!, flags: RPMSENSE.INTERP | tags.sense, version: '' });
    }
    for (const name of scriptToolPackages(script, metadata)) deps.add('require', { name, flags: tags.sense, version: '' });
    for (const name of scriptProvides(script)) deps.add('provide', { name, flags: 0, version: '' });
  }
  return entries;
}
