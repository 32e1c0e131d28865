// Dependencies as rpm's name/flags/version triplets (FORMATS.md §B1.4), and the rpmlib() features a
// package's contents require (§B1.7).
import type { Metadata, Relation, RelationKind } from '../../core/model.js';
import { RPMSENSE, RpmType } from '../../formats/rpm/tags.js';
import { DEPENDENCY_LISTS, LIST_OF_KIND, RICH_OPERATOR, SENSE, type DependencyList, type DependencyTags } from '../../formats/rpm/vocabulary.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';

export interface Dependency {
  name: string;
  flags: number;
  version: string;
}

/** rpmlib() features with the version rpm provides them at (rpm lib/rpmds.c rpmlibProvides). */
export const RPMLIB_FEATURES = {
  CompressedFileNames: '3.0.4-1',
  PayloadFilesHavePrefix: '4.0-1',
  FileDigests: '4.6.0-1',
  PartialHardlinkSets: '4.0.4-1',
  PayloadIsXz: '5.2-1',
  PayloadIsZstd: '5.4.18-1',
  PayloadIsBzip2: '3.0.5-1',
  PayloadIsLzma: '4.4.6-1',
  TildeInVersions: '4.10.0-1',
  CaretInVersions: '4.15.0-1',
  RichDependencies: '4.12.0-1',
  LargeFiles: '4.12.0-1',
  FileCaps: '4.6.1-1',
  BuiltinLuaScripts: '4.2.2-1',
} as const;
export type RpmlibFeature = keyof typeof RPMLIB_FEATURES;

export class Dependencies {
  private readonly lists = new Map<DependencyList, Dependency[]>();
  readonly features = new Set<RpmlibFeature>();

  add(kind: DependencyList, dep: Dependency): void {
    const list = this.lists.get(kind) ?? [];
    if (!list.some((d) => d.name === dep.name && d.flags === dep.flags && d.version === dep.version)) list.push(dep);
    this.lists.set(kind, list);
    if (dep.name.startsWith('(')) this.features.add('RichDependencies');
  }

  addRelation(kind: DependencyList, relation: Relation, extraFlags = 0): void {
    this.add(kind, relationDependency(relation, extraFlags));
  }

  list(kind: DependencyList): readonly Dependency[] {
    return this.lists.get(kind) ?? [];
  }

  /**
   * Adds the rpmlib() requires: the features noted so far plus those the dependency versions themselves
   * need (`~` / `^` in any EVR, including the self-provide). Call once, after everything else was added.
   */
  addRpmlibRequires(): void {
    for (const list of this.lists.values()) {
      for (const dep of list) {
        const evr = dep.name.startsWith('(') ? dep.name : dep.version;
        if (evr.includes('~')) this.features.add('TildeInVersions');
        if (evr.includes('^')) this.features.add('CaretInVersions');
      }
    }
    for (const feature of this.features) {
      this.add('require', {
        name: `rpmlib(${feature})`,
        flags: RPMSENSE.RPMLIB | RPMSENSE.LESS | RPMSENSE.EQUAL,
        version: RPMLIB_FEATURES[feature],
      });
    }
  }

  /** The header entries, each list sorted by name, then version, then flags (as rpmbuild's rpmds does). */
  headerEntries(): HeaderEntry[] {
    const entries: HeaderEntry[] = [];
    for (const [kind, tags] of Object.entries(DEPENDENCY_LISTS) as [DependencyList, DependencyTags][]) {
      const list = [...this.list(kind)].sort(compareDependencies);
      if (list.length === 0) continue;
      entries.push(
        { tag: tags.name, type: RpmType.STRING_ARRAY, value: list.map((d) => d.name) },
        { tag: tags.flags, type: RpmType.INT32, value: list.map((d) => d.flags) },
        { tag: tags.version, type: RpmType.STRING_ARRAY, value: list.map((d) => d.version) },
      );
    }
    return entries;
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function compareDependencies(a: Dependency, b: Dependency): number {
  return compareBytes(a.name, b.name) || compareBytes(a.version, b.version) || a.flags - b.flags;
}

/** One relation as an rpm dependency; alternatives become a rich dependency `(a >= 1 or b)`. */
export function relationDependency(relation: Relation, extraFlags = 0): Dependency {
  if (relation.alternatives?.length) {
    const terms = [relation, ...relation.alternatives].map((r) => (r.op && r.version ? `${r.name} ${RICH_OPERATOR[r.op]} ${r.version}` : r.name));
    return { name: `(${terms.join(' or ')})`, flags: extraFlags, version: '' };
  }
  if (relation.op && relation.version) {
    return { name: relation.name, flags: SENSE[relation.op] | extraFlags, version: relation.version };
  }
  return { name: relation.name, flags: extraFlags, version: '' };
}

/** The planned relations (core/relations-translate's rpmRelations) as rpm triplets (FORMATS.md §B1.4). */
export function addMetadataRelations(deps: Dependencies, metadata: Metadata): void {
  for (const [kind, relations] of Object.entries(metadata.relations) as [RelationKind, Relation[]][]) {
    const [list, flags] = LIST_OF_KIND[kind as keyof typeof LIST_OF_KIND] ?? [];
    if (!list) throw new Error(`rpm relation kind ${kind} was not translated`);
    for (const relation of relations) deps.addRelation(list, relation, flags);
  }
}
