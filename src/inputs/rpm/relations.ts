// rpm dependency triplets (FORMATS.md §B1.4 table) → neutral relations. Left out because every
// rpm writer regenerates them: rpmlib(…) features, the self-provide `NAME = EVR`, config(NAME),
// and requires flagged INTERP (added by rpmbuild for a scriptlet's interpreter; the interpreter
// itself is kept on the Script). Requires(pre) (SCRIPT_PRE or the legacy PREREQ) become preDepends
// — the deb meaning "needed before this package's preinst runs" is the same; every other requires
// becomes depends. Rich dependencies `(a or b)` become alternatives; other rich forms are kept verbatim.
import type { Metadata, Relation, RelationKind, RelationOp } from '../../core/model.js';
import type { RpmHeader } from '../../formats/rpm/header-read.js';
import { DEPENDENCY_TAGS, RPMSENSE } from '../../formats/rpm/tags.js';

const TRIPLETS: [RelationKind, readonly [number, number, number]][] = [
  ['provides', DEPENDENCY_TAGS.provide], ['depends', DEPENDENCY_TAGS.require], ['conflicts', DEPENDENCY_TAGS.conflict],
  ['obsoletes', DEPENDENCY_TAGS.obsolete], ['recommends', DEPENDENCY_TAGS.recommend], ['suggests', DEPENDENCY_TAGS.suggest],
  ['supplements', DEPENDENCY_TAGS.supplement], ['enhances', DEPENDENCY_TAGS.enhance],
];

export function relationOp(flags: number): RelationOp | undefined {
  const sense = flags & (RPMSENSE.LESS | RPMSENSE.GREATER | RPMSENSE.EQUAL);
  switch (sense) {
    case RPMSENSE.LESS: return '<<';
    case RPMSENSE.LESS | RPMSENSE.EQUAL: return '<=';
    case RPMSENSE.EQUAL: return '=';
    case RPMSENSE.GREATER | RPMSENSE.EQUAL: return '>=';
    case RPMSENSE.GREATER: return '>>';
    default: return undefined;
  }
}

export function relationsFromHeader(header: RpmHeader, name: string, selfEvr: string): Metadata['relations'] {
  const relations: Metadata['relations'] = {};
  const seen = new Set<string>();
  const add = (kind: RelationKind, relation: Relation) => {
    // Requires(post) + Requires(preun) on one name are separate rpm entries but one relation.
    const key = JSON.stringify([kind, relation]);
    if (seen.has(key)) return;
    seen.add(key);
    (relations[kind] ??= []).push(relation);
  };
  for (const [kind, [nameTag, flagsTag, versionTag]] of TRIPLETS) {
    const names = header.strings(nameTag);
    const flags = header.numbers(flagsTag);
    const versions = header.strings(versionTag);
    names.forEach((depName, i) => {
      const bits = flags[i] ?? 0;
      if (isGenerated(kind, depName, bits, name, versions[i] ?? '', selfEvr)) return;
      const relation = parseRich(depName) ?? { name: depName };
      const op = relationOp(bits);
      const version = versions[i] ?? '';
      if (op && version && !relation.alternatives) Object.assign(relation, { op, version });
      const preRequire = kind === 'depends' && (bits & (RPMSENSE.SCRIPT_PRE | RPMSENSE.PREREQ)) !== 0;
      add(preRequire ? 'preDepends' : kind, relation);
    });
  }
  return relations;
}

function isGenerated(kind: RelationKind, depName: string, bits: number, name: string, version: string, selfEvr: string): boolean {
  if (depName.startsWith('rpmlib(') || (bits & RPMSENSE.RPMLIB) !== 0) return true;
  if (depName === `config(${name})`) return true;
  // The self-provide NAME = EVR and its arch-qualified twin NAME(x86-64) = EVR.
  if (kind === 'provides' && (depName === name || (/^\(\w+-(?:32|64)\)$/.test(depName.slice(name.length)) && depName.startsWith(name) && version === selfEvr))) return true;
  if (kind === 'depends' && (bits & RPMSENSE.INTERP) !== 0) return true;
  return false;
}

const TERM = /^\s*([^\s()]+)(?:\s*(<=|>=|<|>|=)\s*(\S+))?\s*$/;
const OPS: Record<string, RelationOp> = { '<': '<<', '<=': '<=', '=': '=', '>=': '>=', '>': '>>' };

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
    parsed.push(t[2] ? { name: t[1]!, op: OPS[t[2]]!, version: t[3]! } : { name: t[1]! });
  }
  const [first, ...rest] = parsed;
  return { ...first!, alternatives: rest };
}
