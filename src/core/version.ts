// Versions as each format writes them (docs/FORMATS.md §B5). The neutral Version is {epoch, upstream,
// release}; each format forbids characters the other allows, so writing one translates it and
// warns when the translation is lossy or changes how the version sorts.
import type { Diagnostics } from './diagnostics.js';
import type { Version } from './model.js';
import { compareDeb, compareRpm } from './version-compare.js';

/** `1.2.3-rc.1` (semver pre-release) → `1.2.3~rc.1`, which sorts before 1.2.3 in dpkg and rpm alike. */
const SEMVER_PRERELEASE = /^(\d+\.\d+\.\d+)-([0-9A-Za-z][0-9A-Za-z.-]*)$/;

export interface RpmVersion {
  epoch?: number;
  version: string;
  release: string;
}

/** deb `[epoch:]upstream[-revision]`, as the model holds it (no translation). */
export function debVersionString(v: Version): string {
  return `${v.epoch ? `${v.epoch}:` : ''}${v.upstream}${v.release ? `-${v.release}` : ''}`;
}

/** rpm `[epoch:]version-release`, as the model holds it (release defaults to 1, as rpm needs one). */
export function rpmEvrString(v: Version): string {
  return `${v.epoch !== undefined ? `${v.epoch}:` : ''}${v.upstream}-${v.release || '1'}`;
}

/** Parses deb `[epoch:]upstream[-revision]`: the revision is split at the last `-`. */
export function parseDebVersion(text: string): Version {
  const colon = text.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(text.slice(0, colon)) ? Number(text.slice(0, colon)) : undefined;
  const rest = epoch === undefined ? text : text.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  const version: Version = dash > 0 ? { upstream: rest.slice(0, dash), release: rest.slice(dash + 1) } : { upstream: rest };
  if (epoch !== undefined) version.epoch = epoch;
  return version;
}

function semverToTilde(upstream: string): string {
  const m = SEMVER_PRERELEASE.exec(upstream.replace(/\+[0-9A-Za-z.-]*$/, ''));
  return m ? `${m[1]}~${m[2]!.replace(/-/g, '.')}` : upstream;
}

/** The version a deb can carry: `_`→`.`, `^`→`+`, a leading digit, valid characters only. */
export function toDebVersion(v: Version, diag?: Diagnostics): Version {
  let upstream = semverToTilde(v.upstream).replace(/_/g, '.').replace(/\^/g, '+');
  upstream = upstream.replace(/[^A-Za-z0-9.+~:-]/g, '.');
  if (!v.release) upstream = upstream.replace(/[-:]/g, '.'); // `-` needs a revision, `:` an epoch
  else if (v.epoch === undefined) upstream = upstream.replace(/:/g, '.');
  if (!/^[0-9]/.test(upstream)) upstream = `0${upstream}`;
  const release = v.release?.replace(/_/g, '.').replace(/\^/g, '+').replace(/[^A-Za-z0-9.+~]/g, '.');
  const out: Version = { ...v, upstream, ...(release ? { release } : {}) };
  warnIfChanged(v, out, DPKG, diag);
  return out;
}

/** The version an rpm can carry: no `-` or `:` in version or release; release defaults to 1. */
export function toRpmVersion(v: Version, diag?: Diagnostics): RpmVersion {
  const version = semverToTilde(v.upstream).replace(/[^A-Za-z0-9._+~^]/g, '_');
  const release = (v.release || '1').replace(/[^A-Za-z0-9._+~^]/g, '_');
  warnIfChanged(v, { ...v, upstream: version, release: v.release === undefined ? undefined : release }, RPM, diag);
  return { ...(v.epoch !== undefined ? { epoch: v.epoch } : {}), version, release };
}

/** A version scheme: how it writes a version, the tool whose ordering it follows, and the other scheme. */
interface VersionScheme {
  format: string;
  tool: string;
  write(v: Version): string;
  compare(a: string, b: string): number;
  other(): VersionScheme;
}

const DPKG: VersionScheme = { format: 'deb', tool: 'dpkg', write: debVersionString, compare: compareDeb, other: () => RPM };
const RPM: VersionScheme = { format: 'rpm', tool: 'rpm', write: rpmEvrString, compare: compareRpm, other: () => DPKG };

/** Warns when the version a format writes is not the one given, and says so louder when it sorts differently. */
function warnIfChanged(from: Version, to: Version, scheme: VersionScheme, diag?: Diagnostics): void {
  if (!diag || (from.upstream === to.upstream && from.release === to.release)) return;
  const { format, tool } = scheme;
  const before = debVersionString(from);
  const after = scheme.write(to);
  if (semverToTilde(from.upstream) !== from.upstream) {
    diag.info('version-prerelease', `pre-release version ${before} is written as ${after}, so that it sorts before the release`);
    return;
  }
  const base = /^\d+(?:\.\d+)*/.exec(from.upstream)?.[0];
  // The version given was sorted by the other tool (dpkg for a version going to rpm, and the reverse).
  const other = scheme.other();
  if (base && base !== from.upstream) {
    const was = Math.sign(other.compare(from.upstream, base));
    const now = Math.sign(scheme.compare(to.upstream, base));
    if (was !== now) {
      const word = (s: number) => (s < 0 ? 'before' : s > 0 ? 'after' : 'equal to');
      diag.warn('version-reordered', `version ${before} is written as ${after} for ${format}: ${other.tool} sorted it ${word(was)} ${base}, ${tool} sorts it ${word(now)} ${base}`);
      return;
    }
  }
  diag.warn('version-translated', `version ${before} is written as ${after}: ${format} does not allow it as it was`);
}
