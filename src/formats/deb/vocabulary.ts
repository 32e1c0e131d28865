// deb's words for what a package declares, one table per fact, shared by the reader, the writer,
// the translators and lint (deb-control(5), deb-version(7), docs/FORMATS.md §B2.2, §B5): relation
// fields, maintainer-script names (each inverse derived from the same table), and the grammar of
// names and versions. Kinds and phases are spelt as the model spells them; nothing here imports it.

function inverse<K extends string>(table: Readonly<Record<K, string>>, key = (v: string) => v): ReadonlyMap<string, K> {
  return new Map(Object.entries(table).map(([kind, value]) => [key(value as string), kind as K]));
}

/** The relation kinds a deb carries. */
export type RelationKind = 'preDepends' | 'depends' | 'recommends' | 'suggests' | 'enhances' | 'breaks' | 'conflicts' | 'replaces' | 'provides';

/** The control field of each relation kind. */
export const RELATION_FIELDS: Readonly<Record<RelationKind, string>> = {
  preDepends: 'Pre-Depends', depends: 'Depends', recommends: 'Recommends', suggests: 'Suggests', enhances: 'Enhances',
  breaks: 'Breaks', conflicts: 'Conflicts', replaces: 'Replaces', provides: 'Provides',
};
const KIND_OF_FIELD = inverse(RELATION_FIELDS, (field) => field.toLowerCase());

/** The relation kind of a control field (any case), if it is a relation field. */
export function relationKindOf(field: string): RelationKind | undefined {
  return KIND_OF_FIELD.get(field.toLowerCase());
}

/** Fields where dpkg refuses alternatives (`a | b`): listing each one means the same. */
export const NO_ALTERNATIVES: ReadonlySet<RelationKind> = new Set(['conflicts', 'breaks', 'replaces', 'provides']);

/** The script phases a deb has, in the model's names. */
export type ScriptPhase = 'preInstall' | 'postInstall' | 'preRemove' | 'postRemove';

/** The maintainer script of each phase (a control.tar member). */
export const MAINTAINER_SCRIPTS: Readonly<Record<ScriptPhase, string>> = {
  preInstall: 'preinst', postInstall: 'postinst', preRemove: 'prerm', postRemove: 'postrm',
};
const PHASE_OF_SCRIPT = inverse(MAINTAINER_SCRIPTS);

export function phaseOfScript(name: string): ScriptPhase | undefined {
  return PHASE_OF_SCRIPT.get(name);
}

/** Package names: lower case `[a-z0-9+.-]`, at least two characters, starting alphanumeric. */
export const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/** Characters of the upstream version (`:` only with an epoch, `-` only with a revision) and of the revision. */
export const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]+$/;
export const REVISION_CHARS = /^[A-Za-z0-9.+~]+$/;

/**
 * dpkg's order of the fields a binary package's control file and its Packages stanza share
 * (Dpkg/Control/FieldsCore.pm, CTRL_PKG_DEB and CTRL_INDEX_PKG): the head, then (in the index) the
 * file's name, size and checksums, then the tail.
 */
export const DPKG_BINARY_HEAD = [
  'package', 'package-type', 'source', 'version', 'kernel-version', 'built-for-profiles', 'auto-built-package',
  'architecture', 'subarchitecture', 'installer-menu-item', 'build-essential', 'essential', 'protected', 'origin',
  'bugs', 'maintainer', 'installed-size',
  'pre-depends', 'depends', 'recommends', 'suggests', 'enhances', 'conflicts', 'breaks', 'replaces', 'provides',
  'built-using', 'static-built-using',
] as const;
export const DPKG_BINARY_TAIL = ['section', 'priority', 'multi-arch', 'homepage'] as const;

/** The accounts every Debian system has (base-passwd's static users and groups). */
export const DEBIAN_ACCOUNTS = {
  system: 'Debian',
  users: ['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', 'nobody'],
  groups: ['root', 'daemon', 'bin', 'sys', 'adm', 'tty', 'disk', 'lp', 'mail', 'news', 'uucp', 'man', 'proxy', 'kmem', 'dialout', 'fax', 'voice',
    'cdrom', 'floppy', 'tape', 'sudo', 'audio', 'dip', 'www-data', 'backup', 'operator', 'list', 'irc', 'src', 'shadow', 'utmp', 'video',
    'sasl', 'plugdev', 'staff', 'games', 'users', 'nogroup'],
} as const;
