// rpm output options (--rpm-compression, --rpm-compression-level, --rpm-buildhost).
import { PkgError } from '../../core/errors.js';
import { DEFAULT_LEVEL, checkLevel, parseCompression, type Compression } from '../../formats/compress.js';
import type { OptionSpec, Options } from '../../plugin.js';

export const RPM_OPTIONS: OptionSpec[] = [
  { flags: '--rpm-compression <kind>', description: 'rpm payload compression: xz (default, rpm >= 4.7 / RHEL 6+), zstd (rpm >= 4.14 / RHEL 8+), gzip, none', choices: ['xz', 'zstd', 'gzip', 'none'] },
  { flags: '--rpm-compression-level <n>', description: 'rpm payload compression level (default: xz 6, zstd 19, gzip 9)' },
  { flags: '--rpm-buildhost <name>', description: "BUILDHOST written in the rpm header (default 'localhost': the machine's name is not leaked)" },
];

export interface RpmSettings {
  compression: Compression;
  level: number;
  buildHost: string;
}

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
  return { compression, level, buildHost };
}
