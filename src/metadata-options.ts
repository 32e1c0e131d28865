// Applies the fpm-style metadata options (-n, -v, -d, --after-install …) to a model read by an input.
// Options given on the command line always win over what the input carried.
import { neutralArch } from './core/arch.js';
import type { Diagnostics } from './core/diagnostics.js';
import { PkgError } from './core/errors.js';
import type { ChangelogEntry, FileEntry, Metadata, PackageModel, RelationKind, Script, ScriptPhase } from './core/model.js';
import { sourceDateEpoch } from './core/normalize.js';
import { readTextFile } from './core/text-file.js';
import { bufferSource } from './core/source.js';
import { parseChangelog } from './changelog/parse.js';
import { applyRpmTags } from './fpm/rpm-tag.js';
import { renderTemplate, templateValues } from './fpm/template.js';
import { lifecycleScripts, SLOTS, type Slot } from './scripts/lifecycle.js';
import { DEFAULT_UNIT_DIR, systemdActions, unitName } from './scripts/systemd.js';
import { maintainerFromEnvironment } from './core/maintainer.js';
import { PLACEHOLDER_MAINTAINER } from './core/placeholders.js';
import { canonicalPath } from './core/paths.js';
import { parseRelation } from './core/relations.js';
import { interpreterOf } from './core/scripts.js';
import type { Options } from './plugin.js';

const RELATION_OPTIONS: [keyof Options, RelationKind][] = [
  ['depends', 'depends'], ['preDepends', 'preDepends'], ['provides', 'provides'], ['conflicts', 'conflicts'],
  ['replaces', 'replaces'], ['recommends', 'recommends'], ['suggests', 'suggests'],
];

/** The script options, named as fpm's slots (scripts/lifecycle.ts). */
const SLOT_NAMES = Object.keys(SLOTS) as Slot[];

export function applyMetadataOptions(model: PackageModel, options: Options, diag: Diagnostics): PackageModel {
  const metadata: Metadata = { ...model.metadata, version: { ...model.metadata.version }, relations: { ...model.metadata.relations } };
  if (options.name !== undefined) metadata.name = options.name;
  if (typeof options.packageNameSuffix === 'string') metadata.name += `-${options.packageNameSuffix}`;
  if (options.version !== undefined) metadata.version.upstream = options.version;
  if (options.iteration !== undefined) metadata.version.release = options.iteration;
  if (options.epoch !== undefined) {
    if (!/^\d+$/.test(options.epoch)) throw new PkgError('usage', `--epoch must be a whole number, not '${options.epoch}'`);
    metadata.version.epoch = Number(options.epoch);
  }
  if (options.architecture !== undefined) metadata.arch = neutralArch(options.architecture, diag);
  if (options.maintainer !== undefined) metadata.maintainer = options.maintainer;
  // DEBFULLNAME/DEBEMAIL (or EMAIL) name the maintainer of every output, as dch and fpm read them.
  const fromEnvironment = maintainerFromEnvironment();
  if (!metadata.maintainer && fromEnvironment) metadata.maintainer = fromEnvironment;
  if (options.vendor !== undefined) metadata.vendor = options.vendor;
  if (options.url !== undefined) metadata.homepage = options.url;
  if (options.license !== undefined) metadata.license = options.license;
  if (options.category !== undefined) metadata.section = options.category;
  if (options.description !== undefined) {
    const [summary = '', ...rest] = options.description.replace(/\r\n/g, '\n').split('\n');
    metadata.summary = summary.trim();
    metadata.description = rest.join('\n').replace(/^\n+|\s+$/g, '');
  }
  if (options.noDepends) delete metadata.relations.depends;
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

  if (typeof options.changelog === 'string') metadata.changelog = readChangelog(options.changelog, metadata);
  if (typeof options.summary === 'string') metadata.summary = options.summary;
  addControlFiles(metadata, options);
  if (options.rpmTag) applyRpmTags(metadata, options.rpmTag as string[]);
  if (options.releaseSuffix) metadata.version.release = `${metadata.version.release ?? '1'}.${options.releaseSuffix as string}`;

  const slots = readSlots(options, metadata);
  const units = ((options.systemd as string[] | undefined) ?? []).map((file) => unitFile(file, (options.systemdUnitDir as string | undefined) ?? DEFAULT_UNIT_DIR, newestTime(model)));
  const actions = systemdActions({
    units: units.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)),
    enable: options.systemdEnable === true, autoStart: options.systemdAutoStart === true,
    restartAfterUpgrade: options.systemdRestartAfterUpgrade !== false,
  });
  const files = [...model.files, ...units];
  const transaction = Object.entries((options.transactionScripts ?? {}) as Record<string, string | undefined>)
    .filter(([, file]) => file !== undefined)
    .map(([phase, file]): Script => {
      const body = readTextFile(file!, 'script');
      return { phase: phase as ScriptPhase, interpreter: interpreterOf(body), body, convention: 'neutral' };
    });
  const replaced = [...model.scripts.filter((s) => ![...Object.values(slots), ...transaction].some((given) => given.phase === s.phase)), ...transaction];
  const fpmStyle = slots.beforeUpgrade || slots.afterUpgrade || actions.length;
  // Without upgrade slots or generated actions, each script is written as given (fpm does the same).
  const scripts = fpmStyle
    ? lifecycleScripts(slots, actions, replaced)
    : [...replaced, ...Object.values(slots)];
  if (options.scripts === false) {
    if (scripts.length) diag.info('scripts-dropped', `--no-scripts: ${scripts.length} maintainer script(s) left out`);
    return { ...model, metadata, files, scripts: [] };
  }
  return { ...model, metadata, files, scripts };
}

/** fpm's --deb-config/--deb-templates/--deb-shlibs files and --deb-interest/--deb-activate triggers, as deb control files. */
function addControlFiles(metadata: Metadata, options: Options): void {
  const files: Record<string, string> = {};
  for (const [name, file] of Object.entries((options.controlFiles ?? {}) as Record<string, string | undefined>)) {
    if (file !== undefined) files[name] = readTextFile(file, `--deb-${name}`);
  }
  const triggers = (options.triggers as string[] | undefined) ?? [];
  if (triggers.length) files.triggers = `${triggers.join('\n')}\n`;
  if (Object.keys(files).length) metadata.extras = { ...metadata.extras, 'deb-control-files': { ...metadata.extras['deb-control-files'], ...files } };
}

/** The fpm script options as scripts, each rendered as a template when --template-scripts asks. */
function readSlots(options: Options, metadata: Metadata): Partial<Record<Slot, Script>> {
  const slots: Partial<Record<Slot, Script>> = {};
  const values = options.templateScripts ? new Map([...packageValues(metadata), ...templateValues(options.templateValue as string[] | undefined)]) : undefined;
  for (const slot of SLOT_NAMES) {
    const file = options[slot] as string | undefined;
    if (!file) continue;
    let body = readTextFile(file, 'script');
    if (values) body = renderTemplate(body, values, file);
    slots[slot] = { phase: SLOTS[slot].phase, interpreter: interpreterOf(body), body, convention: 'neutral' };
  }
  return slots;
}

/** The package attributes fpm's script templates can name. */
function packageValues(m: Metadata): Map<string, string> {
  return new Map(Object.entries({
    name: m.name, version: m.version.upstream, iteration: m.version.release ?? '', epoch: m.version.epoch === undefined ? '' : String(m.version.epoch),
    architecture: m.arch, maintainer: m.maintainer ?? '', vendor: m.vendor ?? '', url: m.homepage ?? '', license: m.license ?? '',
    description: m.summary, category: m.section ?? '',
  }));
}

function readChangelog(file: string, m: Metadata): ChangelogEntry[] {
  return parseChangelog(readTextFile(file, 'changelog'), file, {
    author: m.maintainer?.trim() || PLACEHOLDER_MAINTAINER,
    date: sourceDateEpoch() ?? Math.floor(Date.now() / 1000),
  });
}

/** A systemd unit file (--systemd, fpm's --deb-systemd) as a package file under systemd's unit directory. */
function unitFile(file: string, unitDir: string, mtime: number): FileEntry {
  const body = readTextFile(file, 'systemd unit');
  const source = bufferSource(body, file);
  return {
    path: `${unitDir}/${unitName(file)}`, type: 'file', mode: 0o644, uid: 0, gid: 0, user: 'root', group: 'root',
    mtime, size: source.size, source,
  };
}

/** The time stamped on files pkgshift adds: SOURCE_DATE_EPOCH, else the newest input file's. */
function newestTime(model: PackageModel): number {
  return sourceDateEpoch() ?? model.files.reduce((newest, f) => Math.max(newest, f.mtime), 0);
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
