// Versions as each format writes them. The neutral Version is {epoch, upstream, release}.
// (Translation of characters one format forbids, and ordering checks, build on these.)
import type { Version } from './model.js';

/** deb `[epoch:]upstream[-revision]`. */
export function debVersionString(v: Version): string {
  return `${v.epoch ? `${v.epoch}:` : ''}${v.upstream}${v.release ? `-${v.release}` : ''}`;
}

/** rpm `[epoch:]version-release` (release defaults to 1, as rpm needs one). */
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
