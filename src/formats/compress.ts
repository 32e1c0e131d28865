// Compression codecs as streams. Every encoder here writes the same bytes on every machine for the
// same input and level (reproducible builds): gzip headers carry no time or name, xz always uses the
// two-thread encoder (its output depends on the block size, not the thread count), zstd workers
// do not change its output. zlib works in 256 KiB chunks: at its default 16 KiB, handing every
// chunk to the thread pool costs more than deflating it (a 2 GiB deb took 8 s instead of 3.4 s).
import { createRequire } from 'node:module';
import { PassThrough, type Duplex, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import lzma from 'lzma-native';
import { CompressStream, DecompressStream } from 'zstd-napi';
import { PkgError } from '../core/errors.js';
import { withBackpressure } from './bounded-stream.js';

export type Compression = 'none' | 'gzip' | 'xz' | 'zstd' | 'bzip2' | 'lzma';

/** What pkgshift can write; bzip2 and lzma are read-only legacy formats. */
export const WRITABLE: readonly Compression[] = ['none', 'gzip', 'xz', 'zstd'];

export const EXTENSION: Record<Compression, string> = {
  none: '', gzip: '.gz', xz: '.xz', zstd: '.zst', bzip2: '.bz2', lzma: '.lzma',
};

export const DEFAULT_LEVEL: Record<Compression, number> = {
  none: 0, gzip: 9, xz: 6, zstd: 3, bzip2: 9, lzma: 6,
};

const LEVELS: Record<Compression, [number, number]> = {
  none: [0, 0], gzip: [1, 9], xz: [0, 9], zstd: [1, 22], bzip2: [1, 9], lzma: [0, 9],
};

/** Accepts the names users type: `gz`, `zst`, `xz`, `none` … */
export function parseCompression(name: string): Compression {
  const aliases: Record<string, Compression> = {
    none: 'none', identity: 'none', gz: 'gzip', gzip: 'gzip', xz: 'xz', zst: 'zstd', zstd: 'zstd',
    bz2: 'bzip2', bzip2: 'bzip2', lzma: 'lzma',
  };
  const kind = aliases[name.toLowerCase()];
  if (!kind) throw new PkgError('usage', `unknown compression '${name}' (use one of: ${WRITABLE.join(', ')})`);
  return kind;
}

export function checkLevel(kind: Compression, level: number): number {
  const [min, max] = LEVELS[kind];
  if (!Number.isInteger(level) || level < min || level > max) {
    throw new PkgError('usage', `${kind} compression level must be ${min}..${max}, not ${level}`);
  }
  return level;
}

export function compressor(kind: Compression, level = DEFAULT_LEVEL[kind]): Transform | Duplex {
  checkLevel(kind, level);
  switch (kind) {
    case 'none': return new PassThrough();
    case 'gzip': return zlib.createGzip({ level, chunkSize: 256 * 1024 });
    case 'xz': return lzma.createCompressor({ preset: level, threads: 2 });
    case 'zstd': return new CompressStream({ compressionLevel: level, nbWorkers: 2 });
    default: throw new PkgError('unsupported', `pkgshift reads ${kind} but does not write it`);
  }
}

export function decompressor(kind: Compression): Transform | Duplex {
  switch (kind) {
    case 'none': return new PassThrough();
    case 'gzip': return zlib.createGunzip({ chunkSize: 256 * 1024 });
    case 'xz': return withBackpressure(lzma.createStream('autoDecoder'));
    case 'lzma': return withBackpressure(lzma.createStream('aloneDecoder'));
    case 'zstd': return withBackpressure(new DecompressStream());
    case 'bzip2': return requireCjs('unbzip2-stream')();
  }
}

const requireCjs = createRequire(import.meta.url);

/** Recognises a compressed stream from its first bytes; `none` when no magic matches. */
export function sniffCompression(head: Uint8Array): Compression {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2';
  if (starts(0x5d, 0x00, 0x00)) return 'lzma';
  return 'none';
}

/** The compression a file name implies (`.tar.gz`, `.tgz`, `.txz`, …), or undefined. */
export function compressionFromName(name: string): Compression | undefined {
  const m = /\.(?:tar\.)?(gz|tgz|xz|txz|zst|tzst|bz2|tbz2?|lzma)$/.exec(name) ?? /\.(tar)$/.exec(name);
  const aliases: Record<string, Compression> = {
    gz: 'gzip', tgz: 'gzip', xz: 'xz', txz: 'xz', zst: 'zstd', tzst: 'zstd', bz2: 'bzip2', tbz: 'bzip2', tbz2: 'bzip2', lzma: 'lzma', tar: 'none',
  };
  return m ? aliases[m[1]!] : undefined;
}
