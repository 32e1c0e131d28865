// Dependencies right for the system a package is converted for: the input's relations under the
// `--deps` policy, plus those computed from the package's files as the target's own build tools do
// (rpmbuild's AutoReqProv, dpkg-shlibdeps). Runs once per conversion, between reading and the output.
import { PkgError } from '../core/errors.js';
import { ET_DYN, ET_EXEC, elfArch } from '../formats/elf.js';
import type { Metadata, PackageModel, Relation, RelationKind } from '../core/model.js';
import { parseRelation } from '../core/relations.js';
import { alternativesLinks } from '../core/script-tools.js';
import { originalScript, scriptToolPackages } from '../core/script-translate.js';
import type { Context, Options } from '../plugin.js';
import { shlibsDepends } from './deb-shlibs.js';
import { DpkgDatabase } from './dpkg-db.js';
import { builtinLibrary } from './library-info.js';
import { nameMap, RPM_DISTROS, type NameMap, type RpmDistro } from './name-map.js';
import { applyPolicy, defaultPolicy, DEPS_POLICIES, derivesDependencies, relationKey, versionAcross, type DepsPolicy } from './policy.js';
import type { DependencyFamily } from './families.js';
import { rpmAutoDeps, scriptRequires } from './rpm-auto.js';
import { scanFiles, type ScannedFile } from './scan.js';

export interface DependencyRequest {
  /** The input's and the output's distribution family (plugin `dependencyFamily`); none for dir, tar, npm, tar output. */
  from?: DependencyFamily;
  to?: DependencyFamily;
  options: Options;
}

const COMMAND_LINE: [keyof Options, RelationKind][] = [
  ['depends', 'depends'], ['provides', 'provides'], ['conflicts', 'conflicts'],
  ['replaces', 'replaces'], ['recommends', 'recommends'], ['suggests', 'suggests'],
];

/** `--deps`, checked; undefined when not given. */
export function depsPolicyOption(options: Options): DepsPolicy | undefined {
  const value = options.deps as string | undefined;
  if (value === undefined) return undefined;
  if (!(DEPS_POLICIES as readonly string[]).includes(value)) throw new PkgError('usage', `--deps ${value}: expected one of ${DEPS_POLICIES.join(', ')}`);
  return value as DepsPolicy;
}

/** `--target-distro`, checked: the rpm distribution whose package names deb → rpm writes. */
export function targetDistroOption(options: Options): RpmDistro {
  const value = (options.targetDistro as string | undefined) ?? 'fedora';
  if (!(RPM_DISTROS as readonly string[]).includes(value)) throw new PkgError('usage', `--target-distro ${value}: expected one of ${RPM_DISTROS.join(', ')}`);
  return value as RpmDistro;
}

export async function resolveDependencies(input: PackageModel, request: DependencyRequest, ctx: Context): Promise<PackageModel> {
  const { from, to } = request;
  const policy = depsPolicyOption(request.options) ?? defaultPolicy(from, to);
  const read = from || request.options.architecture !== undefined ? input : await withContentArch(input, ctx);
  const pkg = { ...read, metadata: { ...read.metadata, version: versionAcross(read.metadata.version, from, to) } };
  if (!to) return pkg;
  const fromCommandLine = new Set(COMMAND_LINE.flatMap(([option, kind]) =>
    ((request.options[option] as string[] | undefined) ?? []).map((text) => relationKey(kind, parseRelation(text)))));
  const names = nameMap((request.options.depMap as string[] | undefined) ?? [], targetDistroOption(request.options));
  const neededByScripts = new Set(pkg.scripts.flatMap((script) => scriptToolPackages(script, pkg.metadata)));
  const relations = applyPolicy(pkg.metadata.relations, { policy, from, to, names, fromCommandLine, neededByScripts, diag: ctx.diag });
  if (derivesDependencies(policy)) {
    const derived = await to.derive(pkg, names, ctx);
    for (const [kind, list] of Object.entries(derived) as [RelationKind, Relation[]][]) addMissing(relations, kind, list);
  }
  return { ...pkg, metadata: { ...pkg.metadata, relations } };
}

export async function rpmDerived(pkg: PackageModel): Promise<Metadata['relations']> {
  const { requires, provides } = rpmAutoDeps(await scanFiles(pkg.files));
  return { depends: requires.map((name) => ({ name })), provides: provides.map((name) => ({ name })) };
}

export async function debDerived(pkg: PackageModel, names: NameMap, ctx: Context): Promise<Metadata['relations']> {
  const db = DpkgDatabase.open();
  const files = await scanFiles(pkg.files, { symbols: db !== undefined });
  const { depends, unknown } = shlibsDepends(files, db ? (soname, elf) => db.library(soname, elf).info ?? builtinLibrary(soname) : builtinLibrary);
  if (unknown.length) {
    ctx.diag.warn('deps-soname-unknown', `no Debian package known for ${unknown.join(', ')} (not installed on this host, not in pkgshift's table): no Depends written for ${unknown.length === 1 ? 'it' : 'them'}`);
  }
  return { depends: [...depends, ...interpreterDepends(files, ownPaths(pkg), names, ctx)] };
}

/** The paths a package makes itself: its files, and the links its install scripts make with update-alternatives. */
function ownPaths(pkg: PackageModel): Set<string> {
  return new Set([...pkg.files.map((f) => f.path), ...pkg.scripts.flatMap((s) => alternativesLinks(originalScript(s).body))]);
}

/** The packages of the interpreters executable scripts name (`#!/usr/bin/perl` → perl), as the name map knows them; not those the package makes. */
function interpreterDepends(files: readonly ScannedFile[], own: ReadonlySet<string>, names: NameMap, ctx: Context): Relation[] {
  const interpreters = new Set(files.filter((f) => f.shebang !== undefined && f.mode & 0o111).flatMap((f) => scriptRequires(f.shebang!)).filter((path) => !own.has(path)));
  const unknown = [...interpreters].filter((path) => names.toDeb(path) === undefined && !path.endsWith('/env'));
  if (unknown.length) ctx.diag.warn('deps-interpreter-unknown', `no Debian package known for the script interpreter ${unknown.join(', ')}: no Depends written for it`);
  const packages = [...interpreters].map((path) => names.toDeb(path)).filter((name): name is string => typeof name === 'string');
  return [...new Set(packages)].sort().map((name) => ({ name }));
}

/**
 * A package read from files rather than a deb or rpm (npm's esbuild ships an x86-64 binary) is not
 * architecture-independent when it ships ELF programs or libraries: it takes their architecture.
 */
async function withContentArch(pkg: PackageModel, ctx: Context): Promise<PackageModel> {
  if (pkg.metadata.arch !== 'all') return pkg;
  const objects = (await scanFiles(pkg.files)).filter((f) => f.elf && (f.elf.type === ET_EXEC || f.elf.type === ET_DYN));
  const arches = [...new Set(objects.map((f) => elfArch(f.elf!) ?? `ELF machine ${f.elf!.machine}`))];
  if (arches.length === 0) return pkg;
  if (arches.length > 1 || arches[0]!.startsWith('ELF')) {
    ctx.diag.warn('arch-from-content', `the package ships ELF objects for ${arches.join(', ')}: it stays 'all'; give -a ARCH`);
    return pkg;
  }
  ctx.diag.warn('arch-from-content', `the package ships ${arches[0]} ELF objects (${objects[0]!.path}${objects.length > 1 ? ', …' : ''}): its architecture is ${arches[0]}, not all (-a to choose)`);
  return { ...pkg, metadata: { ...pkg.metadata, arch: arches[0]! } };
}

/** Adds the computed relations a relation of the same name does not already cover. */
function addMissing(relations: Metadata['relations'], kind: RelationKind, list: Relation[]): void {
  const present = new Set([...(relations[kind] ?? []), ...(kind === 'depends' ? relations.preDepends ?? [] : [])].map((r) => r.name));
  const missing = list.filter((r) => !present.has(r.name));
  if (missing.length) relations[kind] = [...(relations[kind] ?? []), ...missing];
}
