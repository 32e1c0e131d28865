// fpm's `-p` templates: the words NAME, VERSION, FULLVERSION, ITERATION, EPOCH, ARCH, TYPE and
// EXTENSION in the output path are replaced by the package's values as the output format writes
// them (`-p 'NAME-VERSION-ITERATION.ARCH.rpm'` → `app-1.2-1.x86_64.rpm`).

import { debArch, rpmArch } from '../core/arch.js';
import type { PackageModel } from '../core/model.js';

export interface PathValues {
  name: string;
  version: string;
  iteration: string;
  epoch: string;
  arch: string;
  type: string;
  extension: string;
}

/** One pass, so a value that contains one of the words (a name like `ARCHIVE`) is not replaced again. */
export function expandPackagePath(template: string, v: PathValues): string {
  const values: Record<string, string> = {
    FULLVERSION: v.iteration ? `${v.version}-${v.iteration}` : v.version,
    VERSION: v.version, ITERATION: v.iteration, EPOCH: v.epoch, ARCH: v.arch, NAME: v.name, TYPE: v.type, EXTENSION: v.extension,
  };
  return template.replace(/FULLVERSION|VERSION|ITERATION|EPOCH|ARCH|NAME|TYPE|EXTENSION/g, (word) => values[word]!);
}

/** The values for `output` (`deb`, `rpm`, `tar`) from the model it prepared and its conventional file name. */
export function pathValues(output: string, pkg: PackageModel, conventionalName: string): PathValues {
  const { name, version, arch } = pkg.metadata;
  return {
    name, version: version.upstream, iteration: version.release ?? '', epoch: version.epoch === undefined ? '' : String(version.epoch),
    arch: output === 'rpm' ? rpmArch(arch) : debArch(arch), type: output,
    extension: /\.(tar(?:\.\w+)?|deb|rpm)$/.exec(conventionalName)?.[1] ?? output,
  };
}
