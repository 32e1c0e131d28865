// Hand-made hostile packages for the bad-input tests: tar members with any header, debs whose
// control file says anything, and a check that a failed run left nothing behind.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { arMember, arPadding, encodeArHeader, AR_MAGIC } from '../../src/formats/ar.js';
import { encodeTarHeader, tarPadding, tarTrailer, type TarHeader } from '../../src/formats/tar.js';
import type { RunResult } from './helpers.js';

/** A tar member; the header fields not given are those of a plain root-owned file. */
export function tarMember(name: string, content: string | Buffer = '', header: Partial<TarHeader> = {}): Buffer {
  const data = Buffer.from(content);
  return Buffer.concat([
    encodeTarHeader({ name, type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: data.length, mtime: 0, ...header }),
    data, tarPadding(data.length),
  ]);
}

/** An uncompressed tar of `members` (blocks from tarMember or hand-made), with its end blocks. */
export function tarOf(...members: Buffer[]): Buffer {
  const body = Buffer.concat(members);
  return Buffer.concat([body, tarTrailer(body.length)]);
}

/** Recomputes the checksum of a hand-edited 512-byte tar header block. */
export function fixTarChecksum(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += block[i]!;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
}

/** A deb whose control file is `control` (sent as is) and whose data.tar.gz holds `data`. */
export function debOf(control: string, data: Buffer = tarOf(tarMember('./usr/share/doc/x/README', 'x\n'))): Buffer {
  const members: [string, Buffer][] = [
    ['debian-binary', Buffer.from('2.0\n')],
    ['control.tar.gz', gzipSync(tarOf(tarMember('./control', control)))],
    ['data.tar.gz', gzipSync(data)],
  ];
  return Buffer.concat([AR_MAGIC, ...members.flatMap(([name, bytes]) => [encodeArHeader(arMember(name, bytes.length)), bytes, arPadding(bytes.length)])]);
}

/** A failed run: exit 1, one error line (control characters escaped), no stack trace, `dir` as empty as before. */
export function assertCleanFailure(result: RunResult, pattern: RegExp, outDir?: string): void {
  assert.equal(result.status, 1, `exit status (stderr: ${result.stderr.slice(0, 2000)})`);
  const errors = result.stderr.split('\n').filter((l) => l.startsWith('pkgshift: error:'));
  assert.equal(errors.length, 1, `one error line: ${JSON.stringify(result.stderr.slice(0, 2000))}`);
  assert.match(errors[0]!, pattern);
  assert.ok(errors[0]!.length <= 1200, `a short error line (${errors[0]!.length} characters)`);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(result.stderr, /[\x00-\x08\x0b-\x1f\x7f]/, 'no raw control characters on stderr');
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(errors[0]!, /Cannot read properties|is not a function|is not iterable|undefined \(reading/, 'no JavaScript error as a message');
  if (outDir && existsSync(outDir)) assert.deepEqual(readdirSync(outDir), [], 'nothing written');
}
