// tar input: a tarball (.tar, .tar.gz/.tgz, .tar.xz, .tar.zst, .tar.bz2; the compression is
// sniffed from the magic bytes, not the name) read once as a stream. Members are placed under
// --prefix after --strip-components; hostile members are refused (archive-safety.ts).
import { basename } from 'node:path';
import { InputFile } from '../core/source.js';
import { ownerFor } from '../core/accounts.js';
import { PkgError } from '../core/errors.js';
import { excludeMatcher } from '../core/glob.js';
import { emptyMetadata, type PackageModel } from '../core/model.js';
import { sniffCompression } from '../formats/compress.js';
import { decoding } from '../formats/decode.js';
import type { Context, InputPlugin, Options } from '../plugin.js';
import { readTarEntries } from './tar-entries.js';

export const tarInput: InputPlugin = {
  name: 'tar',
  lintFormat: 'tar',
  description: 'a tarball: .tar, .tar.gz/.tgz, .tar.xz, .tar.zst, .tar.bz2',
  options: [
    { flags: '--strip-components <n>', description: 'tar input: drop N leading components of every member name' },
    { flags: '--keep-owners', description: "tar input: keep the archive's owners instead of root:root" },
    { flags: '--allow-special', description: 'tar input: leave device and FIFO members out with a warning instead of refusing the tarball' },
  ],

  /** gzip, xz, zstd or bzip2 magic, or a ustar magic at offset 257. Deb (`!<arch>`) and rpm (`ed ab ee db`) never match. */
  sniff(head: Uint8Array): boolean {
    const kind = sniffCompression(head);
    if (kind !== 'none' && kind !== 'lzma') return true; // lzma has no real magic: only with -s tar
    return Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar';
  },

  async read(inputs: string[], options: Options, ctx: Context): Promise<PackageModel> {
    if (inputs.length !== 1) throw new PkgError('usage', `the tar input reads one tarball, not ${inputs.length} inputs`);
    const file = inputs[0]!;
    const archive = basename(file);
    const tarball = await InputFile.open(file);
    const size = tarball.size;
    const kind = sniffCompression(await tarball.head(0, 6));
    const contents = await readTarEntries([tarball.range(0), decoding(kind, { compressedSize: size, maxExpansion: ctx.maxExpansion })], {
      archive,
      spoolPath: ctx.tempPath('tar-content'),
      prefix: options.prefix ?? '/',
      stripComponents: stripComponents(options.stripComponents),
      owner: options.keepOwners ? undefined : ownerFor(options.owner, options.group, ctx.diag),
      exclude: options.exclude?.length ? excludeMatcher(options.exclude) : undefined,
      skipSpecial: options.allowSpecial === true,
      sizeLimit: kind === 'none' ? size : undefined,
      diag: ctx.diag,
    }).finally(() => tarball.close());
    if (contents.files.length === 0) ctx.diag.warn('tar-empty', `${archive} has no members (after --strip-components and --exclude)`);

    const metadata = emptyMetadata();
    const guess = guessNameVersion(archive);
    metadata.name = guess.name.toLowerCase();
    metadata.version.upstream = guess.version ?? '';
    const guessed = [
      options.name === undefined ? `name '${metadata.name}'` : '',
      options.version === undefined && guess.version ? `version '${guess.version}'` : '',
    ].filter(Boolean);
    if (guessed.length) ctx.diag.warn('name-guessed', `${guessed.join(' and ')} guessed from the file name ${archive} (give -n/-v to set them)`);

    const { arch, conflicting } = contents.arches.result();
    metadata.arch = arch ?? 'all';
    if (conflicting.length) ctx.diag.warn('arch-mixed', `${archive} holds ELF files for several architectures: ${conflicting.join(', ')}; using ${arch} (give -a to choose)`);
    else ctx.diag.info('arch-guessed', arch ? `architecture ${arch}, from the ELF files in ${archive}` : `architecture all: ${archive} holds no ELF files`);
    return { metadata, files: contents.files, scripts: [] };
  },
};

/** `myapp-1.2.0-linux-x64.tar.gz` → myapp, 1.2.0; `node-v20.1.0.tar.xz` → node, 20.1.0; no version part → the whole stem. */
export function guessNameVersion(fileName: string): { name: string; version?: string } {
  const stem = fileName.replace(/(\.tar)?\.(gz|tgz|xz|txz|zst|tzst|bz2|tbz2?|lzma|tar)$/i, '').replace(/\.(tgz|txz|tbz2?|tzst)$/i, '');
  const m = /^(.+?)[-_]v?(\d+(?:\.\d+)*(?:[.~+][0-9A-Za-z]+)*)(?:[-_].*)?$/.exec(stem);
  if (m) return { name: m[1]!, version: m[2]! };
  return { name: stem };
}

function stripComponents(raw: unknown): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new PkgError('usage', `--strip-components must be a whole number, not '${String(raw)}'`);
  return n;
}
