// fpm's `--rpm-tag 'Name: value'` adds a line to the spec file it hands rpmbuild. pkgshift writes no
// spec: each tag it knows becomes the model field rpmbuild would have made of it; any other tag is
// an error naming it, rather than a line silently lost.
import { PkgError } from '../core/errors.js';
import type { Metadata, RelationKind } from '../core/model.js';
import { parseRelationList } from '../core/relations.js';

const RELATION_TAGS: Record<string, RelationKind> = {
  requires: 'depends', provides: 'provides', conflicts: 'conflicts', obsoletes: 'obsoletes',
  recommends: 'recommends', suggests: 'suggests', supplements: 'supplements', enhances: 'enhances',
};

/** `Requires(pre)`, `Requires(post)` …: needed while the scripts run, which rpm's Requires(pre) guarantees for all of them. */
const SCRIPT_REQUIRES = /^requires\((pre|post|preun|postun|pretrans|posttrans|interp)(,\s*(pre|post|preun|postun|pretrans|posttrans|interp))*\)$/;

const TEXT_TAGS: Record<string, (m: Metadata, value: string) => void> = {
  group: (m, v) => { m.extras = { ...m.extras, rpm: { ...m.extras.rpm, Group: v } }; },
  summary: (m, v) => { m.summary = v; },
  url: (m, v) => { m.homepage = v; },
  vendor: (m, v) => { m.vendor = v; },
  license: (m, v) => { m.license = v; },
  packager: (m, v) => { m.maintainer = v; },
};

export function applyRpmTags(metadata: Metadata, tags: readonly string[]): void {
  for (const raw of tags) {
    const colon = raw.indexOf(':');
    const name = raw.slice(0, colon).trim().toLowerCase();
    const value = raw.slice(colon + 1).trim();
    if (colon <= 0 || !value) throw new PkgError('usage', `--rpm-tag '${raw}': expected 'Name: value'`);
    const kind = RELATION_TAGS[name] ?? (SCRIPT_REQUIRES.test(name) ? 'preDepends' : undefined);
    if (kind) {
      metadata.relations = { ...metadata.relations, [kind]: [...(metadata.relations[kind] ?? []), ...parseRelationList(value)] };
    } else if (TEXT_TAGS[name]) {
      TEXT_TAGS[name](metadata, value);
    } else {
      throw new PkgError('usage', `--rpm-tag '${raw}': pkgshift does not write the spec tag '${raw.slice(0, colon).trim()}' (known: ${[...Object.keys(RELATION_TAGS), 'requires(pre|post|…)', ...Object.keys(TEXT_TAGS)].join(', ')})`);
    }
  }
}
