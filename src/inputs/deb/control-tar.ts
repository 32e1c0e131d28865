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

/** The most control.tar may hold, one file or all together (the largest real md5sums are a few MiB). */
const MAX_CONTROL_BYTES = 64 * 1024 * 1024;

export async function readControlTar(input: Readable, compression: Compression, limits: DecodeLimits = {}): Promise<Map<string, ControlFile>> {
  const files = new Map<string, ControlFile>();
  let total = 0;
  const count = await forEachTarEntry([input, decoding(compression, limits)], async (header, body) => {
    const name = header.name.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    if (header.type === 'directory' || name === '' || name === '.') return;
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      throw new Error(`control member ${name} is a ${header.type}, not a file`);
    }
    if (name.includes('/')) throw new Error(`unexpected control member ${name} in a subdirectory`);
    total += header.size ?? 0;
    if ((header.size ?? 0) > MAX_CONTROL_BYTES) throw new Error(`control member ${name} is ${header.size} bytes, too large`);
    if (total > MAX_CONTROL_BYTES) throw new Error(`the control files reach ${total} bytes at ${name}, more than control.tar may hold (${MAX_CONTROL_BYTES})`);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    files.set(name, { name, mode: (header.mode ?? 0o644) & 0o7777, data: Buffer.concat(chunks) });
  });
  if (count === 0) throw new Error('empty tar archive');
  return files;
}
