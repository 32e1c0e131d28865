// Byte vectors for the rpm header encoder (sorted index, integer alignment, region trailer), the lead,
// and the cpio newc / stripped encoders; GNU cpio as the judge of the newc bytes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { cpioPadding, encodeNewcHeader, encodeNewcTrailer, encodeStrippedHeader } from '../../src/formats/cpio.js';
import { encodeHeader, signaturePadding } from '../../src/formats/rpm/header.js';
import { encodeLead } from '../../src/formats/rpm/lead.js';
import { HEADER_IMMUTABLE, RpmType } from '../../src/formats/rpm/tags.js';
import { needTools, runOk, tempDir } from '../support/helpers.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('rpm header: index sorted by tag, integers aligned, region entry first and trailer last', () => {
  const bytes = encodeHeader([
    { tag: 1003, type: RpmType.INT32, value: [7] },
    { tag: 1000, type: RpmType.STRING, value: 'ab' },
    { tag: 1002, type: RpmType.INT64, value: [5n] },
    { tag: 1001, type: RpmType.INT16, value: [0x1234] },
  ], HEADER_IMMUTABLE);
  const expected = hex(`
    8eade801 00000000 00000005 00000024
    0000003f 00000007 00000014 00000010
    000003e8 00000006 00000000 00000001
    000003e9 00000003 00000004 00000001
    000003ea 00000005 00000008 00000001
    000003eb 00000004 00000010 00000001
    616200 00 1234 0000 0000000000000005 00000007
    0000003f 00000007 ffffffb0 00000010`);
  assert.equal(bytes.toString('hex'), expected.toString('hex'));
});

test('rpm header: string arrays, i18n strings and BIN are not aligned; counts are element counts', () => {
  const bytes = encodeHeader([
    { tag: 100, type: RpmType.STRING_ARRAY, value: ['C'] },
    { tag: 1004, type: RpmType.I18NSTRING, value: ['é'] },
    { tag: 1010, type: RpmType.BIN, value: new Uint8Array([1, 2, 3]) },
    { tag: 1020, type: RpmType.STRING_ARRAY, value: ['x', 'yz'] },
  ], HEADER_IMMUTABLE);
  const il = bytes.readUInt32BE(8);
  const dl = bytes.readUInt32BE(12);
  assert.equal(il, 5);
  const entries = Array.from({ length: il }, (_, i) => {
    const at = 16 + i * 16;
    return [bytes.readUInt32BE(at), bytes.readUInt32BE(at + 4), bytes.readInt32BE(at + 8), bytes.readUInt32BE(at + 12)];
  });
  assert.deepEqual(entries, [
    [63, 7, dl - 16, 16], [100, 8, 0, 1], [1004, 9, 2, 1], [1010, 7, 5, 3], [1020, 8, 8, 2],
  ]);
  const data = bytes.subarray(16 + il * 16);
  assert.equal(data.length, dl);
  assert.equal(data.subarray(0, dl - 16).toString('hex'), Buffer.from('C\0é\0\x01\x02\x03x\0yz\0', 'utf8').toString('hex'));
  assert.throws(() => encodeHeader([{ tag: 1000, type: RpmType.STRING, value: 'a' }, { tag: 1000, type: RpmType.STRING, value: 'b' }], 63));
});

test('rpm signature padding brings the header to a multiple of 8', () => {
  assert.equal(signaturePadding(16 + 16 * 7 + 4276).length, 4);
  assert.equal(signaturePadding(64).length, 0);
});

test('rpm lead: magic, v3, binary, name truncated to 65 bytes, Linux, header-style signature', () => {
  const lead = encodeLead({ nevr: 'hello-1.0~rc1-1' });
  assert.equal(lead.length, 96);
  assert.equal(lead.subarray(0, 10).toString('hex'), 'edabeedb030000000001');
  assert.equal(lead.subarray(10, 76).toString('latin1').replace(/\0+$/, ''), 'hello-1.0~rc1-1');
  assert.equal(lead.subarray(76, 80).toString('hex'), '00010005');
  assert.ok(lead.subarray(80).every((b) => b === 0));
  const long = encodeLead({ nevr: 'n'.repeat(100) });
  assert.equal(long[10 + 64], 0x6e);
  assert.equal(long[10 + 65], 0);
});

test('cpio newc header: hex fields, UTF-8 name size, padding to 4', () => {
  const h = encodeNewcHeader({ name: './a', ino: 1, mode: 0o100644, uid: 0, gid: 0, nlink: 1, mtime: 0x5f5e1000, size: 3 });
  assert.equal(h.toString('latin1'),
    '070701' + '00000001' + '000081a4' + '00000000' + '00000000' + '00000001' + '5f5e1000' + '00000003'
    + '00000000'.repeat(4) + '00000004' + '00000000' + './a\0' + '\0\0');
  const utf8 = encodeNewcHeader({ name: './ü', ino: 1, mode: 0o100644, uid: 0, gid: 0, nlink: 1, mtime: 0, size: 0 });
  assert.equal(utf8.subarray(94, 102).toString('latin1'), '00000005'); // "./ü\0" is 5 bytes, not 4 characters
  assert.equal(utf8.length % 4, 0);
  assert.throws(() => encodeNewcHeader({ name: 'x', ino: 1, mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, size: 2 ** 32 }), RangeError);
});

test('cpio stripped header: 07070X + file index, padded to 16 bytes', () => {
  assert.equal(encodeStrippedHeader(0x1a).toString('latin1'), '07070X0000001a\0\0');
  assert.deepEqual([...cpioPadding(5)], [0, 0, 0]);
  assert.equal(cpioPadding(8).length, 0);
});

test('cpio newc archive is read by GNU cpio (names, modes, hardlinks, symlinks, data)', (t) => {
  if (!needTools(t, 'cpio')) return;
  const dir = tempDir(t);
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => { parts.push(b); offset += b.length; };
  const file = (name: string, mode: number, data: string, extra: { ino?: number; nlink?: number } = {}) => {
    const body = Buffer.from(data);
    push(encodeNewcHeader({ name, ino: extra.ino ?? parts.length + 1, mode, uid: 0, gid: 0, nlink: extra.nlink ?? 1, mtime: 1700000000, size: body.length }));
    push(body);
    push(cpioPadding(offset));
  };
  file('./d', 0o040755, '');
  file('./d/naïve ü.txt', 0o100640, 'hello\n');
  file('./d/link', 0o120777, 'naïve ü.txt');
  file('./d/h1', 0o100755, '', { ino: 99, nlink: 2 });
  file('./d/h2', 0o100755, 'shared\n', { ino: 99, nlink: 2 });
  push(encodeNewcTrailer());
  const archive = join(dir, 'a.cpio');
  writeFileSync(archive, Buffer.concat(parts));
  const listing = runOk('sh', ['-c', `cpio -tv --quiet < "${archive}"`]).stdout;
  assert.match(listing, /^drwxr-xr-x .* \.\/d$/m);
  assert.match(listing, /^-rw-r----- .* \.\/d\/naïve ü\.txt$/m);
  assert.match(listing, /^lrwxrwxrwx .* \.\/d\/link -> naïve ü\.txt$/m);
  const out = join(dir, 'x');
  runOk('sh', ['-c', `mkdir "${out}" && cd "${out}" && cpio -id --quiet < "${archive}"`]);
  assert.equal(readFileSync(join(out, 'd/naïve ü.txt'), 'utf8'), 'hello\n');
  assert.equal(readFileSync(join(out, 'd/h1'), 'utf8'), 'shared\n');
  assert.equal(readFileSync(join(out, 'd/h2'), 'utf8'), 'shared\n');
});
