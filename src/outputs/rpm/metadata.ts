// The package-level strings rpm needs, with fallbacks for what the model lacks (and a warning when the
// fallback is a guess): Version/Release without '-', summary, description, license, group.
import { rpmArch } from '../../core/arch.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import type { ChangelogEntry, Metadata } from '../../core/model.js';
import { rpmEvrString } from '../../core/version.js';
import { groupForSection } from '../../core/section-group.js';

export interface RpmIdentity {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  /** `[E:]V-R`, as in the self-provide. */
  evr: string;
  arch: string;
}

export interface RpmDescriptive {
  summary: string;
  description: string;
  license: string;
  group: string;
  packager?: string;
  vendor?: string;
  url?: string;
  /** An rpm input's descriptive tags no other format has: Distribution, DistURL, BugURL, SourceRPM, Prefixes (one per line). */
  carried: Partial<Record<CarriedTag, string>>;
  /** An rpm input's changelog, as `rpm -q --changelog` prints it. */
  changelog?: string;
  /** A changelog given to pkgshift (--changelog), which wins over an input's. */
  changelogEntries?: ChangelogEntry[];
}

/** The tags of an rpm input (extras.rpm) written again as they were; BuildHost and BuildTime describe each build and are the writer's own. */
export const CARRIED_TAGS = ['Distribution', 'DistURL', 'BugURL', 'SourceRPM', 'Prefixes'] as const;
export type CarriedTag = (typeof CARRIED_TAGS)[number];

/** What rpm writes when it does not know the license: SPDX's "no assertion", not a guess. */
export const UNKNOWN_LICENSE = 'NOASSERTION';

/** Name, version and arch of planned metadata, whose version toRpmVersion already translated. */
export function rpmIdentity(metadata: Metadata): RpmIdentity {
  const { name, version: { epoch, upstream: version, release = '1' } } = metadata;
  if (!name || /[\s/]/.test(name)) {
    throw new PkgError('metadata-invalid', `rpm package name '${name}' must be non-empty, without spaces or '/'`);
  }
  const identity: RpmIdentity = { name, version, release, evr: rpmEvrString(metadata.version), arch: rpmArch(metadata.arch) };
  if (epoch !== undefined) identity.epoch = epoch;
  return identity;
}

export function rpmDescriptive(metadata: Metadata, diag: Diagnostics): RpmDescriptive {
  let summary = metadata.summary.trim();
  let description = metadata.description.trim();
  if (!summary) {
    summary = description.split('\n')[0]?.trim() || `${metadata.name} package`;
    diag.warn('rpm-summary-missing', `no summary given (--description): rpm Summary is '${summary}'`, { field: 'description' });
  }
  if (!description) description = summary;
  const license = metadata.license?.trim() || UNKNOWN_LICENSE;
  if (!metadata.license?.trim()) {
    diag.warn('rpm-license-missing', `no license given (--license): rpm License is '${UNKNOWN_LICENSE}'`, { field: 'license' });
  }
  const extras = metadata.extras.rpm ?? {};
  const result: RpmDescriptive = {
    summary, description, license,
    carried: Object.fromEntries(CARRIED_TAGS.filter((tag) => extras[tag]).map((tag) => [tag, extras[tag]!])),
    // An rpm input's own Group, else the section's (--category, a deb's Section); rpm's Group is free
    // text (deprecated by Fedora, required by rpmlint).
    group: metadata.extras.rpm?.Group || (metadata.section ? groupForSection(metadata.section) : 'Unspecified'),
  };
  if (metadata.maintainer) result.packager = metadata.maintainer;
  if (metadata.vendor) result.vendor = metadata.vendor;
  if (metadata.homepage) result.url = metadata.homepage;
  if (metadata.extras.rpm?.Changelog) result.changelog = metadata.extras.rpm.Changelog;
  if (metadata.changelog?.length) result.changelogEntries = metadata.changelog;
  return result;
}

/** `NAME-VERSION-RELEASE.ARCH.rpm`. */
export function rpmFileName(id: RpmIdentity): string {
  return `${id.name}-${id.version}-${id.release}.${id.arch}.rpm`;
}

/** rpm's %_isa suffix for the arch-qualified self-provide `name(x86-64)` rpmbuild adds. */
const ISA: Record<string, string> = {
  x86_64: 'x86-64', i686: 'x86-32', aarch64: 'aarch-64', ppc64le: 'ppc-64', s390x: 's390-64',
  riscv64: 'riscv-64', armv7hl: 'armv7hl-32',
};

export function isaSuffix(arch: string): string | undefined {
  return ISA[arch];
}

/** rpmrc archnum for the lead (historical: rpm only checks the lead's magic). */
const ARCHNUM: Record<string, number> = { aarch64: 19, ppc64le: 16, s390x: 15, armv7hl: 12 };

export function leadArchnum(arch: string): number {
  return ARCHNUM[arch] ?? 1;
}
