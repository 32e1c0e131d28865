// fpm's `--rpm-attr MODE,USER,GROUP:PATH` (a spec file's %attr): sets the mode, owner and group of
// one packaged path; `-` leaves a value as it is. A path not in the package is an error.
import { groupId, userId } from '../core/accounts.js';
import { PkgError } from '../core/errors.js';
import type { PackageModel } from '../core/model.js';
import { canonicalPath } from '../core/paths.js';

const SPEC = /^(-|[0-7]{3,4}),([^,:]+),([^,:]+):(.+)$/;

export function applyFileAttributes(model: PackageModel, specs: readonly string[]): void {
  for (const raw of specs) {
    const m = SPEC.exec(raw);
    if (!m) throw new PkgError('usage', `--rpm-attr '${raw}': expected MODE,USER,GROUP:PATH (e.g. 750,app,app:/opt/app/bin/run; '-' keeps a value)`);
    const [, mode, user, group, rawPath] = m as unknown as [string, string, string, string, string];
    const path = canonicalPath(rawPath, `--rpm-attr ${raw}`);
    const entry = model.files.find((f) => f.path === path);
    if (!entry) throw new PkgError('usage', `--rpm-attr ${raw}: ${path} is not in the package`);
    if (mode !== '-') entry.mode = parseInt(mode, 8);
    if (user !== '-') Object.assign(entry, { user, uid: userId(user) ?? 0 });
    if (group !== '-') Object.assign(entry, { group, gid: groupId(group) ?? 0 });
  }
}
