// tar output: a plain tarball of the package's files, GNU format, `./` names, parents first.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Diagnostics } from '../core/diagnostics.js';
import { RELATION_KINDS, type PackageModel } from '../core/model.js';
import { formatDebRelation } from '../core/relations.js';
import { EXTENSION, compressionFromName, compressor, parseCompression, type Compression } from '../formats/compress.js';
import type { Options, OutputPlugin } from '../plugin.js';
import { withoutGhosts } from './ghosts.js';
import { tarArchive } from './tar-archive.js';

function chosenCompression(options: Options): Compression {
  if (options.compression) return parseCompression(options.compression);
  const fromName = typeof options.package === 'string' ? compressionFromName(options.package) : undefined;
  return fromName ?? 'gzip';
}

/** A tarball carries files only: what a deb or rpm input had besides them is said once, by name. */
function warnDropped(pkg: PackageModel, diag: Diagnostics): void {
  const scripts = pkg.scripts.map((s) => s.phase);
  const relations = RELATION_KINDS.filter((k) => pkg.metadata.relations[k]?.length)
    .map((k) => `${k} ${pkg.metadata.relations[k]!.map(formatDebRelation).join(', ')}`);
  const dropped = [
    ...(scripts.length ? [`maintainer scripts (${scripts.join(', ')})`] : []),
    ...(relations.length ? [`relations (${relations.join('; ')})`] : []),
  ];
  if (dropped.length) diag.warn('tar-drops-metadata', `a tarball carries only files: left out ${dropped.join(' and ')}`);
}

export interface TarSettings {
  compression: Compression;
  level?: number;
}

export const tarOutput: OutputPlugin<TarSettings> = {
  name: 'tar',
  description: 'a tarball (.tar, .tar.gz, .tar.xz, .tar.zst) of the package files',
  extensions: ['.tar', '.tar.gz', '.tgz', '.tar.xz', '.txz', '.tar.zst', '.tzst'],
  lintFormat: 'tar',

  async plan(pkg, options, ctx) {
    const compression = chosenCompression(options);
    const { name, version } = pkg.metadata;
    const release = version.release ? `-${version.release}` : '';
    const level = options.compressionLevel === undefined ? undefined : Number(options.compressionLevel);
    warnDropped(pkg, ctx.diag);
    return {
      model: { ...pkg, scripts: [], metadata: { ...pkg.metadata, relations: {} }, files: withoutGhosts(pkg.files, 'tar', ctx) },
      fileName: `${name}-${version.upstream}${release}.tar${EXTENSION[compression]}`,
      settings: level === undefined ? { compression } : { compression, level },
    };
  },

  async write({ model, settings }, out) {
    await pipeline(Readable.from(tarArchive(model.files, { xattrs: true })), compressor(settings.compression, settings.level), out, { end: false });
  },
};
