// nfpm's configuration schema (nfpm.yaml, also read as pkgshift.yaml): every key nfpm reads, so that
// an unknown key is an error naming it and its line (a typo would otherwise be lost silently).
// `ANY` marks a section for packagers pkgshift does not write (apk, archlinux, ipk): read, not checked.

export type Schema = 'value' | 'list' | 'map' | 'any' | { [key: string]: Schema } | [Schema];

const V = 'value';
const L = 'list';

const FILE_INFO: Schema = { mode: V, mtime: V, owner: V, group: V };
const CONTENT: Schema = { src: V, dst: V, type: V, packager: V, expand: V, file_info: FILE_INFO };
const SCRIPTS: Schema = { preinstall: V, postinstall: V, preremove: V, postremove: V };
const SIGNATURE: Schema = { key_file: V, key_id: V, key_name: V, method: V, type: V, signer: V };

const RPM: Schema = {
  arch: V, summary: V, compression: V, group: V, packager: V, buildhost: V, prefixes: L,
  scripts: { pretrans: V, posttrans: V, verify: V }, signature: SIGNATURE,
};

const DEB: Schema = {
  arch_variant: V, compression: V, fields: 'map', breaks: L, predepends: L, lintian_overrides: L,
  triggers: { interest: L, interest_await: L, interest_noawait: L, activate: L, activate_await: L, activate_noawait: L },
  scripts: { rules: V, templates: V, config: V }, signature: SIGNATURE,
};

const RELATIONS = { depends: L, recommends: L, suggests: L, conflicts: L, replaces: L, provides: L } as const;

const OVERRIDABLE: Schema = { ...RELATIONS, contents: [CONTENT], umask: V, mtime: V, scripts: SCRIPTS, deb: DEB, rpm: RPM, apk: 'any', archlinux: 'any', ipk: 'any' };

export const NFPM_SCHEMA: Schema = {
  name: V, arch: V, platform: V, epoch: V, version: V, version_schema: V, prerelease: V, version_metadata: V, release: V,
  section: V, priority: V, maintainer: V, description: V, vendor: V, homepage: V, license: V, changelog: V,
  disable_globbing: V, umask: V, mtime: V,
  ...RELATIONS,
  contents: [CONTENT],
  scripts: SCRIPTS,
  overrides: { deb: OVERRIDABLE, rpm: OVERRIDABLE, apk: 'any', archlinux: 'any', ipk: 'any' },
  rpm: RPM,
  deb: DEB,
  apk: 'any', archlinux: 'any', ipk: 'any',
};

/** Sections for packagers pkgshift does not write: ignored, with one warning. */
export const OTHER_PACKAGERS = ['apk', 'archlinux', 'ipk'];

/** Known keys pkgshift does not act on (yet): ignored, with one warning naming them. */
export const NOT_APPLIED = ['umask', 'disable_globbing', 'rpm.prefixes', 'deb.arch_variant', 'deb.scripts.rules', 'rpm.signature.key_id', 'deb.signature.key_id', 'deb.signature.signer', 'deb.signature.method'];
