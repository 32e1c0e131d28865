// Which dependency provides a soname, as far as a package's own metadata can tell (no package
// database is consulted): rpm declares sonames exactly (`libz.so.1()(64bit)`), Debian names library
// packages after their soname (Policy 8.1: libfoo.so.1 → libfoo1, libfoo2.so.1 → libfoo2-1).
import type { PackageModel, Relation } from '../core/model.js';

/** The glibc sonames: one package (libc6, libc6.1, libc0.1, libc0.3; glibc on rpm) provides them all. */
const GLIBC = /^(?:libc|libm|libdl|librt|libpthread|libresolv|libutil|libanl|libnsl|libBrokenLocale|libmvec|libthread_db|libcrypt|libc_malloc_debug)\.so\.\d+$|^ld(?:-linux[\w.-]*|64)?\.so\.\d+$/;

/** Debian's library packages whose names do not follow the soname (long-standing, listed in their shlibs). */
const DEB_NAMED: Record<string, RegExp> = {
  'libz.so.1': /^zlib1g$/,
  'libgcc_s.so.1': /^libgcc(?:-s)?1$/,
};

/** The Debian package name Policy 8.1 derives from a soname: libfoo.so.1 → libfoo1, libfoo2.so.1 → libfoo2-1, libfoo-1.2.so → libfoo-1.2. */
export function debNameForSoname(soname: string): string | undefined {
  const versioned = /^(.+)\.so\.(\d[\w.]*)$/.exec(soname);
  if (versioned) {
    const [, stem, version] = versioned as unknown as [string, string, string];
    return `${stem}${/\d$/.test(stem) ? '-' : ''}${version}`.toLowerCase().replace(/_/g, '-');
  }
  const unversioned = /^(.+-\d[\w.]*)\.so$/.exec(soname);
  return unversioned ? unversioned[1]!.toLowerCase().replace(/_/g, '-') : undefined;
}

function runtimeDependencies(model: PackageModel): Relation[] {
  const m = model.metadata.relations;
  return [...(m.depends ?? []), ...(m.preDepends ?? [])].flatMap((r) => [r, ...(r.alternatives ?? [])]);
}

export function hasRuntimeDependencies(model: PackageModel): boolean {
  return runtimeDependencies(model).length > 0;
}

/** Whether a dependency declares the soname: exactly for rpm, by Debian's naming rule for deb. */
export function declaresSoname(model: PackageModel, format: 'deb' | 'rpm', soname: string): boolean {
  const names = runtimeDependencies(model).map((r) => r.name);
  if (format === 'rpm') return names.some((n) => n === soname || n.startsWith(`${soname}(`)) || (GLIBC.test(soname) && names.some((n) => /^glibc\b/.test(n)));
  if (GLIBC.test(soname)) return names.some((n) => /^libc\d/.test(n));
  const special = DEB_NAMED[soname];
  if (special) return names.some((n) => special.test(n));
  const wanted = debNameForSoname(soname);
  // Suffixes Debian adds for ABI transitions keep the name recognisable: libssl3t64, libfoo1a, libfoo1v5.
  return wanted !== undefined && names.some((n) => n === wanted || (n.startsWith(wanted) && /^(?:t64|[a-z]|v\d+|c2a?|gf)$/.test(n.slice(wanted.length))));
}
