// Reads what only a .deb file carries for lint (docs/LINT.md §8.1 "controlFiles"): the control archive's
// member headers, md5sums and conffiles. The ar members are listed as the deb input lists them;
// only control.tar* is decompressed, never data.tar.
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import type TarStream from 'tar-stream';
import { PkgError, describeError } from '../../core/errors.js';
import { sniffCompression } from '../../formats/compress.js';
import { DecodeError, decoding } from '../../formats/decode.js';
import { parseMd5sumsLine } from '../../formats/deb/control.js';
import type { DebControlFacts } from '../../lint/types.js';
import { listArMembers, memberHead, memberStream } from './ar-members.js';

const CAP = 64 * 1024 * 1024;

export async function readDebControl(file: string): Promise<DebControlFacts> {
  try {
    return await readControl(file);
  } catch (err) {
    if (err instanceof PkgError && !(err instanceof DecodeError)) throw err;
    throw new PkgError(err instanceof PkgError ? err.code : 'input-invalid', `reading the control archive of ${file}: ${describeError(err)}`, { cause: err });
  }
}

async function readControl(file: string): Promise<DebControlFacts> {
  const archive = await listArMembers(file, file);
  const member = archive.find((m) => m.name.startsWith('control.tar'));
  if (!member) throw new PkgError('input-invalid', `${file} has no control.tar member`);
  const head = await memberHead(file, member, 8);
  const facts: DebControlFacts = { members: [], archive: archive.map((m) => m.name) };
  const extract = (createRequire(import.meta.url)('tar-stream') as typeof TarStream).extract(); // loaded on first use: it is slow to load
  const texts = new Map<string, string>();
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.?\//, '');
    if (name) facts.members.push({ name, type: header.type ?? 'file', mode: (header.mode ?? 0) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0 });
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (data: unknown) => {
      const chunk = data as Buffer;
      if ((name === 'md5sums' || name === 'conffiles') && length < CAP) {
        chunks.push(chunk);
        length += chunk.length;
      }
    });
    stream.on('end', () => {
      if (chunks.length) texts.set(name, Buffer.concat(chunks).toString('utf8'));
      next();
    });
    stream.resume();
  });
  await pipeline(
    memberStream(file, member),
    decoding(sniffCompression(head), { compressedSize: member.size }),
    extract,
  ).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  });
  const md5 = texts.get('md5sums');
  if (md5 !== undefined || facts.members.some((m) => m.name === 'md5sums')) {
    facts.md5sums = new Map();
    facts.md5sumsBad = [];
    for (const line of (md5 ?? '').split('\n')) {
      if (!line.trim()) continue;
      const listed = parseMd5sumsLine(line);
      if (listed) facts.md5sums.set(listed.path, listed.md5);
      else facts.md5sumsBad.push(line);
    }
  }
  const conffiles = texts.get('conffiles');
  if (conffiles !== undefined) {
    // dpkg ≥ 1.20.6 flags: `remove-on-upgrade /path` names a file that must not be shipped.
    facts.conffiles = conffiles.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('remove-on-upgrade '));
  }
  return facts;
}
