// An nfpm configuration as the package one packager (deb, rpm, tar) writes: `overrides.<packager>`
// applied, contents filtered by `packager`, files read from disk (paths relative to the working
// directory, as nfpm has them), and the deb:/rpm: sections turned into model fields and output options.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { groupId, userId } from '../core/accounts.js';
import { neutralArch } from '../core/arch.js';
import { PkgError } from '../core/errors.js';
import { globToRegExp } from '../core/glob.js';
import { emptyMetadata, type FileEntry, type FileFlag, type Metadata, type PackageModel, type RelationKind, type Script, type ScriptPhase } from '../core/model.js';
import { parseRelation } from '../core/relations.js';
import { interpreterOf } from '../core/scripts.js';
import { bufferSource } from '../core/source.js';
import { readTextFile } from '../core/text-file.js';
import { dirInput } from '../inputs/dir.js';
import type { Context, Options } from '../plugin.js';
import type { NfpmConfig, NfpmContent } from './nfpm.js';

export interface NfpmPackage {
  model: PackageModel;
  /** Output options the file sets (compression, fields, signing keys …); the command line's win. */
  options: Options;
  /** The changelog file the config names, for the --changelog step. */
  changelog?: string;
}

const RELATIONS: [string, RelationKind][] = [
  ['depends', 'depends'], ['recommends', 'recommends'], ['suggests', 'suggests'],
  ['conflicts', 'conflicts'], ['replaces', 'replaces'], ['provides', 'provides'],
];

const SCRIPTS: [string, ScriptPhase][] = [
  ['preinstall', 'preInstall'], ['postinstall', 'postInstall'], ['preremove', 'preRemove'], ['postremove', 'postRemove'],
];

const FLAGS: Record<string, FileFlag[]> = {
  '': [], config: ['config'], 'config|noreplace': ['config', 'noreplace'], doc: ['doc'], license: ['license'], tree: [],
};

type Section = Record<string, unknown>;

export async function nfpmPackage(file: NfpmConfig, packager: string, ctx: Context, chdir = '.'): Promise<NfpmPackage> {
  const c = withOverrides(file, packager);
  const deb = (c.deb ?? {}) as Section;
  const rpm = (c.rpm ?? {}) as Section;
  const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
  const name = text(c.name);
  if (!name) throw new PkgError('usage', "the nfpm config needs a 'name'");

  const m: Metadata = { ...emptyMetadata(), name, arch: neutralArch(text(packager === 'rpm' ? rpm.arch ?? c.arch : c.arch) ?? 'all', ctx.diag) };
  m.version = { upstream: nfpmVersion(c) };
  if (text(c.release)) m.version.release = text(c.release)!;
  if (text(c.epoch)) m.version.epoch = Number(c.epoch);
  const [summary = '', ...rest] = (text(c.description) ?? '').trim().split('\n');
  m.summary = (packager === 'rpm' ? text(rpm.summary) : undefined) ?? summary.trim();
  m.description = rest.join('\n').trim();
  const maintainer = (packager === 'rpm' ? text(rpm.packager) : undefined) ?? text(c.maintainer);
  if (maintainer) m.maintainer = maintainer;
  for (const [key, field] of [['vendor', 'vendor'], ['homepage', 'homepage'], ['license', 'license'], ['section', 'section']] as const) {
    const value = text(c[key]);
    if (value) m[field] = value;
  }
  for (const [key, kind] of RELATIONS) addRelations(m, kind, c[key]);
  if (packager === 'deb') {
    addRelations(m, 'breaks', deb.breaks);
    addRelations(m, 'preDepends', deb.predepends);
    const controlFiles = debControlFiles(deb, chdir);
    if (Object.keys(controlFiles).length) m.extras['deb-control-files'] = controlFiles;
  }
  if (packager === 'rpm' && text(rpm.group)) m.extras.rpm = { ...m.extras.rpm, Group: text(rpm.group)! };

  const files: FileEntry[] = [];
  for (const content of (c.contents ?? []) as NfpmContent[]) {
    if (content.packager && content.packager !== packager) continue;
    files.push(...await contentFiles(content, chdir, ctx));
  }
  const lintianOverrides = listOf(deb.lintian_overrides);
  if (packager === 'deb' && lintianOverrides.length) {
    files.push(generatedFile(`/usr/share/lintian/overrides/${name}`, `${lintianOverrides.map((o) => `${name}: ${o}`).join('\n')}\n`, ctx));
  }

  const scripts: Script[] = [];
  const scriptSection = (c.scripts ?? {}) as Section;
  for (const [key, phase] of SCRIPTS) addScript(scripts, phase, text(scriptSection[key]), chdir);
  const rpmScripts = (rpm.scripts ?? {}) as Section;
  addScript(scripts, 'preTransaction', text(rpmScripts.pretrans), chdir);
  addScript(scripts, 'postTransaction', text(rpmScripts.posttrans), chdir);
  addScript(scripts, 'verify', text(rpmScripts.verify), chdir);

  const options: Options = {};
  const compression = text(packager === 'deb' ? deb.compression : rpm.compression);
  if (compression) {
    const [kind, level] = compression.split(':');
    options[`${packager}Compression`] = kind === 'lzma' ? 'xz' : kind;
    if (level) options[`${packager}CompressionLevel`] = level;
  }
  if (text(c.priority)) options.debPriority = text(c.priority);
  const fields = Object.entries((deb.fields ?? {}) as Section).map(([k, v]) => `${k}: ${String(v ?? '')}`);
  if (fields.length) options.debField = fields;
  if (text(rpm.buildhost)) options.rpmBuildhost = text(rpm.buildhost);
  if (text(c.platform)) options.rpmOs = text(c.platform);
  const signature = ((packager === 'deb' ? deb.signature : rpm.signature) ?? {}) as Section;
  const signatureKey = text(signature.key_file);
  if (signatureKey) options[`${packager}SignKey`] = resolve(chdir, signatureKey);

  const result: NfpmPackage = { model: { metadata: m, files, scripts }, options };
  if (text(c.changelog)) result.changelog = resolve(chdir, text(c.changelog)!);
  return result;
}

/** `overrides.<packager>` replaces the keys it sets; its deb:/rpm: sections are merged key by key. */
function withOverrides(file: NfpmConfig, packager: string): NfpmConfig {
  const override = file.overrides?.[packager] ?? {};
  const merged: NfpmConfig = { ...file, ...override };
  for (const section of ['deb', 'rpm'] as const) {
    if (override[section]) merged[section] = { ...(file[section] ?? {}), ...(override[section] as Section) };
  }
  return merged;
}

/**
 * nfpm's version: with `version_schema: semver` (the default) a leading `v` is dropped and
 * `-prerelease` / `+metadata` split off (or given as `prerelease` / `version_metadata`); both
 * outputs then write `VERSION~PRERELEASE+METADATA`, so that a prerelease sorts before its release.
 */
function nfpmVersion(c: NfpmConfig): string {
  const raw = String(c.version ?? '').trim();
  if (!raw) throw new PkgError('usage', "the nfpm config needs a 'version'");
  let version = raw;
  let prerelease = c.prerelease === undefined ? '' : String(c.prerelease);
  let metadata = c.version_metadata === undefined ? '' : String(c.version_metadata);
  if ((c.version_schema ?? 'semver') === 'semver') {
    const m = /^v?([0-9][^-+]*)(?:-([^+]+))?(?:\+(.+))?$/.exec(raw);
    if (!m) throw new PkgError('metadata-invalid', `version '${raw}' is not semver (set version_schema: none to take it as written)`);
    version = m[1]!;
    prerelease ||= m[2] ?? '';
    metadata ||= m[3] ?? '';
  }
  return `${version}${prerelease ? `~${prerelease}` : ''}${metadata ? `+${metadata}` : ''}`;
}

function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
}

function addRelations(m: Metadata, kind: RelationKind, value: unknown): void {
  const list = listOf(value).map(parseRelation);
  if (list.length) m.relations[kind] = [...(m.relations[kind] ?? []), ...list];
}

/** deb triggers and debconf files as control files (deb-triggers(5): one `directive name` a line). */
function debControlFiles(deb: Section, chdir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const triggers = Object.entries((deb.triggers ?? {}) as Section).flatMap(([directive, names]) => listOf(names).map((n) => `${directive.replace('_', '-')} ${n}`));
  if (triggers.length) files.triggers = `${triggers.join('\n')}\n`;
  const debScripts = (deb.scripts ?? {}) as Section;
  for (const name of ['templates', 'config'] as const) {
    if (debScripts[name]) files[name] = readTextFile(resolve(chdir, String(debScripts[name])), `deb.scripts.${name}`);
  }
  return files;
}

function addScript(scripts: Script[], phase: ScriptPhase, file: string | undefined, chdir: string): void {
  if (!file) return;
  const body = readTextFile(resolve(chdir, file), 'script');
  scripts.push({ phase, interpreter: interpreterOf(body), body, convention: 'neutral' });
}


function generatedFile(path: string, content: string, ctx: Context): FileEntry {
  const source = bufferSource(content, path);
  const mtime = ctx.sourceDateEpoch ?? Math.floor(Date.now() / 1000);
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, user: 'root', group: 'root', mtime, size: source.size, source };
}

/** The entries one `contents` item adds, with its type's flags and its file_info applied. */
async function contentFiles(content: NfpmContent, chdir: string, ctx: Context): Promise<FileEntry[]> {
  const type = content.type ?? '';
  const dst = content.dst;
  if (!dst) throw new PkgError('usage', `a contents entry (src ${content.src ?? 'none'}) has no 'dst'`);
  const base = { path: dst, uid: 0, gid: 0, user: 'root', group: 'root', mtime: ctx.sourceDateEpoch ?? Math.floor(Date.now() / 1000), size: 0 };
  let entries: FileEntry[];
  if (type === 'symlink') {
    if (!content.src) throw new PkgError('usage', `symlink ${dst} needs 'src' (the link target)`);
    entries = [{ ...base, type: 'symlink', mode: 0o777, target: content.src }];
  } else if (type === 'dir') {
    entries = [{ ...base, type: 'dir', mode: 0o755 }];
  } else if (type === 'ghost') {
    entries = [{ ...base, type: 'file', mode: 0o644, flags: new Set(['ghost']) }];
  } else {
    const flags = FLAGS[type];
    if (!flags) throw new PkgError('usage', `contents ${dst}: unknown type '${type}' (nfpm's: config, config|noreplace, symlink, dir, ghost, tree, doc, license)`);
    if (!content.src) throw new PkgError('usage', `contents ${dst} needs 'src'`);
    entries = [];
    for (const [source, destination] of sourcesOf(content.src, dst, chdir)) {
      const read = await dirInput.read([`${source}=${destination}`], { architecture: 'all' }, ctx);
      entries.push(...read.files);
    }
    for (const e of entries) if (e.type === 'file' && flags.length) e.flags = new Set(flags);
  }
  applyFileInfo(entries, content);
  return entries;
}

/** `src` as (source, destination) pairs: a glob gives each match under `dst`, kept relative to the glob's fixed part. */
function sourcesOf(src: string, dst: string, chdir: string): [string, string][] {
  const absolute = resolve(chdir, src);
  if (!/[*?[]/.test(src)) {
    if (!existsSync(absolute)) throw new PkgError('input-missing', `contents ${dst}: ${src} does not exist`);
    return [[absolute, dst]];
  }
  const fixed = absolute.split('/').filter((_, i, all) => !/[*?[]/.test(all.slice(0, i + 1).join('/'))).join('/') || '/';
  const pattern = globToRegExp(absolute);
  const matches = existsSync(fixed)
    ? (readdirSync(fixed, { recursive: true }) as string[]).map((p) => join(fixed, p)).filter((p) => pattern.test(p) && !lstatSync(p).isDirectory()).sort()
    : [];
  if (matches.length === 0) throw new PkgError('input-missing', `contents ${dst}: the glob ${src} matches no file`);
  return matches.map((p) => [p, `${dst.replace(/\/$/, '')}/${relative(fixed, p)}`]);
}

function applyFileInfo(entries: FileEntry[], content: NfpmContent): void {
  const info = content.file_info ?? {};
  const mtime = info.mtime === undefined ? undefined : Date.parse(String(info.mtime)) / 1000;
  if (mtime !== undefined && !Number.isFinite(mtime)) throw new PkgError('usage', `contents ${content.dst}: cannot read file_info.mtime '${String(info.mtime)}'`);
  for (const e of entries) {
    // A directory given as src keeps its own modes for the directories inside; file_info.mode is for files.
    if (info.mode !== undefined && (e.type === 'file' || (e.type === 'dir' && content.type === 'dir'))) e.mode = Number(info.mode) & 0o7777;
    if (info.owner) Object.assign(e, { user: info.owner, uid: userId(info.owner) ?? 0 });
    if (info.group) Object.assign(e, { group: info.group, gid: groupId(info.group) ?? 0 });
    if (mtime !== undefined) e.mtime = Math.floor(mtime);
  }
}
