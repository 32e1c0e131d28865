// control.tar (docs/FORMATS.md §B2.2): small text files (control, md5sums, conffiles, maintainer
// scripts, triggers, templates …) at the top level, optionally after a `./` entry. They are
// metadata, so each is read into memory, with a cap against hostile sizes.
import type { Readable } from 'node:stream';
import type { Compression } from '../../formats/compress.js';
import { decoding, type DecodeLimits } from '../../formats/decode.js';
import { forEachTarEntry } from '../tar-read.js';

export interface ControlFile {
  name: string;
  mode: number;
  data: Buffer;
}

const MAX_CONTROL_FILE = 64 * 1024 * 1024;

export async function readControlTar(input: Readable, compression: Compression, limits: DecodeLimits = {}): Promise<Map<string, ControlFile>> {
  const files = new Map<string, ControlFile>();
  const count = await forEachTarEntry([input, decoding(compression, limits)], async (header, body) => {
    const name = header.name.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    if (header.type === 'directory' || name === '' || name === '.') return;
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      throw new Error(`control member ${name} is a ${header.type}, not a file`);
    }
    if (name.includes('/')) throw new Error(`unexpected control member ${name} in a subdirectory`);
    if ((header.size ?? 0) > MAX_CONTROL_FILE) throw new Error(`control member ${name} is ${header.size} bytes, too large`);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    files.set(name, { name, mode: (header.mode ?? 0o644) & 0o7777, data: Buffer.concat(chunks) });
  });
  if (count === 0) throw new Error('empty tar archive');
  return files;
}
