// The two distribution families whose package names differ, as the --deps policy and the dependency
// generators see them. The deb and rpm plugins name theirs (`dependencyFamily`); nothing else
// decides by a format's name which family a package belongs to.
import type { Metadata, PackageModel, Relation } from '../core/model.js';
import { isEssential } from '../core/script-tools.js';
import type { Context } from '../plugin.js';
import { debDerived, rpmDerived } from './index.js';
import type { NameMap } from './name-map.js';
import { withRpmRevisionForms, type Family } from './policy.js';

export interface DependencyFamily extends Family {
  /** The dependencies this family's build tools compute from the files (rpmbuild's AutoReqProv, dpkg-shlibdeps). */
  derive(pkg: PackageModel, names: NameMap, ctx: Context): Promise<Metadata['relations']>;
}

export const DEBIAN: DependencyFamily = {
  title: 'Debian',
  noun: 'deb',
  nameFor: (names, rpmName) => names.toDeb(rpmName),
  // Library packages carry the soname version (`libssl3`, `libglib2.0-0`); -dev and -dbg packages.
  ownsName: (name) => /^lib.*\d/.test(name) || /-(dev|dbg)$/.test(name),
  isSonameCapability: () => false,
  versionForms: (relation: Relation) => relation,
  // Debian Policy §3.8: Essential packages are always there; an unversioned dependency on one says nothing.
  meetsItself: (relation) => !relation.version && !relation.alternatives?.length && isEssential(relation.name),
  // rpm release 0 is what a native deb version became: no revision again.
  adoptVersion: ({ release, ...version }) => (release === '0' ? version : { ...version, release }),
  derive: (pkg, names, ctx) => debDerived(pkg, names, ctx),
};

export const RPM: DependencyFamily = {
  title: 'rpm distributions',
  noun: 'rpm',
  nameFor: (names, debName) => names.toRpm(debName),
  // Capabilities (`perl(Foo)`), file paths, -devel/-libs packages, soname-versioned library packages.
  ownsName: (name) => name.includes('(') || name.startsWith('/') || /-(devel|libs)$/.test(name) || /^lib.*\d/.test(name),
  isSonameCapability: (name) => /\.so[.(]|^rtld\(/.test(name),
  versionForms: withRpmRevisionForms,
  meetsItself: () => false,
  // A native deb version (no revision) is revision 0 to dpkg: release 0, not rpm's usual 1.
  adoptVersion: (version) => (version.release ? version : { ...version, release: '0' }),
  derive: (pkg) => rpmDerived(pkg),
};
