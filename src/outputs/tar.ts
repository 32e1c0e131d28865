// tar output: a plain tarball of the package's files, GNU format, `./` names, parents first.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXTENSION, compressionFromName, compressor, parseCompression, type Compression } from '../formats/compress.js';
import type { Options, OutputPlugin } from '../plugin.js';
import { withoutGhosts } from './ghosts.js';
import { tarArchive } from './tar-archive.js';

function chosenCompression(options: Options): Compression {
  if (options.compression) return parseCompression(options.compression);
  const fromName = typeof options.package === 'string' ? compressionFromName(options.package) : undefined;
  return fromName ?? 'gzip';
}

export interface TarSettings {
  compression: Compression;
  level?: number;
}

export const tarOutput: OutputPlugin<TarSettings> = {
  name: 'tar',
  description: 'a tarball (.tar, .tar.gz, .tar.xz, .tar.zst) of the package files',
  lintFormat: 'tar',

  async plan(pkg, options, ctx) {
    const compression = chosenCompression(options);
    const { name, version } = pkg.metadata;
    const release = version.release ? `-${version.release}` : '';
    const level = options.compressionLevel === undefined ? undefined : Number(options.compressionLevel);
    return {
      model: { ...pkg, files: withoutGhosts(pkg.files, 'tar', ctx) },
      fileName: `${name}-${version.upstream}${release}.tar${EXTENSION[compression]}`,
      settings: level === undefined ? { compression } : { compression, level },
    };
  },

  async write({ model, settings }, out) {
    await pipeline(Readable.from(tarArchive(model.files)), compressor(settings.compression, settings.level), out, { end: false });
  },
};
