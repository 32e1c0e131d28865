// Relation strings as users write them on the command line and as deb control fields carry them:
// `name`, `name (>= 1.0)`, `name >= 1.0`, `name:any`, alternatives `a | b (<< 2)`.
import { RELATION_KINDS, type Metadata, type Relation, type RelationOp } from './model.js';
import { PkgError } from './errors.js';

const OPERATORS: Record<string, RelationOp> = {
  '<<': '<<', '<=': '<=', '=': '=', '==': '=', '>=': '>=', '>>': '>>',
  // rpm and fpm spellings; strict, as rpm means them (a bare deb `<` meant `<=` long ago and is obsolete).
  '<': '<<', '>': '>>', '=<': '<=', '=>': '>=',
};

// A name may hold parenthesised groups (rpm capabilities: `perl(Foo::Bar)`, `libc.so.6()(64bit)`).
const ONE = /^\s*((?:[^\s(|:<>=!,]|\([^()\s]*\))+)(?::([a-z0-9-]+))?\s*(?:\(\s*([<>=]+)\s*([^\s)]+)\s*\)|([<>=]+)\s*(\S+))?\s*$/;

/** Parses one relation with optional alternatives. */
export function parseRelation(text: string): Relation {
  const [first, ...rest] = text.split('|').map(parseSingle(text));
  return rest.length ? { ...first!, alternatives: rest } : first!;
}

/** Parses a comma-separated list (a deb relation field). */
export function parseRelationList(text: string): Relation[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean).map(parseRelation);
}

function parseSingle(whole: string) {
  return (part: string): Relation => {
    const m = ONE.exec(part);
    if (!m) throw new PkgError('metadata-invalid', `cannot parse relation '${whole.trim()}'`);
    const [, name, arch, op1, version1, op2, version2] = m;
    const opText = op1 ?? op2;
    const relation: Relation = { name: name! };
    if (arch) relation.arch = arch;
    if (opText) {
      const op = OPERATORS[opText];
      if (!op) throw new PkgError('metadata-invalid', `unknown operator '${opText}' in relation '${whole.trim()}'`);
      relation.op = op;
      relation.version = version1 ?? version2;
    }
    return relation;
  };
}

/** deb syntax: `name:arch (op version) | alt`. */
export function formatDebRelation(relation: Relation): string {
  return [relation, ...(relation.alternatives ?? [])]
    .map((r) => `${r.name}${r.arch ? `:${r.arch}` : ''}${r.op ? ` (${r.op} ${r.version})` : ''}`)
    .join(' | ');
}

/** Relation lists by kind, as JSON.parse gives back what JSON.stringify wrote (--keep-foreign-metadata); throws an Error naming `what` when the shape is wrong. */
export function relationsFromJson(value: unknown, what: string): Metadata['relations'] {
  const kinds = new Set<string>(RELATION_KINDS);
  const isRelation = (r: unknown): r is Relation => typeof r === 'object' && r !== null && typeof (r as Relation).name === 'string'
    && ((r as Relation).alternatives === undefined || (Array.isArray((r as Relation).alternatives) && (r as Relation).alternatives!.every(isRelation)));
  if (typeof value !== 'object' || value === null || Array.isArray(value)
    || Object.entries(value).some(([kind, list]) => !kinds.has(kind) || !Array.isArray(list) || !list.every(isRelation))) {
    throw new Error(`${what} are not relation lists by kind`);
  }
  return value as Metadata['relations'];
}
