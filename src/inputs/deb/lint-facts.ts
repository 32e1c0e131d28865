// Reads what only a .deb file carries for lint (docs/LINT.md §8.1 "controlFiles"): the control archive's
// member headers, md5sums and conffiles. The deb is opened as the deb input opens it; only
// control.tar* is decompressed, never data.tar.
import { PkgError, describeError } from '../../core/errors.js';
import { sniffCompression } from '../../formats/compress.js';
import { DecodeError, decoding } from '../../formats/decode.js';
import { parseMd5sumsLine } from '../../formats/deb/control.js';
import type { DebControlFacts } from '../../lint/types.js';
import { forEachTarEntry } from '../tar-read.js';
import { DebFile } from './deb-file.js';

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
  return DebFile.use(file, file, async (deb) => {
    const member = deb.members.find((m) => m.name.startsWith('control.tar'));
    if (!member) throw new PkgError('input-invalid', `${file} has no control.tar member`);
    const facts: DebControlFacts = { members: [], archive: deb.members.map((m) => m.name) };
    const texts = new Map<string, string>();
    const compression = sniffCompression(await deb.head(member, 8));
    await forEachTarEntry([deb.stream(member), decoding(compression, { compressedSize: member.size })], async (header, body) => {
      const name = header.name.replace(/^\.?\//, '');
      if (name) facts.members.push({ name, type: header.type, mode: header.mode & 0o7777, uid: header.uid, gid: header.gid });
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of body) {
        if ((name === 'md5sums' || name === 'conffiles') && length < CAP) {
          chunks.push(chunk);
          length += chunk.length;
        }
      }
      if (chunks.length) texts.set(name, Buffer.concat(chunks).toString('utf8'));
    });
    return withTexts(facts, texts);
  });
}

function withTexts(facts: DebControlFacts, texts: Map<string, string>): DebControlFacts {
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
