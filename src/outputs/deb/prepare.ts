// The model as a deb will carry it, for lint to check before the write: the translated version,
// relations and scripts, the default maintainer, no %ghost files.
import type { Context } from '../../plugin.js';
import type { FileEntry, PackageModel, RelationKind } from '../../core/model.js';
import { normalize } from '../../core/normalize.js';
import { generatedCopyright } from '../../core/placeholders.js';
import { bufferSource } from '../../core/source.js';
import { debRelations, type DebField } from '../../core/relations-translate.js';
import { scriptsFor, warnUntranslatable } from '../../core/script-translate.js';
import { toDebVersion } from '../../core/version.js';
import { debDescription } from './control.js';
import { defaultMaintainer } from './maintainer.js';
import { debPackageName } from './naming.js';

const KIND: Record<DebField, RelationKind> = {
  'Pre-Depends': 'preDepends', Depends: 'depends', Recommends: 'recommends', Suggests: 'suggests', Enhances: 'enhances',
  Breaks: 'breaks', Conflicts: 'conflicts', Replaces: 'replaces', Provides: 'provides',
};

export function prepareDeb(pkg: PackageModel, ctx: Context): PackageModel {
  const m = pkg.metadata;
  warnUntranslatable(m, pkg.scripts, 'deb', ctx.diag);
  const relations = Object.fromEntries([...debRelations(m, ctx.diag)].map(([field, list]) => [KIND[field], list]));
  const maintainer = m.maintainer?.trim() || defaultMaintainer(process.env, ctx.diag);
  const files = pkg.files.filter((f) => !f.flags?.has('ghost'));
  return normalize({
    metadata: { ...m, ...debDescription(m, ctx.diag), relations, version: toDebVersion(m.version, ctx.diag), maintainer },
    files: [...files, ...copyrightFile(pkg, m.vendor ?? maintainer, ctx)],
    scripts: scriptsFor('deb', pkg.scripts, m, ctx.diag),
  }, ctx.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: ctx.sourceDateEpoch });
}

/** Debian keeps a package's license in /usr/share/doc/NAME/copyright: written when the package names one but ships none. */
function copyrightFile(pkg: PackageModel, holder: string, ctx: Context): FileEntry[] {
  const { license } = pkg.metadata;
  const name = debPackageName(pkg.metadata.name);
  const path = `/usr/share/doc/${name}/copyright`;
  const docDir = pkg.files.find((f) => f.path === `/usr/share/doc/${name}`);
  if (!license || docDir?.type === 'symlink' || pkg.files.some((f) => f.path === path)) return [];
  ctx.diag.info('copyright-generated', `${path} is generated from the license '${license}'`);
  const source = bufferSource(generatedCopyright(name, license, holder), path);
  const mtime = ctx.sourceDateEpoch ?? Math.max(0, ...pkg.files.map((f) => f.mtime));
  return [{ path, type: 'file', mode: 0o644, uid: 0, gid: 0, user: 'root', group: 'root', mtime, size: source.size, source }];
}
