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

/** When a file trigger runs: after a matching file is installed, before one is erased, after one was erased. */
export type FileTriggerWhen = 'in' | 'un' | 'postun';

/** The sense bit each file trigger carries in its FLAGS tag. */
export const FILE_TRIGGER_SENSE: Readonly<Record<FileTriggerWhen, number>> = {
  in: RPMSENSE.TRIGGERIN, un: RPMSENSE.TRIGGERUN, postun: RPMSENSE.TRIGGERPOSTUN,
};

/** The priority rpmbuild gives a file trigger without `-P` (rpmbuild's default, lower runs later). */
export const DEFAULT_FILE_TRIGGER_PRIORITY = 1000000;

/** The parallel arrays of a trigger list. */
export interface TriggerTags {
  /** One body and interpreter per scriptlet. */
  scripts: number; prog: number;
  /** One name (package or path prefix), index (of its scriptlet), version (empty for paths) and flags per watch. */
  name: number; index: number; version: number; flags: number;
}

export interface FileTriggerTags extends TriggerTags {
  /** One priority per scriptlet. */
  priorities: number;
}

/** rpm >= 4.13 file triggers (rpmtag.h): %filetrigger… run once per package with matching files, %transfiletrigger… once per transaction. */
export const FILE_TRIGGER_TAGS: Readonly<Record<'file' | 'trans', FileTriggerTags>> = {
  file: { scripts: 5066, prog: 5067, name: 5069, index: 5070, version: 5071, flags: 5072, priorities: 5084 },
  trans: { scripts: 5076, prog: 5077, name: 5079, index: 5080, version: 5081, flags: 5082, priorities: 5085 },
};

/** Package triggers (`%triggerin -- glibc`): per scriptlet a body and an interpreter; per watched package a name, version, flags and index. */
export const PACKAGE_TRIGGER_TAGS: TriggerTags = { scripts: 1065, name: 1066, version: 1067, flags: 1068, index: 1069, prog: 1092 };

/** The sense bit of each package trigger kind. */
export const PACKAGE_TRIGGER_SENSE: Readonly<Record<string, number>> = {
  triggerprein: RPMSENSE.TRIGGERPREIN, triggerin: RPMSENSE.TRIGGERIN, triggerun: RPMSENSE.TRIGGERUN, triggerpostun: RPMSENSE.TRIGGERPOSTUN,
};

/** The accounts every Fedora/RHEL system has (the setup package's /etc/passwd and /etc/group). */
export const FEDORA_ACCOUNTS = {
  system: 'Fedora/RHEL',
  users: ['root', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'operator', 'games', 'ftp', 'nobody'],
  groups: ['root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'mem', 'kmem', 'wheel', 'cdrom', 'mail', 'man', 'dialout', 'floppy',
    'games', 'tape', 'video', 'ftp', 'lock', 'audio', 'users', 'nobody', 'utmp', 'input', 'kvm', 'render'],
} as const;
