// Decompression bombs: a tarball holding one file of zeros, compressed with each codec pkgshift
// reads, and a deb and an rpm (every digest right) built by pkgshift's own writers from a sparse file.
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import lzma from 'lzma-native';
import { compressor, type Compression } from '../../src/formats/compress.js';
import { encodeTarHeader, tarPadding, tarTrailer } from '../../src/formats/tar.js';

export const BOMB_CODECS: Exclude<Compression, 'none'>[] = ['gzip', 'xz', 'zstd', 'lzma', 'bzip2'];
export const BOMB_EXT: Record<Exclude<Compression, 'none'>, string> = { gzip: 'gz', xz: 'xz', zstd: 'zst', lzma: 'lzma', bzip2: 'bz2' };

/** The bytes of a tar holding `/zero` of `size` zero bytes, generated as it is read. */
function* zeroTar(size: number): Generator<Buffer> {
  yield encodeTarHeader({ name: 'zero', type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size, mtime: 0 });
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  yield tarPadding(size);
  yield tarTrailer(512 + size + tarPadding(size).length);
}

/** Writes `dir/zero.tar.EXT` of `size` zeros; bzip2 needs the bzip2 tool (pkgshift cannot write it). Returns the path. */
export async function tarBomb(dir: string, codec: Exclude<Compression, 'none'>, size: number): Promise<string> {
  const path = join(dir, `zero.tar.${BOMB_EXT[codec]}`);
  if (codec === 'bzip2') {
    const plain = join(dir, 'zero.tar');
    await pipeline(Readable.from(zeroTar(size)), createWriteStream(plain));
    const r = spawnSync('bzip2', ['-f', plain]);
    if (r.status !== 0) throw new Error(`bzip2 failed: ${r.stderr}`);
    return path;
  }
  const encoder = codec === 'lzma' ? lzma.createStream('aloneEncoder', { preset: 1 }) : compressor(codec, codec === 'xz' ? 1 : codec === 'zstd' ? 3 : 9);
  await pipeline(Readable.from(zeroTar(size)), encoder, createWriteStream(path));
  return path;
}

/** A deb (data.tar.xz) or rpm (zstd payload) of one sparse file of `size` zeros, built with the CLI at `cli`. */
export function packageBomb(dir: string, cli: string, type: 'deb' | 'rpm', size: number): string {
  const root = join(dir, `${type}-root`);
  mkdirSync(join(root, 'opt'), { recursive: true });
  const fd = openSync(join(root, 'opt/zero'), 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  const out = join(dir, `bomb.${type}`);
  const compression = type === 'deb' ? ['--deb-compression', 'xz', '--deb-compression-level', '1'] : ['--rpm-compression', 'zstd', '--rpm-compression-level', '3'];
  const r = spawnSync(process.execPath, [cli, '-s', 'dir', '-t', type, '-n', 'bomb', '-v', '1', '-a', 'all', '-m', 'B <b@example.org>',
    '--description', 'bomb', '--license', 'MIT', '--no-lint', ...compression, '-C', root, '-f', '-p', out, '.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the ${type} bomb failed: ${r.stderr}`);
  return out;
}
