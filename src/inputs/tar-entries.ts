// Reads a tar stream once, end to end, into model entries: names checked for safety, placed under
// a prefix after stripping leading components, regular files spooled to one temporary file. The one
// path from a tar member to a file entry, for the tar input and a deb's data.tar alike.
import type { Duplex, Readable, Transform } from 'node:stream';
import type { Owner } from '../core/accounts.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { PkgError, describeError } from '../core/errors.js';
import type { FileEntry } from '../core/model.js';
import { canonicalPath } from '../core/paths.js';
import { PlacedPaths, checkMemberSize, checkSymlinkTarget, memberSegments, specialMemberError } from './archive-safety.js';
import { ArchVote, ELF_HEAD_BYTES } from './elf-arch.js';
import { Spool } from './spool.js';
import { DecodeError } from '../formats/decode.js';
import { forEachTarEntry, type TarEntryHeader } from './tar-read.js';

export interface TarReadOptions {
  /** How messages name the archive: "app-1.0.tar.gz", "data.tar.xz in foo.deb". */
  archive: string;
  /** Where regular files' content is spooled (a path from ctx.tempPath). */
  spoolPath: string;
  /** Canonical directory the members are placed under ("/" for none). */
  prefix?: string;
  /** Leading name components dropped, as GNU tar's --strip-components; shorter members are skipped. */
  stripComponents?: number;
  /** Every entry's owner; undefined keeps the owners the archive names. */
  owner?: Owner;
  /** True for a stripped relative name (or one of its parent directories) to leave out (--exclude). */
  exclude?: (relative: string) => boolean;
  /** Leave device/FIFO members out with a warning instead of refusing the archive. */
  skipSpecial?: boolean;
  /** Largest member size accepted (e.g. the size of an uncompressed archive file). */
  sizeLimit?: number;
  /** Digests of each regular file's content to compute on the way (`md5` for a deb's md5sums). */
  digests?: readonly string[];
  diag: Diagnostics;
}

export interface TarContents {
  files: FileEntry[];
  /** The ELF architectures found among the regular files. */
  arches: ArchVote;
  /** The requested digests of each regular file, by package path. */
  digests: Map<string, Record<string, string>>;
  /** How many entries the archive holds (0: an empty archive). */
  members: number;
}

const SPECIAL_KINDS: Record<string, string> = {
  'character-device': 'character device', 'block-device': 'block device', fifo: 'FIFO',
};

/** Reads the tar bytes coming out of `streams` (e.g. a file stream and a decompressor). */
export async function readTarEntries(streams: [Readable, ...(Transform | Duplex)[]], options: TarReadOptions): Promise<TarContents> {
  const reader = new TarReader(options);
  let members: number;
  try {
    members = await forEachTarEntry(streams, (header, body) => reader.add(header, body));
  } catch (err) {
    if (err instanceof PkgError && !(err instanceof DecodeError)) throw err;
    throw new PkgError(err instanceof PkgError ? err.code : 'input-invalid', `reading ${options.archive}: ${describeError(err)}`, { cause: err });
  } finally {
    await reader.spool.close();
  }
  return { files: [...reader.entries.values()], arches: reader.arches, digests: reader.digests, members };
}

class TarReader {
  readonly entries = new Map<string, FileEntry>();
  readonly arches = new ArchVote();
  readonly digests = new Map<string, Record<string, string>>();
  readonly spool: Spool;
  private readonly placed: PlacedPaths;
  private readonly prefix: string;

  constructor(private readonly options: TarReadOptions) {
    this.spool = new Spool(options.spoolPath);
    this.placed = new PlacedPaths(options.archive);
    this.prefix = canonicalPath(options.prefix ?? '/', 'prefix');
  }

  async add(header: TarEntryHeader, entry: AsyncIterable<Buffer>): Promise<void> {
    const { archive } = this.options;
    const path = this.place(header.name);
    // A regular member named `x/` is a directory, as GNU tar and dpkg extract it.
    const kind: string = header.type === 'file' && header.name.endsWith('/') ? 'directory' : header.type;
    if (kind === 'pax-global-header' || path === null || !['file', 'contiguous-file'].includes(kind)) await drain(entry);
    if (kind === 'pax-global-header') return;
    if (SPECIAL_KINDS[kind]) {
      if (!this.options.skipSpecial) throw specialMemberError(SPECIAL_KINDS[kind]!, archive, header.name);
      this.options.diag.warn('special-member-skipped', `${archive}: left out ${SPECIAL_KINDS[kind]} ${JSON.stringify(header.name)} (packages cannot hold one)`);
      return;
    }
    if (path === null) return; // stripped away entirely, as GNU tar does, or excluded
    const base = {
      path, mode: (header.mode ?? 0o644) & 0o7777, ...this.ownerOf(header),
      mtime: header.mtime ? Math.floor(header.mtime.getTime() / 1000) : 0, size: 0,
    };
    switch (kind) {
      case 'directory':
        this.record({ ...base, type: 'dir' }, header.name);
        return;
      case 'symlink': {
        const target = header.linkname ?? '';
        checkSymlinkTarget(path, target, archive, header.name);
        this.record({ ...base, type: 'symlink', target }, header.name);
        return;
      }
      case 'link': {
        const raw = header.linkname ?? '';
        let resolved: string | null;
        try {
          resolved = raw === '' ? null : this.place(raw);
        } catch {
          resolved = null; // absolute or `..`: it escapes the archive
        }
        const target = this.placed.checkHardlinkTarget(resolved, raw, header.name);
        this.record({ ...base, type: 'hardlink', target }, header.name);
        return;
      }
      case 'file':
      case 'contiguous-file': {
        const size = header.size ?? 0;
        checkMemberSize(size, archive, header.name, this.options.sizeLimit);
        this.placed.place(path, 'file', header.name); // before spooling: refuse early
        const describe = `${header.name} in ${archive}`;
        const { source, digests } = await this.spool.add(this.sniffing(entry, header.name), this.options.digests ?? [], describe, size);
        if (this.options.digests) this.digests.set(path, digests);
        this.record({ ...base, type: 'file', size, source }, header.name);
        return;
      }
      default:
        throw new PkgError('unsupported', `${archive}: member ${JSON.stringify(header.name)} has a tar entry type pkgshift cannot read (${kind === 'unknown' ? `typeflag ${JSON.stringify(header.typeflag)}` : kind})`);
    }
  }

  /** The package path of an archive name after --strip-components and --prefix; null when stripped away. */
  private place(name: string): string | null {
    const segments = memberSegments(name, this.options.archive).slice(this.options.stripComponents ?? 0);
    if (segments.length === 0) return null;
    if (this.options.exclude && segments.some((_, i) => this.options.exclude!(segments.slice(0, i + 1).join('/')))) return null;
    return this.prefix === '/' ? `/${segments.join('/')}` : `${this.prefix}/${segments.join('/')}`;
  }

  private ownerOf(header: TarEntryHeader): Owner {
    if (this.options.owner) return this.options.owner;
    return { uid: header.uid ?? 0, gid: header.gid ?? 0, user: header.uname ?? '', group: header.gname ?? '' };
  }

  private record(entry: FileEntry, member: string): void {
    this.placed.place(entry.path, entry.type, member);
    const previous = this.entries.get(entry.path);
    if (previous) {
      // tar appends: a later member replaces an earlier one on extraction
      if (!(previous.type === 'dir' && entry.type === 'dir')) {
        this.options.diag.warn('tar-member-replaced', `${this.options.archive}: ${JSON.stringify(member)} appears twice; the later one is kept`);
      }
      this.entries.delete(entry.path);
    }
    this.entries.set(entry.path, entry);
  }

  /** Passes the content through, noting the ELF architecture of its first bytes. */
  private async *sniffing(content: AsyncIterable<Uint8Array>, member: string): AsyncIterable<Uint8Array> {
    let head: Buffer | undefined = Buffer.alloc(0);
    for await (const chunk of content) {
      if (head) {
        head = Buffer.concat([head, chunk.subarray(0, ELF_HEAD_BYTES - head.length)]);
        if (head.length >= ELF_HEAD_BYTES) {
          this.arches.add(head, member);
          head = undefined;
        }
      }
      yield chunk;
    }
  }
}

async function drain(entry: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of entry) { /* skip the member's data */ }
}
