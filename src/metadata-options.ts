// Applies the fpm-style metadata options (-n, -v, -d, --after-install …) to a model read by an input.
// Options given on the command line always win over what the input carried.
import { readFileSync } from 'node:fs';
import { neutralArch } from './core/arch.js';
import type { Diagnostics } from './core/diagnostics.js';
import { PkgError, describeError } from './core/errors.js';
import type { FileEntry, Metadata, PackageModel, RelationKind, ScriptPhase } from './core/model.js';
import { canonicalPath } from './core/paths.js';
import { parseRelation } from './core/relations.js';
import { interpreterOf } from './core/scripts.js';
import type { Options } from './plugin.js';

const RELATION_OPTIONS: [keyof Options, RelationKind][] = [
  ['depends', 'depends'], ['provides', 'provides'], ['conflicts', 'conflicts'],
  ['replaces', 'replaces'], ['recommends', 'recommends'], ['suggests', 'suggests'],
];

const SCRIPT_OPTIONS: [keyof Options, ScriptPhase][] = [
  ['beforeInstall', 'preInstall'], ['afterInstall', 'postInstall'],
  ['beforeRemove', 'preRemove'], ['afterRemove', 'postRemove'],
];

export function applyMetadataOptions(model: PackageModel, options: Options, diag: Diagnostics): PackageModel {
  const metadata: Metadata = { ...model.metadata, version: { ...model.metadata.version }, relations: { ...model.metadata.relations } };
  if (options.name !== undefined) metadata.name = options.name;
  if (options.version !== undefined) metadata.version.upstream = options.version;
  if (options.iteration !== undefined) metadata.version.release = options.iteration;
  if (options.epoch !== undefined) {
    if (!/^\d+$/.test(options.epoch)) throw new PkgError('usage', `--epoch must be a whole number, not '${options.epoch}'`);
    metadata.version.epoch = Number(options.epoch);
  }
  if (options.architecture !== undefined) metadata.arch = neutralArch(options.architecture, diag);
  if (options.maintainer !== undefined) metadata.maintainer = options.maintainer;
  if (options.vendor !== undefined) metadata.vendor = options.vendor;
  if (options.url !== undefined) metadata.homepage = options.url;
  if (options.license !== undefined) metadata.license = options.license;
  if (options.category !== undefined) metadata.section = options.category;
  if (options.description !== undefined) {
    const [summary = '', ...rest] = options.description.replace(/\r\n/g, '\n').split('\n');
    metadata.summary = summary.trim();
    metadata.description = rest.join('\n').replace(/^\n+|\s+$/g, '');
  }
  for (const [option, kind] of RELATION_OPTIONS) {
    const values = options[option] as string[] | undefined;
    if (values?.length) metadata.relations[kind] = [...(metadata.relations[kind] ?? []), ...values.map(parseRelation)];
  }

  if (options.bump !== undefined) metadata.version.release = bumpedRelease(metadata.version.release, options.bump, diag);
  if (!metadata.name) throw new PkgError('usage', 'the package needs a name: give -n NAME');
  if (!metadata.version.upstream) {
    metadata.version.upstream = '1.0';
    diag.info('version-default', "no version given (-v): using '1.0'");
  }

  const scripts = model.scripts.filter((s) => !SCRIPT_OPTIONS.some(([option, phase]) => options[option] && s.phase === phase));
  for (const [option, phase] of SCRIPT_OPTIONS) {
    const file = options[option] as string | undefined;
    if (!file) continue;
    let body: string;
    try {
      body = readFileSync(file, 'utf8');
    } catch (err) {
      throw new PkgError('input-unreadable', `reading script ${file}: ${describeError(err)}`, { cause: err });
    }
    scripts.push({ phase, interpreter: interpreterOf(body), body, convention: 'neutral' });
  }
  if (options.scripts === false) {
    if (scripts.length) diag.info('scripts-dropped', `--no-scripts: ${scripts.length} maintainer script(s) left out`);
    return { ...model, metadata, scripts: [] };
  }
  return { ...model, metadata, scripts };
}

/**
 * Marks `--config-files` (a file, or every file below a directory), and every file below `defaults`,
 * as config files that an upgrade does not overwrite once edited (deb conffiles, rpm
 * `%config(noreplace)`). Runs after normalize.
 */
export function markConfigFiles(model: PackageModel, configFiles: readonly string[] = [], defaults: readonly string[] = []): void {
  const below = (dir: string) => model.files.filter((f) => (f.type === 'file' || f.type === 'hardlink') && (f.path === dir || f.path.startsWith(`${dir}/`)));
  const mark = (file: FileEntry) => {
    file.flags = new Set([...(file.flags ?? []), 'config', 'noreplace']);
  };
  for (const raw of configFiles) {
    const matches = below(canonicalPath(raw, `--config-files ${raw}`));
    if (matches.length === 0) throw new PkgError('usage', `--config-files ${raw}: no such file in the package`);
    matches.forEach(mark);
  }
  defaults.flatMap(below).forEach(mark);
}

/** Every `--directories` path must be a directory of the package (rpm lists it as owned). */
export function checkDirectories(model: PackageModel, directories: readonly string[] = []): void {
  for (const raw of directories) {
    const path = canonicalPath(raw, `--directories ${raw}`);
    if (!model.files.some((f) => f.type === 'dir' && f.path === path)) {
      throw new PkgError('usage', `--directories ${raw}: no such directory in the package`);
    }
  }
}

/** alien's release bump, opt-in: `--bump N` adds N to the release's leading number (`2.fc22` → `3.fc22`). */
function bumpedRelease(release: string | undefined, by: string, diag: Diagnostics): string {
  if (!/^\d+$/.test(by)) throw new PkgError('usage', `--bump takes a whole number, not '${by}'`);
  const m = /^(\d+)(.*)$/.exec(release ?? '');
  const bumped = m ? `${Number(m[1]) + Number(by)}${m[2]}` : `${release ? `${release}.` : ''}${by}`;
  diag.info('release-bumped', `release ${release ?? '(none)'} bumped to ${bumped}`);
  return bumped;
}
