// The model as a deb will carry it, for lint to check before the write: the translated version,
// relations and scripts, the default maintainer, no %ghost files.
import type { Context } from '../../plugin.js';
import type { PackageModel, RelationKind } from '../../core/model.js';
import { debRelations, type DebField } from '../../core/relations-translate.js';
import { scriptsFor, warnUntranslatable } from '../../core/script-translate.js';
import { toDebVersion } from '../../core/version.js';
import { debDescription } from './control.js';
import { defaultMaintainer } from './maintainer.js';

const KIND: Record<DebField, RelationKind> = {
  'Pre-Depends': 'preDepends', Depends: 'depends', Recommends: 'recommends', Suggests: 'suggests', Enhances: 'enhances',
  Breaks: 'breaks', Conflicts: 'conflicts', Replaces: 'replaces', Provides: 'provides',
};

export function prepareDeb(pkg: PackageModel, ctx: Context): PackageModel {
  const m = pkg.metadata;
  warnUntranslatable(m, 'deb', ctx.diag);
  const relations = Object.fromEntries([...debRelations(m, ctx.diag)].map(([field, list]) => [KIND[field], list]));
  return {
    metadata: {
      ...m, ...debDescription(m, ctx.diag), relations, version: toDebVersion(m.version, ctx.diag),
      maintainer: m.maintainer?.trim() || defaultMaintainer(process.env, ctx.diag),
    },
    files: pkg.files.filter((f) => !f.flags?.has('ghost')),
    scripts: scriptsFor('deb', pkg.scripts, m, ctx.diag),
  };
}
