// rpm output options (--rpm-compression, --rpm-compression-level, --rpm-buildhost).
import { PkgError } from '../../core/errors.js';
import { DEFAULT_LEVEL, checkLevel, parseCompression, type Compression } from '../../formats/compress.js';
import { FPM_RPM_OPTIONS } from '../../fpm/options.js';
import { HASHALGO } from '../../formats/rpm/tags.js';
import type { OptionSpec, Options } from '../../plugin.js';

export const RPM_OPTIONS: OptionSpec[] = [
  { flags: '--rpm-compression <kind>', description: 'rpm payload compression: xz (default, rpm >= 4.7 / RHEL 6+), zstd (rpm >= 4.14 / RHEL 8+), gzip, none', choices: ['xz', 'zstd', 'gzip', 'none'] },
  { flags: '--rpm-compression-level <n>', description: 'rpm payload compression level (default: xz 6, zstd 19, gzip 9)' },
  { flags: '--rpm-buildhost <name>', description: "BUILDHOST written in the rpm header (default 'localhost': the machine's name is not leaked)" },
  { flags: '--rpm-os <os>', description: "OS tag (default 'linux'); rpm installs only packages for its own OS" },
  { flags: '--rpm-digest <algorithm>', description: 'file digest algorithm: sha256 (default), sha512, sha384, sha1, md5' },
  ...FPM_RPM_OPTIONS,
];

export interface RpmSettings {
  compression: Compression;
  level: number;
  buildHost: string;
  os: string;
  /** File digests: node:crypto's name and rpm's FILEDIGESTALGO number. */
  digest: { name: string; algo: number };
}

const DIGESTS: Record<string, number> = { md5: HASHALGO.MD5, sha1: HASHALGO.SHA1, sha256: HASHALGO.SHA256, sha384: HASHALGO.SHA384, sha512: HASHALGO.SHA512 };

/** PAYLOADCOMPRESSOR values (rpm lib/rpmio names); `none` is written as rpm's `identity`. */
export const PAYLOAD_COMPRESSOR: Partial<Record<Compression, string>> = {
  gzip: 'gzip', xz: 'xz', zstd: 'zstd', none: 'identity',
};

/** zstd's rpmbuild default (w19.zstdio) is 19; the others are their usual defaults. */
const RPM_DEFAULT_LEVEL: Partial<Record<Compression, number>> = { zstd: 19 };

export function rpmSettings(options: Options): RpmSettings {
  const raw = options.rpmCompression;
  const compression = typeof raw === 'string' ? parseCompression(raw) : 'xz';
  if (PAYLOAD_COMPRESSOR[compression] === undefined) {
    throw new PkgError('usage', `--rpm-compression ${compression}: rpm output writes xz, zstd, gzip or none`);
  }
  const rawLevel = options.rpmCompressionLevel;
  const level = rawLevel === undefined ? (RPM_DEFAULT_LEVEL[compression] ?? DEFAULT_LEVEL[compression]) : Number(rawLevel);
  checkLevel(compression, level);
  const buildHost = typeof options.rpmBuildhost === 'string' && options.rpmBuildhost ? options.rpmBuildhost : 'localhost';
  const os = typeof options.rpmOs === 'string' ? options.rpmOs : 'linux';
  if (!/^[A-Za-z0-9_]+$/.test(os)) throw new PkgError('usage', `--rpm-os ${os}: expected an OS name such as linux`);
  const digestName = typeof options.rpmDigest === 'string' ? options.rpmDigest.toLowerCase() : 'sha256';
  const algo = DIGESTS[digestName];
  if (algo === undefined) throw new PkgError('usage', `--rpm-digest ${digestName}: expected one of ${Object.keys(DIGESTS).join(', ')}`);
  return { compression, level, buildHost, os, digest: { name: digestName, algo } };
}
