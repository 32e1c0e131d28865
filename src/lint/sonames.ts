// Which dependency provides a soname, as far as a package's own metadata can tell (no package
// database is consulted): rpm declares sonames exactly (`libz.so.1()(64bit)`); on Debian the built-in
// shlibs table (formats/deb/shlibs-table.ts, which the dependency generator uses too) names the
// package, else Policy 8.1's naming rule does (libfoo.so.1 → libfoo1, libfoo2.so.1 → libfoo2-1).
import type { PackageModel, Relation } from '../core/model.js';
import { GLIBC_SONAMES, debPackageOfSoname } from '../formats/deb/shlibs-table.js';

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

/** Whether a dependency declares the soname: exactly for rpm, by package name for deb. */
export function declaresSoname(model: PackageModel, format: 'deb' | 'rpm', soname: string): boolean {
  const names = runtimeDependencies(model).map((r) => r.name);
  const glibc = GLIBC_SONAMES.includes(soname);
  if (format === 'rpm') return names.some((n) => n === soname || n.startsWith(`${soname}(`)) || (glibc && names.some((n) => /^glibc\b/.test(n)));
  // glibc's package is named per architecture: libc6, libc6.1 (alpha, ia64), libc0.1, libc0.3.
  if (glibc) return names.some((n) => /^libc\d/.test(n));
  const wanted = [debPackageOfSoname(soname), debNameForSoname(soname)].filter((w) => w !== undefined);
  // Suffixes Debian adds for ABI transitions keep the name recognisable: libssl3t64, libfoo1a, libfoo1v5.
  return names.some((n) => wanted.some((w) => n === w || (n.startsWith(w) && /^(?:t64|[a-z]|v\d+|c2a?|gf)$/.test(n.slice(w.length)))));
}
