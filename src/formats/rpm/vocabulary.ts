// rpm's words for what a package declares, one table per fact, shared by the reader, the writer and
// the translators (docs/FORMATS.md §B1.4): the dependency lists as tag triplets with the relation kind each
// carries, comparison operators as sense bits and in rich dependencies (inverses derived from the same
// tables, as rpmpack's sense table serves parsing and printing), and the scriptlet phases' tags.
// Kinds, operators and phases are spelt as the model spells them; nothing here imports the model.
import { RPMSENSE, RPMSENSE_SENSEMASK, Tag } from './tags.js';

/** Version comparison operators, in deb spelling (the model's). */
export type Operator = '<<' | '<=' | '=' | '>=' | '>>';

function inverse<K extends string, V>(table: Readonly<Record<K, V>>): ReadonlyMap<V, K> {
  return new Map(Object.entries(table).map(([key, value]) => [value as V, key as K]));
}

/** The sense bits of each operator. */
export const SENSE: Readonly<Record<Operator, number>> = {
  '<<': RPMSENSE.LESS,
  '<=': RPMSENSE.LESS | RPMSENSE.EQUAL,
  '=': RPMSENSE.EQUAL,
  '>=': RPMSENSE.GREATER | RPMSENSE.EQUAL,
  '>>': RPMSENSE.GREATER,
};
const OPERATOR_OF_SENSE = inverse(SENSE);

/** The operator of a dependency's (or trigger's) flags, if they compare versions. */
export function operatorOf(flags: number): Operator | undefined {
  return OPERATOR_OF_SENSE.get(flags & RPMSENSE_SENSEMASK);
}

/** Operators inside rich dependencies `(a >= 1 or b)`: rpm's spelling. */
export const RICH_OPERATOR: Readonly<Record<Operator, string>> = { '<<': '<', '<=': '<=', '=': '=', '>=': '>=', '>>': '>' };
const OPERATOR_OF_RICH = inverse(RICH_OPERATOR);

export function operatorOfRich(text: string): Operator | undefined {
  return OPERATOR_OF_RICH.get(text);
}

/** The dependency lists of a header, each stored as three parallel tags. */
export type DependencyList = 'provide' | 'require' | 'conflict' | 'obsolete' | 'recommend' | 'suggest' | 'supplement' | 'enhance';

export interface DependencyTags {
  name: number;
  flags: number;
  version: number;
  /** The relation kind the list carries; requires flagged SCRIPT_PRE (or PREREQ) carry `preDepends`. */
  kind: 'provides' | 'depends' | 'conflicts' | 'obsoletes' | 'recommends' | 'suggests' | 'supplements' | 'enhances';
}

export const DEPENDENCY_LISTS: Readonly<Record<DependencyList, DependencyTags>> = {
  provide: { name: Tag.PROVIDENAME, flags: Tag.PROVIDEFLAGS, version: Tag.PROVIDEVERSION, kind: 'provides' },
  require: { name: Tag.REQUIRENAME, flags: Tag.REQUIREFLAGS, version: Tag.REQUIREVERSION, kind: 'depends' },
  conflict: { name: Tag.CONFLICTNAME, flags: Tag.CONFLICTFLAGS, version: Tag.CONFLICTVERSION, kind: 'conflicts' },
  obsolete: { name: Tag.OBSOLETENAME, flags: Tag.OBSOLETEFLAGS, version: Tag.OBSOLETEVERSION, kind: 'obsoletes' },
  recommend: { name: Tag.RECOMMENDNAME, flags: Tag.RECOMMENDFLAGS, version: Tag.RECOMMENDVERSION, kind: 'recommends' },
  suggest: { name: Tag.SUGGESTNAME, flags: Tag.SUGGESTFLAGS, version: Tag.SUGGESTVERSION, kind: 'suggests' },
  supplement: { name: Tag.SUPPLEMENTNAME, flags: Tag.SUPPLEMENTFLAGS, version: Tag.SUPPLEMENTVERSION, kind: 'supplements' },
  enhance: { name: Tag.ENHANCENAME, flags: Tag.ENHANCEFLAGS, version: Tag.ENHANCEVERSION, kind: 'enhances' },
};

/** Requires needed before the package unpacks: rpm's Requires(pre), deb's Pre-Depends. */
export const PRE_REQUIRE = RPMSENSE.SCRIPT_PRE | RPMSENSE.PREREQ;

/** The list (and extra flags) each relation kind an rpm carries is written to. */
export const LIST_OF_KIND: Readonly<Record<DependencyTags['kind'] | 'preDepends', readonly [DependencyList, number]>> = {
  ...Object.fromEntries(Object.entries(DEPENDENCY_LISTS).map(([list, tags]) => [tags.kind, [list as DependencyList, 0] as const])) as Record<DependencyTags['kind'], readonly [DependencyList, number]>,
  preDepends: ['require', RPMSENSE.SCRIPT_PRE],
};

/** Scriptlet phases, in the model's names. */
export type Phase = 'preInstall' | 'postInstall' | 'preRemove' | 'postRemove' | 'preTransaction' | 'postTransaction' | 'verify';

export interface ScriptletTags {
  body: number;
  /** The interpreter: a STRING, or a STRING_ARRAY with its arguments. */
  prog: number;
  /** The sense flag of the Requires on the interpreter (rpmbuild's Requires(pre) …). */
  sense: number;
  /** The spec-file section, for messages. */
  label: string;
}

/** In the order rpm runs them on an install. */
export const SCRIPTLETS: Readonly<Record<Phase, ScriptletTags>> = {
  preTransaction: { body: Tag.PRETRANS, prog: Tag.PRETRANSPROG, sense: RPMSENSE.PRETRANS, label: '%pretrans' },
  preInstall: { body: Tag.PREIN, prog: Tag.PREINPROG, sense: RPMSENSE.SCRIPT_PRE, label: '%pre' },
  postInstall: { body: Tag.POSTIN, prog: Tag.POSTINPROG, sense: RPMSENSE.SCRIPT_POST, label: '%post' },
  preRemove: { body: Tag.PREUN, prog: Tag.PREUNPROG, sense: RPMSENSE.SCRIPT_PREUN, label: '%preun' },
  postRemove: { body: Tag.POSTUN, prog: Tag.POSTUNPROG, sense: RPMSENSE.SCRIPT_POSTUN, label: '%postun' },
  postTransaction: { body: Tag.POSTTRANS, prog: Tag.POSTTRANSPROG, sense: RPMSENSE.POSTTRANS, label: '%posttrans' },
  verify: { body: Tag.VERIFYSCRIPT, prog: Tag.VERIFYSCRIPTPROG, sense: RPMSENSE.SCRIPT_VERIFY, label: '%verifyscript' },
};

/** The accounts every Fedora/RHEL system has (the setup package's /etc/passwd and /etc/group). */
export const FEDORA_ACCOUNTS = {
  system: 'Fedora/RHEL',
  users: ['root', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'operator', 'games', 'ftp', 'nobody'],
  groups: ['root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'mem', 'kmem', 'wheel', 'cdrom', 'mail', 'man', 'dialout', 'floppy',
    'games', 'tape', 'video', 'ftp', 'lock', 'audio', 'users', 'nobody', 'utmp', 'input', 'kvm', 'render'],
} as const;
