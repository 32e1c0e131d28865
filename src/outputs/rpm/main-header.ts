// The main header's entries (docs/FORMATS.md §B1.4 "minimum", §B1.5 file arrays, §B1.6 payload tags).
import { rpmChangelog } from '../../changelog/render.js';
import { parseRpmChangelogText } from '../../changelog/rpm.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { HASHALGO, RpmType, Tag } from '../../formats/rpm/tags.js';
import type { Dependencies } from './dependencies.js';
import { installedSize, splitPaths, type RpmFile } from './file-list.js';
import type { RpmDescriptive, RpmIdentity } from './metadata.js';
import type { SpooledPayload } from './payload.js';

export interface MainHeaderInput {
  id: RpmIdentity;
  info: RpmDescriptive;
  buildTime: number;
  buildHost: string;
  /** OS tag (--rpm-os). */
  os: string;
  /** File digest algorithm (--rpm-digest): FILEDIGESTALGO is its `algo`. */
  digest: { algo: number };
  files: readonly RpmFile[];
  /** Uses LONGFILESIZES / LONGSIZE (a file of 4 GiB or more). */
  large: boolean;
  scripts: HeaderEntry[];
  deps: Dependencies;
  /** --keep-foreign-metadata: the deb's own fields (foreign.ts). */
  foreign: HeaderEntry[];
  payload: SpooledPayload;
  /** PAYLOADCOMPRESSOR value, and PAYLOADFLAGS (the level) unless undefined. */
  compressor: string;
  compressionLevel?: string;
}

const str = (tag: number, value: string): HeaderEntry => ({ tag, type: RpmType.STRING, value });
const i18n = (tag: number, value: string): HeaderEntry => ({ tag, type: RpmType.I18NSTRING, value: [value] });
const strings = (tag: number, value: string[]): HeaderEntry => ({ tag, type: RpmType.STRING_ARRAY, value });
const int32 = (tag: number, value: number[]): HeaderEntry => ({ tag, type: RpmType.INT32, value });
const int16 = (tag: number, value: number[]): HeaderEntry => ({ tag, type: RpmType.INT16, value });
const int64 = (tag: number, value: number[]): HeaderEntry => ({ tag, type: RpmType.INT64, value });

export function mainHeaderEntries(input: MainHeaderInput): HeaderEntry[] {
  const { id, info, files, large, payload } = input;
  const size = installedSize(files);
  const entries: HeaderEntry[] = [
    strings(Tag.HEADERI18NTABLE, ['C']),
    str(Tag.NAME, id.name),
    str(Tag.VERSION, id.version),
    str(Tag.RELEASE, id.release),
    i18n(Tag.SUMMARY, info.summary),
    i18n(Tag.DESCRIPTION, info.description),
    int32(Tag.BUILDTIME, [input.buildTime]),
    str(Tag.BUILDHOST, input.buildHost),
    str(Tag.LICENSE, info.license),
    i18n(Tag.GROUP, info.group),
    str(Tag.OS, input.os),
    str(Tag.ARCH, id.arch),
    // Its absence would make rpm take the package for a source rpm (headerIsSource, §0.4).
    str(Tag.SOURCERPM, info.carried.SourceRPM ?? `${id.name}-${id.version}-${id.release}.src.rpm`),
    str(Tag.PAYLOADFORMAT, 'cpio'),
    str(Tag.PAYLOADCOMPRESSOR, input.compressor),
    str(Tag.ENCODING, 'utf-8'),
    strings(Tag.PAYLOADDIGEST, [payload.compressedSha256]),
    int32(Tag.PAYLOADDIGESTALGO, [HASHALGO.SHA256]),
    strings(Tag.PAYLOADDIGESTALT, [payload.archiveSha256]),
    ...input.scripts,
    ...input.deps.headerEntries(),
  ];
  if (id.epoch !== undefined) entries.push(int32(Tag.EPOCH, [id.epoch]));
  if (input.compressionLevel !== undefined) entries.push(str(Tag.PAYLOADFLAGS, input.compressionLevel));
  if (info.vendor) entries.push(str(Tag.VENDOR, info.vendor));
  if (info.packager) entries.push(str(Tag.PACKAGER, info.packager));
  if (info.url) entries.push(str(Tag.URL, info.url));
  const { Distribution, DistURL, BugURL, Prefixes } = info.carried;
  if (Distribution) entries.push(str(Tag.DISTRIBUTION, Distribution));
  if (DistURL) entries.push(str(Tag.DISTURL, DistURL));
  if (BugURL) entries.push(str(Tag.BUGURL, BugURL));
  if (Prefixes) entries.push(strings(Tag.PREFIXES, Prefixes.split('\n')));
  // large_files.md: 32-bit tags whenever the values fit, for older readers.
  entries.push(size >= 0xffffffff ? int64(Tag.LONGSIZE, [size]) : int32(Tag.SIZE, [size]));
  if (files.length > 0) entries.push(...fileEntries(files, large, payload, input.digest.algo));
  entries.push(...changelogEntries(id, info, input.buildTime), ...input.foreign);
  return entries;
}

/**
 * The changelog given (--changelog), else the input's (an rpm's, kept in extras), else one generated entry, as fpm writes: rpm tools
 * (and rpmlint) expect a changelog whose name ends with the package's [E:]V-R. Times are days
 * (rpmbuild stores dates without a time of day).
 */
function changelogEntries(id: RpmIdentity, info: RpmDescriptive, buildTime: number): HeaderEntry[] {
  if (info.changelogEntries) {
    const { times, names, texts } = rpmChangelog(info.changelogEntries);
    return [int32(Tag.CHANGELOGTIME, times), strings(Tag.CHANGELOGNAME, names), strings(Tag.CHANGELOGTEXT, texts)];
  }
  const recorded = info.changelog ? parseRpmChangelogText(info.changelog) : [];
  if (recorded.length) {
    return [
      int32(Tag.CHANGELOGTIME, recorded.map((e) => e.time)),
      strings(Tag.CHANGELOGNAME, recorded.map((e) => e.name)),
      strings(Tag.CHANGELOGTEXT, recorded.map((e) => e.text)),
    ];
  }
  const who = info.packager ?? 'pkgshift';
  return [
    int32(Tag.CHANGELOGTIME, [buildTime - (buildTime % 86400)]),
    strings(Tag.CHANGELOGNAME, [`${who} - ${id.evr}`]),
    strings(Tag.CHANGELOGTEXT, ['- Package converted by pkgshift']),
  ];
}

function fileEntries(files: readonly RpmFile[], large: boolean, payload: SpooledPayload, digestAlgo: number): HeaderEntry[] {
  const { dirNames, baseNames, dirIndexes } = splitPaths(files);
  const digestOf = (f: RpmFile): string => {
    if (!f.inPayload || (f.entry.type !== 'file' && f.entry.type !== 'hardlink')) return '';
    return payload.fileDigests.get((f.content ?? f.entry).path) ?? '';
  };
  const sizes = files.map((f) => f.size);
  return [
    large ? int64(Tag.LONGFILESIZES, sizes) : int32(Tag.FILESIZES, sizes),
    int16(Tag.FILEMODES, files.map((f) => f.mode)),
    int16(Tag.FILERDEVS, files.map((f) => f.rdev)),
    int32(Tag.FILEMTIMES, files.map((f) => f.entry.mtime)),
    strings(Tag.FILEDIGESTS, files.map(digestOf)),
    strings(Tag.FILELINKTOS, files.map((f) => f.linkTo)),
    int32(Tag.FILEFLAGS, files.map((f) => f.flags)),
    strings(Tag.FILEUSERNAME, files.map((f) => f.entry.user)),
    strings(Tag.FILEGROUPNAME, files.map((f) => f.entry.group)),
    int32(Tag.FILEVERIFYFLAGS, files.map((f) => f.verifyFlags)),
    int32(Tag.FILEDEVICES, files.map(() => 1)),
    int32(Tag.FILEINODES, files.map((f) => f.inode)),
    strings(Tag.FILELANGS, files.map(() => '')),
    int32(Tag.DIRINDEXES, dirIndexes),
    strings(Tag.BASENAMES, baseNames),
    strings(Tag.DIRNAMES, dirNames),
    int32(Tag.FILEDIGESTALGO, [digestAlgo]),
    // FILECAPS only when a file has capabilities (rpmbuild's %caps), with rpmlib(FileCaps).
    ...(files.some((f) => f.entry.capabilities) ? [strings(Tag.FILECAPS, files.map((f) => f.entry.capabilities ?? ''))] : []),
  ];
}
