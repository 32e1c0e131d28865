// The model as an rpm will carry it, for lint to check before the write: the translated version,
// relations and scripts.
import type { Context, Options } from '../../plugin.js';
import { canonicalPath } from '../../core/paths.js';
import { ownsDirectory } from './file-list.js';
import type { PackageModel, RelationKind } from '../../core/model.js';
import { rpmRelations, type RpmKind } from '../../core/relations-translate.js';
import { scriptsFor, warnUntranslatable } from '../../core/script-translate.js';
import { toRpmVersion } from '../../core/version.js';
import { rpmDescriptive } from './metadata.js';

const KIND: Record<RpmKind, RelationKind> = {
  requires: 'depends', requiresPre: 'preDepends', provides: 'provides', conflicts: 'conflicts', obsoletes: 'obsoletes',
  recommends: 'recommends', suggests: 'suggests', supplements: 'supplements', enhances: 'enhances',
};

export function prepareRpm(pkg: PackageModel, options: Options, ctx: Context): PackageModel {
  const m = pkg.metadata;
  warnUntranslatable(m, pkg.scripts, 'rpm', ctx.diag);
  const directories = (options.directories ?? []).map((d) => canonicalPath(d, `--directories ${d}`));
  const { epoch, version, release } = toRpmVersion(m.version, ctx.diag);
  const relations: PackageModel['metadata']['relations'] = {};
  for (const [kind, list] of rpmRelations(m, ctx.diag)) relations[KIND[kind]] = [...(relations[KIND[kind]] ?? []), ...list];
  return {
    // Directories the rpm does not own (system and implied ones) are not in it.
    files: pkg.files.filter((f) => f.type !== 'dir' || ownsDirectory(f, directories)),
    metadata: { ...m, relations, license: rpmDescriptive(m, ctx.diag).license, version: { ...(epoch !== undefined ? { epoch } : {}), upstream: version, release } },
    scripts: scriptsFor('rpm', pkg.scripts, m, ctx.diag),
  };
}
