// npm's semver versions and ranges in deb/rpm terms (docs/FORMATS.md §B5.3): a pre-release becomes `~`
// (sorts before the release in both dpkg and rpm), build metadata is dropped (semver ignores it when
// ordering), and a range becomes its lower bound.
import type { Diagnostics } from '../../core/diagnostics.js';
import type { Relation } from '../../core/model.js';

/** `1.2.3-rc.1+build.5` → `1.2.3~rc.1`; `v1.0.0` → `1.0.0`. */
export function semverToUpstream(version: string, diag?: Diagnostics): string {
  let v = version.trim().replace(/^[v=]+/, '');
  const plus = v.indexOf('+');
  if (plus >= 0) {
    diag?.info('npm-build-metadata-dropped', `version ${version}: build metadata '${v.slice(plus)}' dropped (it does not order versions)`);
    v = v.slice(0, plus);
  }
  const dash = v.indexOf('-');
  if (dash < 0) return v;
  // every further `-` inside the pre-release becomes `.`: rpm forbids `-` in Version, deb in an upstream without revision
  return `${v.slice(0, dash)}~${v.slice(dash + 1).replace(/-/g, '.')}`;
}

interface Bound {
  op: '>=' | '>>';
  version: string;
}

/**
 * The dependency on Node.js an `engines.node` range asks for: `>=18` → `nodejs (>= 18)`, `^18.2.0`
 * → `nodejs (>= 18.2.0)`. Upper bounds and `||` alternatives have no single deb/rpm relation: the
 * lowest lower bound is kept, and the diagnostics say so.
 */
export function nodeRequirement(range: string | undefined, diag?: Diagnostics, packageName = 'nodejs'): Relation {
  const text = (range ?? '').trim();
  const alternatives = text.split('||').map((set) => lowerBound(set));
  // an alternative without a lower bound (`*`, `<20`) accepts the oldest Node.js: no version to require
  if (alternatives.some((b) => b === undefined || b === null)) {
    if (text !== '' && text !== '*') diag?.info('npm-engines-simplified', `engines.node '${text}' has no lower bound: ${packageName} is required without a version`);
    return { name: packageName };
  }
  const real = alternatives as Bound[];
  const lowest = real.reduce((a, b) => (compareNumeric(b.version, a.version) < 0 ? b : a));
  const relation: Relation = { name: packageName, op: lowest.op, version: semverToUpstream(lowest.version) };
  const simple = /^(>=|\^|~)?\s*v?\d+(\.(\d+|x|\*))*$/.test(text) || /^>\s*v?\d+(\.\d+)*$/.test(text);
  if (!simple) diag?.info('npm-engines-simplified', `engines.node '${text}' became ${packageName} (${relation.op} ${relation.version}): only its lower bound is kept`);
  return relation;
}

/** The lower bound of one comparator set; null when it has none (`<20`); undefined when it allows anything. */
function lowerBound(set: string): Bound | null | undefined {
  const trimmed = set.trim();
  if (trimmed === '' || trimmed === '*' || /^[xX]$/.test(trimmed)) return undefined;
  const hyphen = /^(\S+)\s+-\s+\S+$/.exec(trimmed); // `1.2 - 2.3`
  const comparators = hyphen ? [`>=${hyphen[1]}`] : trimmed.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
  let best: Bound | null = null;
  for (const comparator of comparators) {
    const m = /^(>=|<=|>|<|=|\^|~>?|)v?(\d+(?:\.(?:\d+|[xX*]))*(?:-[0-9A-Za-z.-]+)?)$/.exec(comparator);
    if (!m) continue;
    const [, op, raw] = m as unknown as [string, string, string];
    if (op === '<' || op === '<=') continue;
    const version = raw.replace(/(\.[xX*])+$/, '').replace(/^[xX*]$/, '');
    if (version === '') return undefined;
    const bound: Bound = { op: op === '>' ? '>>' : '>=', version };
    if (!best || compareNumeric(bound.version, best.version) > 0) best = bound;
  }
  return best;
}

/** Compares dotted numeric versions (pre-release parts ignored), enough to pick a bound. */
function compareNumeric(a: string, b: string): number {
  const pa = a.split('-')[0]!.split('.').map(Number);
  const pb = b.split('-')[0]!.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
