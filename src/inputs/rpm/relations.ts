// rpm dependency triplets (docs/FORMATS.md §B1.4 table) → neutral relations. Left out because every
// rpm writer regenerates them: rpmlib(…) features, the self-provide `NAME = EVR`, config(NAME),
// and requires flagged INTERP (added by rpmbuild for a scriptlet's interpreter; the interpreter
// itself is kept on the Script). Requires(pre) (SCRIPT_PRE or the legacy PREREQ) become preDepends
// — the deb meaning "needed before this package's preinst runs" is the same; every other requires
// becomes depends. Rich dependencies `(a or b)` become alternatives; other rich forms are kept verbatim.
// The Provides pkgshift writes for the update-alternatives links of a deb script are left out: the
// script that creates them comes back with the package. A scriptlet's unversioned prerequisite
// (`Requires(post): debconf`) on a name the package already requires, alone or as one alternative,
// adds nothing a relation can say and is left out: pkgshift writes such prerequisites for a deb's
// scripts, and the deb they came from declared them that way.
import type { Metadata, Relation, RelationKind } from '../../core/model.js';
import type { RpmHeader } from '../../formats/rpm/header-read.js';
import { RPMSENSE } from '../../formats/rpm/tags.js';
import { DEPENDENCY_LISTS, PRE_REQUIRE, operatorOf, operatorOfRich } from '../../formats/rpm/vocabulary.js';

export function relationsFromHeader(header: RpmHeader, name: string, selfEvr: string, scriptLinks: readonly string[] = []): Metadata['relations'] {
  const relations: Metadata['relations'] = {};
  const seen = new Set<string>();
  const scriptPrerequisites: [RelationKind, Relation][] = [];
  const add = (kind: RelationKind, relation: Relation) => {
    // Requires(post) + Requires(preun) on one name are separate rpm entries but one relation.
    const key = JSON.stringify([kind, relation]);
    if (seen.has(key)) return;
    seen.add(key);
    (relations[kind] ??= []).push(relation);
  };
  for (const { kind, ...tags } of Object.values(DEPENDENCY_LISTS)) {
    const names = header.strings(tags.name);
    const flags = header.numbers(tags.flags);
    const versions = header.strings(tags.version);
    names.forEach((depName, i) => {
      const bits = flags[i] ?? 0;
      if (isGenerated(kind, depName, bits, name, versions[i] ?? '', selfEvr)) return;
      if (kind === 'provides' && !versions[i] && scriptLinks.includes(depName)) return;
      const relation = parseRich(depName) ?? { name: depName };
      const op = operatorOf(bits);
      const version = versions[i] ?? '';
      if (op && version && !relation.alternatives) Object.assign(relation, { op, version });
      const preRequire = kind === 'depends' && (bits & PRE_REQUIRE) !== 0;
      const target = preRequire ? 'preDepends' : kind;
      if (kind === 'depends' && (bits & SCRIPTLET_REQUIRE) && !relation.version && !relation.alternatives) scriptPrerequisites.push([target, relation]);
      else add(target, relation);
    });
  }
  const required = new Set([...(relations.depends ?? []), ...(relations.preDepends ?? [])].flatMap((r) => [r, ...(r.alternatives ?? [])].map((a) => a.name)));
  for (const [kind, relation] of scriptPrerequisites) if (!required.has(relation.name)) add(kind, relation);
  return relations;
}

/** Requires(pre), (post), (preun), (postun): needed while a scriptlet runs. */
const SCRIPTLET_REQUIRE = RPMSENSE.SCRIPT_PRE | RPMSENSE.SCRIPT_POST | RPMSENSE.SCRIPT_PREUN | RPMSENSE.SCRIPT_POSTUN;

function isGenerated(kind: RelationKind, depName: string, bits: number, name: string, version: string, selfEvr: string): boolean {
  if (depName.startsWith('rpmlib(') || (bits & RPMSENSE.RPMLIB) !== 0) return true;
  if (depName === `config(${name})`) return true;
  // The self-provide NAME = EVR and its arch-qualified twin NAME(x86-64) = EVR.
  if (kind === 'provides' && (depName === name || (/^\(\w+-(?:32|64)\)$/.test(depName.slice(name.length)) && depName.startsWith(name) && version === selfEvr))) return true;
  if (kind === 'depends' && (bits & RPMSENSE.INTERP) !== 0) return true;
  return false;
}

const TERM = /^\s*([^\s()]+)(?:\s*(<=|>=|<|>|=)\s*(\S+))?\s*$/;

/** `(a or b >= 2 or c)` → a with alternatives; any other rich form → undefined (kept verbatim). */
function parseRich(text: string): Relation | undefined {
  const m = /^\((.*)\)$/.exec(text.trim());
  if (!m || /[()]/.test(m[1]!)) return undefined;
  const terms = m[1]!.split(/\s+or\s+/);
  if (terms.length < 2) return undefined;
  const parsed: Relation[] = [];
  for (const term of terms) {
    const t = TERM.exec(term);
    if (!t || /^(and|if|else|with|without|unless)$/.test(t[1]!)) return undefined;
    const op = t[2] ? operatorOfRich(t[2]) : undefined;
    parsed.push(op ? { name: t[1]!, op, version: t[3]! } : { name: t[1]! });
  }
  const [first, ...rest] = parsed;
  return { ...first!, alternatives: rest };
}
