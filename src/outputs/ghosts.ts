// rpm %ghost files are owned by a package but not shipped in it (a log, a generated config): a deb
// or a tarball can only ship files, and shipping an empty one would overwrite the user's file when
// the package is installed or the tarball extracted, so they are left out, named in a warning.
import type { FileEntry } from '../core/model.js';
import type { Context } from '../plugin.js';

export function withoutGhosts(files: readonly FileEntry[], format: 'deb' | 'tar', ctx: Context): FileEntry[] {
  const ghosts = files.filter((f) => f.flags?.has('ghost'));
  if (ghosts.length) ctx.diag.warn(`${format}-ghost-dropped`, `${format} cannot own files it does not ship: %ghost ${ghosts.map((f) => f.path).join(', ')} left out`);
  return files.filter((f) => !f.flags?.has('ghost'));
}
