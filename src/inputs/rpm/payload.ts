// The payload (docs/FORMATS.md §B1.6): compressed cpio, read once. The compressed bytes are hashed for
// PAYLOADDIGEST (tag 5092) and the signature MD5 (header + payload); each regular file is spooled
// and hashed against FILEDIGESTS. In a hardlink set only one member (the last) carries the data.
import { createHash, type Hash } from 'node:crypto';
import { PlacedPaths, checkSymlinkTarget } from '../archive-safety.js';
import { groupId, userId } from '../../core/accounts.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import type { InputFile } from '../../core/source.js';
import type { FileEntry } from '../../core/model.js';
import { UnexpectedEnd } from '../../formats/byte-reader.js';
import { sniffCompression, type Compression } from '../../formats/compress.js';
import { decode } from '../../formats/decode.js';
import { CpioReader } from '../../formats/cpio-read.js';
import { HASHALGO, RPMFILE, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, SigTag, Tag } from '../../formats/rpm/tags.js';
import { Spool, emptySource } from '../spool.js';
import { HASH_NAMES, fileDigestAlgorithm, fileFlags, headerFiles, rpmMemberPath, type HeaderFile } from './file-table.js';
import type { RpmFile } from './package-file.js';

export class PayloadError extends Error {}

/** Which compression the payload really uses: its magic decides (hlinktest has none and no tag). */
async function payloadCompression(file: InputFile, rpm: RpmFile): Promise<Compression> {
  const head = await file.head(rpm.payloadOffset, 16);
  const sniffed = sniffCompression(head);
  if (sniffed !== 'none') return sniffed;
  if (head.subarray(0, 5).toString('latin1') === '07070') return 'none';
  throw new PayloadError(`unknown compression (tag says '${rpm.header.string(Tag.PAYLOADCOMPRESSOR) ?? 'gzip'}', magic ${head.subarray(0, 4).toString('hex')})`);
}

export async function readPayload(file: InputFile, label: string, rpm: RpmFile, spool: Spool,
  ctx: { diag: Diagnostics; maxExpansion?: number }): Promise<FileEntry[]> {
  const table = headerFiles(rpm.header);
  const byPath = new Map(table.map((f) => [f.path, f]));
  const algorithm = fileDigestAlgorithm(rpm.header);
  const compression = await payloadCompression(file, rpm);
  const format = rpm.header.string(Tag.PAYLOADFORMAT) ?? 'cpio';
  if (format !== 'cpio') throw new PayloadError(`unsupported payload format '${format}'`);

  const compressed = hashers(rpm);
  const raw = file.range(rpm.payloadOffset);
  const hashed = (async function* () {
    for await (const chunk of raw) {
      for (const [, hash] of compressed.hashes) hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  })();
  const declared = rpm.signature.number(SigTag.LONGARCHIVESIZE) ?? rpm.signature.number(SigTag.PAYLOADSIZE);
  const decoded = decode(hashed, compression, {
    compressedSize: rpm.fileSize - rpm.payloadOffset, maxExpansion: ctx.maxExpansion,
    ...(declared !== undefined ? { declaredSize: declared } : {}),
  });
  const cpio = new CpioReader(decoded, (index) => {
    const file = table[index];
    if (!file) throw new PayloadError(`stripped cpio member refers to file index ${index}, beyond the header's ${table.length} files`);
    return file.size;
  });

  const seen = new Set<number>();
  const owners = new Map<number, [number, number]>();
  const contents = new Map<number, FileEntry['source']>();
  try {
    for (let member = await cpio.next(); member; member = await cpio.next()) {
      const file = member.kind === 'stripped' ? table[member.index]! : byPath.get(rpmMemberPath(member.header.name));
      const name = member.kind === 'stripped' ? `#${member.index}` : member.header.name;
      if (!file) throw new PayloadError(`payload member ${name} is not in the header`);
      if (seen.has(file.index)) throw new PayloadError(`payload member ${file.path} appears twice`);
      seen.add(file.index);
      if (member.kind === 'newc') owners.set(file.index, [member.header.uid, member.header.gid]);
      if ((file.mode & S_IFMT) !== S_IFREG || member.size === 0) continue;
      if (member.size !== file.size) throw new PayloadError(`${file.path} has ${member.size} bytes in the payload but ${file.size} in the header`);
      const { source, digests } = await spool.add((sink) => cpio.body(sink), [algorithm], `${file.path} in ${label}`);
      if (file.digest && digests[algorithm] !== file.digest) {
        throw new PayloadError(`${file.path} does not match its ${algorithm.toUpperCase()} file digest (content is corrupt)`);
      }
      contents.set(file.index, source);
    }
    await cpio.drain();
  } catch (err) {
    if (err instanceof UnexpectedEnd) throw new PayloadError('unexpected end of data (the payload is truncated)');
    throw err;
  } finally {
    raw.destroy();
    await cpio.close();
  }
  compressed.verify(label);
  return entriesFrom(table, seen, owners, contents, label, ctx.diag);
}

function entriesFrom(table: readonly HeaderFile[], seen: ReadonlySet<number>, owners: ReadonlyMap<number, [number, number]>, contents: Map<number, FileEntry['source']>,
  label: string, diag: Diagnostics): FileEntry[] {
  // Hardlink sets share device:inode; the member that carried the data holds the content.
  const holders = new Map<string, HeaderFile>();
  for (const file of table) if (contents.has(file.index) && !holders.has(file.inode)) holders.set(file.inode, file);
  const entries: FileEntry[] = [];
  const placed = new PlacedPaths('');
  for (const file of table) {
    const ghost = (file.flags & RPMFILE.GHOST) !== 0;
    if (!ghost && !seen.has(file.index)) throw new PayloadError(`${file.path} is in the header but missing from the payload`);
    // The names are what rpm uses; the ids come from the cpio header, else from this machine.
    const [uid, gid] = owners.get(file.index) ?? [userId(file.user) ?? 0, groupId(file.group) ?? 0];
    const base = {
      path: file.path, mode: file.mode & 0o7777, uid, gid,
      user: file.user, group: file.group, mtime: file.mtime, size: 0, flags: fileFlags(file.flags),
    };
    if (!base.flags) delete base.flags;
    const add = (entry: FileEntry) => {
      placed.place(entry.path, entry.type, entry.path);
      entries.push(entry);
    };
    switch (file.mode & S_IFMT) {
      case S_IFDIR:
        add({ ...base, type: 'dir' });
        break;
      case S_IFLNK:
        checkSymlinkTarget(file.path, file.linkTo, '', file.path);
        add({ ...base, type: 'symlink', target: file.linkTo });
        break;
      case S_IFREG: {
        const source = contents.get(file.index);
        const holder = holders.get(file.inode);
        if (source) add({ ...base, type: 'file', size: source.size, source });
        else if (holder && holder !== file) add({ ...base, type: 'hardlink', target: holder.path });
        else if (file.size === 0 || ghost) add({ ...base, type: 'file', size: 0, source: emptySource(`${file.path} in ${label}`) });
        else throw new PayloadError(`${file.path} has no content in the payload`);
        break;
      }
      default:
        diag.warn('entry-unsupported', `${file.path} in ${label} is a device, FIFO or socket; pkgshift packages only files, directories and links, so it is left out`);
    }
  }
  return entries;
}

/** The digests over the compressed payload the package carries, checked at the end. */
function hashers(rpm: RpmFile) {
  const hashes: [string, Hash][] = [];
  const payloadDigest = rpm.header.strings(Tag.PAYLOADDIGEST)[0];
  const payloadAlgorithm = HASH_NAMES[rpm.header.number(Tag.PAYLOADDIGESTALGO) ?? HASHALGO.SHA256];
  if (payloadDigest && payloadAlgorithm) hashes.push(['payload', createHash(payloadAlgorithm)]);
  const md5 = rpm.signature.binary(SigTag.MD5);
  if (md5) hashes.push(['md5', createHash('md5').update(rpm.headerBytes)]);
  return {
    hashes,
    verify(label: string) {
      for (const [what, hash] of hashes) {
        const actual = hash.digest('hex');
        if (what === 'payload' && actual !== payloadDigest!.toLowerCase()) {
          throw new PayloadError('the payload digest (PAYLOADDIGEST) does not match: the payload is corrupt');
        }
        if (what === 'md5' && actual !== md5!.toString('hex')) {
          throw new PayloadError(`the MD5 digest of header and payload in ${label} does not match: the package is corrupt`);
        }
      }
    },
  };
}
