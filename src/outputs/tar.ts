// tar output: a plain tarball of the package's files, GNU format, `./` names, parents first.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RELATION_KINDS, type PackageModel } from '../core/model.js';
import { formatDebRelation } from '../core/relations.js';
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
  extensions: ['.tar', '.tar.gz', '.tgz', '.tar.xz', '.txz', '.tar.zst', '.tzst'],

  fileName(pkg: PackageModel, options: Options): string {
    const { name, version } = pkg.metadata;
    const release = version.release ? `-${version.release}` : '';
    return `${name}-${version.upstream}${release}.tar${EXTENSION[chosenCompression(options)]}`;
  },

  /** A tarball carries files only: what a deb or rpm input had besides them is said once, by name. */
  prepare(pkg, _options, ctx) {
    const scripts = pkg.scripts.map((s) => s.phase);
    const relations = RELATION_KINDS.filter((k) => pkg.metadata.relations[k]?.length)
      .map((k) => `${k} ${pkg.metadata.relations[k]!.map(formatDebRelation).join(', ')}`);
    const dropped = [
      ...(scripts.length ? [`maintainer scripts (${scripts.join(', ')})`] : []),
      ...(relations.length ? [`relations (${relations.join('; ')})`] : []),
    ];
    if (dropped.length) ctx.diag.warn('tar-drops-metadata', `a tarball carries only files: left out ${dropped.join(' and ')}`);
    return { ...pkg, scripts: [], metadata: { ...pkg.metadata, relations: {} } };
  },

  async write(pkg, out, options) {
    const kind = chosenCompression(options);
    const level = options.compressionLevel === undefined ? undefined : Number(options.compressionLevel);
    await pipeline(Readable.from(tarArchive(pkg.files)), compressor(kind, level), out, { end: false });
  },
};
