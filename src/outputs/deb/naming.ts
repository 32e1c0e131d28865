// Package name and version as deb allows them (deb-control(5), deb-version(7), FORMATS.md §B5).
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import type { Metadata, Version } from '../../core/model.js';
import { debArch } from '../../core/arch.js';
import { debVersionString } from '../../core/version.js';
import { PACKAGE_NAME, REVISION_CHARS, UPSTREAM_CHARS } from '../../formats/deb/vocabulary.js';


/**
 * deb names are lower case `[a-z0-9+.-]`, at least two characters. Like fpm, upper case is
 * lowered and `_` becomes `-` (npm and rpm names often have both), with a warning.
 */
export function debPackageName(name: string, diag?: Diagnostics): string {
  if (PACKAGE_NAME.test(name)) return name;
  const fixed = name.toLowerCase().replace(/_/g, '-');
  if (!PACKAGE_NAME.test(fixed)) {
    throw new PkgError('metadata-invalid', `'${name}' cannot be a deb package name: use 2 or more of a-z 0-9 + . -, starting with a letter or digit`);
  }
  diag?.warn('deb-name-changed', `deb package names are lower case without '_': '${name}' is written as '${fixed}'`);
  return fixed;
}

/** Checks what dpkg's parseversion refuses (an error) and warns about what it only warns about. */
export function checkDebVersion(version: Version, diag?: Diagnostics): string {
  const text = debVersionString(version);
  const fail = (why: string) => {
    throw new PkgError('metadata-invalid', `version '${text}' cannot be a deb version: ${why}`);
  };
  if (version.epoch !== undefined && (!Number.isInteger(version.epoch) || version.epoch < 0)) fail('the epoch must be a whole number');
  const upstream = version.upstream;
  if (!upstream) fail('the upstream version is empty');
  // `:` belongs to the upstream version only when an epoch precedes it.
  const upstreamChars = version.epoch !== undefined ? UPSTREAM_CHARS : new RegExp(UPSTREAM_CHARS.source.replace(':', ''));
  if (!upstreamChars.test(upstream)) {
    fail(`the upstream part may only hold A-Z a-z 0-9 . + ~ -${version.epoch !== undefined ? ' :' : ''} (found '${firstBad(upstream, upstreamChars)}')`);
  }
  if (version.release !== undefined && version.release !== '' && !REVISION_CHARS.test(version.release)) {
    fail(`the revision (--iteration) may only hold A-Z a-z 0-9 . + ~ (found '${firstBad(version.release, REVISION_CHARS)}')`);
  }
  if (!/^[0-9]/.test(upstream)) diag?.warn('deb-version-not-digit', `deb versions should start with a digit; dpkg warns about '${text}'`);
  return text;
}

function firstBad(text: string, allowed: RegExp): string {
  return [...text].find((c) => !allowed.test(c)) ?? '';
}

/** `NAME_VERSION_ARCH.deb` of planned metadata, the version without its epoch, as dpkg-name writes it. */
export function debFileName(metadata: Metadata): string {
  const { epoch: _epoch, ...withoutEpoch } = metadata.version;
  return `${metadata.name}_${debVersionString(withoutEpoch)}_${debArch(metadata.arch)}.deb`;
}
