// The neutral relations as each format can carry them (docs/FORMATS.md §B2.2, §B1.4; README "What
// conversion changes"). Names and operators that have no meaning in the target are dropped with a
// warning, never silently.
import { Diagnostics } from './diagnostics.js';
import { formatDebRelation } from './relations.js';
import type { Metadata, Relation, RelationKind } from './model.js';
import { PACKAGE_NAME } from '../formats/deb/vocabulary.js';

export type Relations = Metadata['relations'];

/** What rpm calls each kind: Breaks is rpm's Conflicts (Replaces is handled apart). */
const RPM_KIND: Partial<Record<RelationKind, RelationKind>> = {
  depends: 'depends', preDepends: 'preDepends', provides: 'provides', conflicts: 'conflicts', breaks: 'conflicts',
  obsoletes: 'obsoletes', recommends: 'recommends', suggests: 'suggests', supplements: 'supplements', enhances: 'enhances',
};

/** Format mechanics that each writer regenerates: never carried across. */
const MECHANICS = /^(rpmlib|config)\(/;


function adder(out: Relations) {
  return (kind: RelationKind, relation: Relation) => {
    out[kind] = [...(out[kind] ?? []), relation];
  };
}

/** The relations a deb carries: only the kinds deb has, names and versions as dpkg accepts them. */
export function debRelations(metadata: Metadata, diag: Diagnostics): Relations {
  const out: Relations = {};
  const add = adder(out);
  for (const [kind, relations] of entries(metadata)) {
    for (const relation of relations) {
      const debRelation = forDeb(relation, kind, diag);
      if (!debRelation) continue;
      if (kind === 'obsoletes') {
        // rpm Obsoletes replaces a package wholly: dpkg's spelling of that is Conflicts + Replaces.
        add('conflicts', debRelation);
        add('replaces', debRelation);
        diag.info('relation-obsoletes', `Obsoletes: ${relation.name} is written as Conflicts + Replaces`);
      } else if (kind === 'supplements') {
        diag.warn('relation-dropped', `Supplements: ${relation.name} is dropped: deb has no reverse-recommends relation`);
      } else {
        add(kind, debRelation);
      }
    }
  }
  return out;
}

function forDeb(relation: Relation, kind: RelationKind, diag: Diagnostics): Relation | undefined {
  const alternatives: Relation[] = [];
  for (const alt of [relation, ...(relation.alternatives ?? [])]) {
    if (MECHANICS.test(alt.name)) continue;
    const name = alt.name.toLowerCase();
    if (!PACKAGE_NAME.test(name)) {
      diag.warn('relation-dropped', `${kind} ${alt.name} is dropped: not a package name deb can depend on (a file or rpm capability)`);
      continue;
    }
    const single: Relation = { name };
    if (alt.arch) single.arch = alt.arch;
    if (alt.op && alt.version) {
      if (kind === 'provides' && alt.op !== '=') {
        diag.warn('relation-version-dropped', `Provides: ${alt.name} ${alt.op} ${alt.version} keeps no version: deb Provides allow only '='`);
      } else {
        single.op = alt.op;
        single.version = withoutZeroRevision(alt.version.replace(/_/g, '.').replace(/\^/g, '+'));
      }
    }
    alternatives.push(single);
  }
  const [first, ...rest] = alternatives;
  if (!first) return undefined;
  return rest.length ? { ...first, alternatives: rest } : first;
}

/**
 * `X-0` is the form withDebRevision writes for rpm; dpkg reads a version without revision as revision 0,
 * so `X` means the same to dpkg and a deb → rpm → deb round trip gives the original back. Only when `X`
 * has no hyphen of its own: `1.0-rc-0` without `-0` would be upstream 1.0, revision rc.
 */
function withoutZeroRevision(version: string): string {
  const upstream = version.slice(0, -2);
  return version.endsWith('-0') && !upstream.includes('-') ? upstream : version;
}

/** The relations an rpm carries, by the kinds rpm has. Alternatives stay as `alternatives` (written as rich deps). */
export function rpmRelations(metadata: Metadata, diag: Diagnostics): Relations {
  const out: Relations = {};
  const add = adder(out);
  const replacing = new Set([...(metadata.relations.conflicts ?? []), ...(metadata.relations.breaks ?? [])].map((r) => r.name));
  // An rpm input's versions already mean what rpm reads; any other input's are read as dpkg reads them.
  const debVersions = metadata.extras.rpm === undefined;
  for (const [kind, relations] of entries(metadata)) {
    for (const relation of relations) {
      const rpmRelation = forRpm(relation, debVersions && kind !== 'provides', diag);
      if (kind === 'replaces') {
        if (replacing.has(relation.name)) {
          add('obsoletes', rpmRelation);
          diag.info('relation-replaces', `Replaces + Conflicts/Breaks: ${relation.name} is written as Obsoletes (rpm then removes ${relation.name} on upgrade, as dpkg does)`);
        } else {
          diag.warn('relation-dropped', `Replaces: ${relation.name} is dropped: without a Conflicts or Breaks it only lets files move between packages, which rpm has no relation for (rpm refuses files ${relation.name} owns), and rpm's Obsoletes would remove ${relation.name}`);
        }
        continue;
      }
      if (kind === 'breaks') diag.info('relation-breaks', `Breaks: ${relation.name} is written as Conflicts`);
      add(RPM_KIND[kind]!, rpmRelation);
    }
  }
  return out;
}

/**
 * dpkg reads a version without a revision as revision `0`, the lowest; rpm reads a required version without
 * a release as "any release". For `>>`, `<=` and `=` the two disagree: dpkg's `libc6 (>> 2.36)` is met by
 * 2.36-9, rpm's `libc6 > 2.36` is not. Written as `2.36-0` they agree (`>=` and `<<` agree already).
 */
const REVISION_MATTERS = new Set<Relation['op']>(['>>', '<=', '=']);

function withDebRevision(r: Relation): Relation {
  if (!r.op || !r.version || !REVISION_MATTERS.has(r.op) || r.version.includes('-')) return r;
  return { ...r, version: `${r.version}-0` };
}

function forRpm(relation: Relation, debVersions: boolean, diag: Diagnostics): Relation {
  const strip = (r: Relation): Relation => {
    if (r.arch) diag.info('relation-arch-dropped', `${r.name}:${r.arch} is written as ${r.name}: rpm has no architecture qualifiers`);
    const { arch: _arch, alternatives: _alternatives, ...rest } = r;
    return debVersions ? withDebRevision(rest) : rest;
  };
  const alternatives = (relation.alternatives ?? []).map(strip);
  return alternatives.length ? { ...strip(relation), alternatives } : strip(relation);
}

function entries(metadata: Metadata): [RelationKind, Relation[]][] {
  return Object.entries(metadata.relations) as [RelationKind, Relation[]][];
}

/** Kind → its relations in deb syntax, sorted: what two relation sets are compared by. */
function comparable(relations: Relations): string {
  return JSON.stringify(Object.entries(relations).filter(([, list]) => list?.length)
    .map(([kind, list]) => [kind, list!.map(formatDebRelation).sort()]).sort());
}

/**
 * Whether an rpm's relations would come back changed from a trip through a deb (Obsoletes become
 * Conflicts + Replaces, capabilities and file requires are dropped …): --keep-foreign-metadata then
 * keeps them whole.
 */
export function rpmRelationsLostInDeb(metadata: Metadata): boolean {
  const quiet = new Diagnostics();
  const asDeb: Metadata = { ...metadata, relations: debRelations(metadata, quiet), extras: {} };
  return comparable(rpmRelations(metadata, quiet)) !== comparable(rpmRelations(asDeb, quiet));
}

