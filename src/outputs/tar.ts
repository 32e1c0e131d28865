// tar output: a plain tarball of the package's files, GNU format, `./` names, parents first.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PackageModel } from '../core/model.js';
import { EXTENSION, compressionFromName, compressor, parseCompression, type Compression } from '../formats/compress.js';
import type { Options, OutputPlugin } from '../plugin.js';
import { tarArchive } from './tar-archive.js';

function chosenCompression(options: Options): Compression {
  if (options.compression) return parseCompression(options.compression);
  const fromName = typeof options.package === 'string' ? compressionFromName(options.package) : undefined;
  return fromName ?? 'gzip';
}

export const tarOutput: OutputPlugin = {
  name: 'tar',
  description: 'a tarball (.tar, .tar.gz, .tar.xz, .tar.zst) of the package files',

  fileName(pkg: PackageModel, options: Options): string {
    const { name, version } = pkg.metadata;
    const release = version.release ? `-${version.release}` : '';
    return `${name}-${version.upstream}${release}.tar${EXTENSION[chosenCompression(options)]}`;
  },

  async write(pkg, out, options) {
    const kind = chosenCompression(options);
    const level = options.compressionLevel === undefined ? undefined : Number(options.compressionLevel);
    await pipeline(Readable.from(tarArchive(pkg.files)), compressor(kind, level), out, { end: false });
  },
};
