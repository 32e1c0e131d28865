// The three ar members of a .deb (docs/FORMATS.md §B2.1), spooled compressed to temporary files:
// data.tar first (hashing each file's content on the way, for md5sums), then control.tar (which
// needs those hashes and Installed-Size), then the ar container streams both into the output.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PkgError, describeError } from '../../core/errors.js';
import type { ContentSource, FileEntry } from '../../core/model.js';
import { bufferSource, fileSource } from '../../core/source.js';
import { AR_MAGIC, arMember, arPadding, encodeArHeader } from '../../formats/ar.js';
import { EXTENSION, compressor, type Compression } from '../../formats/compress.js';
import type { Context } from '../../plugin.js';
import { tarArchive } from '../tar-archive.js';
import type { ControlFile } from './scripts.js';

export interface Member {
  name: string;
  content: ContentSource;
}

export interface MemberCompression {
  kind: Compression;
  level?: number;
}

/** md5 of the empty string: the digest of every empty file, which never reaches onData. */
const EMPTY_MD5 = createHash('md5').digest('hex');

/**
 * Spools data.tar (GNU format, `./` root first, parents before children as normalize sorted
 * them) and returns it with the md5 of every regular file's content, by path.
 */
export async function spoolDataTar(files: readonly FileEntry[], compression: MemberCompression, mtime: number, ctx: Context): Promise<{ member: Member; md5: Map<string, string> }> {
  const md5 = new Map<string, string>();
  let current: FileEntry | undefined;
  let hash: Hash | undefined;
  const finish = () => {
    if (current && hash) md5.set(current.path, hash.digest('hex'));
  };
  const archive = tarArchive(files, {
    rootEntry: { mtime },
    onData(entry, chunk) {
      if (entry !== current) {
        finish();
        current = entry;
        hash = createHash('md5');
      }
      hash!.update(chunk);
    },
  });
  const member = await spool(`data.tar${EXTENSION[compression.kind]}`, archive, compression, ctx);
  finish();
  for (const entry of files) if (entry.type === 'file' && !md5.has(entry.path)) md5.set(entry.path, EMPTY_MD5);
  return { member, md5 };
}

/** Spools control.tar: a `./` entry, then the control files by name, owned by root. */
export async function spoolControlTar(controlFiles: readonly ControlFile[], compression: MemberCompression, mtime: number, ctx: Context): Promise<Member> {
  const entries: FileEntry[] = [...controlFiles]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => {
      const source = bufferSource(file.content, `control file ${file.name}`);
      return {
        path: `/${file.name}`, type: 'file', mode: file.mode, uid: 0, gid: 0, user: 'root', group: 'root',
        mtime, size: source.size, source,
      };
    });
  return spool(`control.tar${EXTENSION[compression.kind]}`, tarArchive(entries, { rootEntry: { mtime } }), compression, ctx);
}

async function spool(name: string, chunks: AsyncIterable<Buffer>, compression: MemberCompression, ctx: Context): Promise<Member> {
  const path = ctx.tempPath(name);
  try {
    await pipeline(Readable.from(chunks), compressor(compression.kind, compression.level), createWriteStream(path));
  } catch (err) {
    if (err instanceof PkgError) throw new PkgError(err.code, `building ${name}: ${err.message}`, { cause: err });
    throw new PkgError('output-failed', `building ${name}: ${describeError(err)}`, { cause: err });
  }
  const { size } = await stat(path);
  return { name, content: fileSource(path, size, `${name} (spooled)`) };
}

export function debianBinary(): Member {
  return { name: 'debian-binary', content: bufferSource('2.0\n', 'debian-binary') };
}

/** The ar container: `debian-binary`, `control.tar.*`, `data.tar.*` in that order (dpkg insists). */
export async function* debContainer(members: readonly Member[], mtime: number): AsyncGenerator<Uint8Array> {
  yield AR_MAGIC;
  for (const { name, content } of members) {
    try {
      yield encodeArHeader(arMember(name, content.size, mtime));
    } catch (err) {
      throw new PkgError('output-failed', `writing ${name}: ${describeError(err)}`, { cause: err });
    }
    yield* content.open();
    yield arPadding(content.size);
  }
}
