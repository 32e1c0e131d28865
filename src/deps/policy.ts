// `--deps keep|map|auto|none`: what becomes of the relations an input package carries when it is
// converted (README "What conversion changes"). Relations given on the command line are always kept
// as given. Every relation left out, or kept although the target family is unlikely to have it, is
// named in a warning.
import type { Diagnostics } from '../core/diagnostics.js';
import type { Metadata, Relation, RelationKind, Version } from '../core/model.js';
import { formatDebRelation } from '../core/relations.js';
import type { NameMap } from './name-map.js';

export const DEPS_POLICIES = ['keep', 'map', 'auto', 'none'] as const;
export type DepsPolicy = (typeof DEPS_POLICIES)[number];

/**
 * A distribution family whose package names differ from the other's (Debian; Fedora, RHEL and
 * openSUSE): what the policy needs to know of it. The deb and rpm plugins name theirs
 * (`dependencyFamily`, deps/families.ts); inputs without distribution names (dir, tar, npm) have none.
 */
export interface Family {
  /** Its systems, in warnings: `Debian`, `rpm distributions`. */
  title: string;
  /** Its package names, in warnings: `no rpm name known`, `no deb name known`. */
  noun: string;
  /** This family's name for the other family's package: null when it needs none, undefined when the map does not know. */
  nameFor(names: NameMap, otherName: string): string | null | undefined;
  /** Names that only this family uses (Debian's `libfoo3`, rpm's `perl(Foo)`), dropped when no mapping is known. */
  ownsName(name: string): boolean;
  /** Its capabilities that stand for sonames (rpm's `libc.so.6()(64bit)`): the computed dependencies replace them. */
  isSonameCapability(name: string): boolean;
  /** A relation of the other family, with this family's version forms. */
  versionForms(relation: Relation): Relation;
  /**
   * A requirement every system of this family meets by itself, which a package from the other family
   * states (Debian's Essential set: `Requires(post): coreutils` is implicit in Debian).
   */
  meetsItself(relation: Relation): boolean;
  /** A package version of the other family, in this family's terms (see versionAcross). */
  adoptVersion(version: Version): Version;
}

/** Relations that pull packages in; auto and none replace them, the others (Provides, Conflicts, …) are mapped. */
const DEPENDENCY_KINDS = new Set<RelationKind>(['depends', 'preDepends', 'recommends', 'suggests', 'enhances', 'supplements']);

/** Format mechanics each writer regenerates or drops itself. */
const MECHANICS = /^(rpmlib|config)\(/;

export interface PolicyContext {
  policy: DepsPolicy;
  from?: Family;
  to?: Family;
  names: NameMap;
  /** `kind name…` keys of the relations given on the command line (see relationKey). */
  fromCommandLine: ReadonlySet<string>;
  /**
   * Packages whose commands the input's deb install scripts run (core/script-tools.ts): auto keeps the
   * relations on them, which are as much a fact of the content as a soname, and order them first.
   */
  neededByScripts?: ReadonlySet<string>;
  diag: Diagnostics;
}

export function relationKey(kind: RelationKind, relation: Relation): string {
  return `${kind} ${formatDebRelation(relation)}`;
}

/** The default: literal names within a family (and for inputs without distribution names), computed ones across families. */
export function defaultPolicy(from: Family | undefined, to: Family | undefined): DepsPolicy {
  return from && to && from !== to ? 'auto' : 'keep';
}

/** Whether the policy adds the dependencies computed from the package's files. */
export function derivesDependencies(policy: DepsPolicy): boolean {
  return policy === 'map' || policy === 'auto';
}

export function applyPolicy(relations: Metadata['relations'], ctx: PolicyContext): Metadata['relations'] {
  const { policy, from, to } = ctx;
  const cross = from !== undefined && to !== undefined && from !== to;
  const report: Report = { replaced: [], notNeeded: [], unmapped: [], foreign: [], sonames: [], implied: [], forScripts: [] };
  const out: Metadata['relations'] = {};
  const versioned = (r: Relation) => (cross ? to.versionForms(r) : r);
  for (const [kind, list] of Object.entries(relations) as [RelationKind, Relation[]][]) {
    const kept: Relation[] = [];
    for (const relation of list) {
      if (ctx.fromCommandLine.has(relationKey(kind, relation)) || MECHANICS.test(relation.name)) {
        kept.push(relation);
      } else if (policy === 'auto' && DEPENDENCY_KINDS.has(kind) && alternativesOf(relation).some((a) => ctx.neededByScripts?.has(a.name))) {
        report.forScripts.push(formatDebRelation(relation));
        kept.push(versioned(relation));
      } else if ((policy === 'auto' || policy === 'none') && DEPENDENCY_KINDS.has(kind)) {
        const soname = policy === 'auto' && from !== undefined && from.isSonameCapability(relation.name);
        (soname ? report.sonames : report.replaced).push(formatDebRelation(relation));
      } else if (!cross) {
        kept.push(relation);
      } else if (DEPENDENCY_KINDS.has(kind) && to.meetsItself(relation)) {
        report.implied.push(relation.name);
      } else if (policy === 'keep') {
        report.foreign.push(...alternativesOf(relation).map((a) => a.name).filter((name) => isForeign(name, ctx)));
        kept.push(versioned(relation));
      } else {
        const mapped = mapRelation(relation, ctx, report);
        if (mapped) kept.push(versioned(mapped));
      }
    }
    if (kept.length) out[kind] = kept;
  }
  warn(report, ctx);
  return out;
}

function alternativesOf(relation: Relation): Relation[] {
  return [relation, ...(relation.alternatives ?? [])];
}

/** Whether a name kept as it is will likely be missing on the target: it maps to another name, or looks distribution-specific. */
function isForeign(name: string, ctx: PolicyContext): boolean {
  const mapped = ctx.to!.nameFor(ctx.names, name);
  return mapped === undefined ? ctx.from!.ownsName(name) : mapped !== name;
}

function mapRelation(relation: Relation, ctx: PolicyContext, report: Report): Relation | undefined {
  const alternatives: Relation[] = [];
  for (const alt of alternativesOf(relation)) {
    const { alternatives: _nested, ...single } = alt;
    const mapped = ctx.to!.nameFor(ctx.names, alt.name);
    if (mapped === null) {
      // One alternative the target needs no package for satisfies the whole relation.
      report.notNeeded.push(alt.name);
      return undefined;
    } else if (mapped !== undefined) {
      alternatives.push(mapped === alt.name ? single : renamed(single, mapped));
    } else if (ctx.from!.isSonameCapability(alt.name)) {
      report.sonames.push(alt.name);
    } else if (ctx.from!.ownsName(alt.name)) {
      report.unmapped.push(alt.name);
    } else {
      report.foreign.push(alt.name);
      alternatives.push(single);
    }
  }
  const [first, ...rest] = alternatives;
  if (!first) return undefined;
  return rest.length ? { ...first, alternatives: rest } : first;
}

/**
 * Another distribution's package versions its own way (epochs, revisions, `+dfsg`): a renamed
 * relation keeps only a lower bound on the leading numeric version, which both sides share.
 */
function renamed(relation: Relation, name: string): Relation {
  const upstream = relation.version?.replace(/^\d+:/, '').match(/^\d+(?:\.\d+)*/)?.[0];
  const { op: _op, version: _version, ...rest } = relation;
  return upstream && (relation.op === '>=' || relation.op === '>>') ? { ...rest, name, op: '>=', version: upstream } : { ...rest, name };
}

/**
 * dpkg reads a version without revision as revision 0 and compares it, rpm ignores the release a
 * requirement does not give: `libc6 (>> 2.36)` is met by 2.36-9 in dpkg but `> 2.36` is not in rpm.
 * `>>`, `<=` and `=` therefore need the release written: `> 2.36-0`.
 */
export function withRpmRevisionForms(relation: Relation): Relation {
  const fix = (r: Relation): Relation => (r.version && (r.op === '>>' || r.op === '<=' || r.op === '=') && !r.version.includes('-') ? { ...r, version: `${r.version}-0` } : r);
  const alternatives = relation.alternatives?.map(fix);
  return alternatives ? { ...fix(relation), alternatives } : fix(relation);
}

/**
 * The package's own version in the target family: the same fact as withRpmRevisionForms. A deb
 * without revision (a native package) is revision 0 to dpkg, so it becomes rpm release 0, not rpm's
 * usual 1 — else `foo (>> 1.0)` elsewhere, written `> 1.0-0`, would be met by foo 1.0 under rpm and
 * not under dpkg. Release 0 reads back as no revision (Family.adoptVersion).
 */
export function versionAcross(version: Version, from: Family | undefined, to: Family | undefined): Version {
  return from && to && from !== to ? to.adoptVersion(version) : version;
}

/** What the policy left out or kept doubtfully, by reason, for the warnings. */
interface Report {
  replaced: string[];
  notNeeded: string[];
  unmapped: string[];
  foreign: string[];
  sonames: string[];
  implied: string[];
  forScripts: string[];
}

function warn(report: Report, ctx: PolicyContext): void {
  const target = ctx.to!.title;
  const list = (names: string[]) => [...new Set(names)].join(', ');
  if (report.replaced.length) {
    const by = ctx.policy === 'auto' ? 'replaced by the dependencies computed from its files' : 'left out';
    ctx.diag.warn('deps-dropped', `--deps ${ctx.policy}: the input's dependencies are ${by}; dropped: ${list(report.replaced)}`);
  }
  if (report.implied.length) ctx.diag.info('deps-implied', `dropped, every system of ${target} has them: ${list(report.implied)}`);
  if (report.forScripts.length) ctx.diag.info('deps-for-scripts', `--deps ${ctx.policy}: kept, the install scripts run their commands: ${list(report.forScripts)}`);
  if (report.notNeeded.length) ctx.diag.warn('deps-not-needed', `dropped, ${target} need no package for them: ${list(report.notNeeded)}`);
  if (report.unmapped.length) ctx.diag.warn('deps-unmapped', `dropped, no ${ctx.to!.noun} name known (add one with --dep-map FILE): ${list(report.unmapped)}`);
  if (report.sonames.length) ctx.diag.info('deps-sonames', `soname requirements replaced by the Depends computed from the files: ${list(report.sonames)}`);
  if (report.foreign.length) ctx.diag.warn('deps-foreign-names', `kept unchanged, ${target} are unlikely to have them: ${list(report.foreign)}`);
}
