// Byte vectors for the reader codecs: rpm header decoding, cpio newc / stripped members, ar headers,
// deb control parsing.
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeArHeader } from '../../src/formats/ar.js';
import { CpioReader } from '../../src/formats/cpio-read.js';
import { parseControl, unfoldDescription } from '../../src/formats/deb/control.js';
import { decodeHeader } from '../../src/formats/rpm/header-read.js';
import { PkgError } from '../../src/core/errors.js';
import { rpmMemberPath } from '../../src/inputs/rpm/file-table.js';

function header(entries: [number, number, number, number][], data: Buffer): Buffer {
  const intro = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0, 0, 0, 0, entries.length, 0, 0, 0, 0]);
  intro.writeUInt32BE(data.length, 12);
  const index = Buffer.concat(entries.map(([tag, type, offset, count]) => {
    const b = Buffer.alloc(16);
    b.writeUInt32BE(tag, 0); b.writeUInt32BE(type, 4); b.writeInt32BE(offset, 8); b.writeUInt32BE(count, 12);
    return b;
  }));
  return Buffer.concat([intro, index, data]);
}

test('rpm header decoding: STRING, STRING_ARRAY, I18NSTRING, INT16/32/64, BIN', () => {
  const data = Buffer.concat([
    Buffer.from('demo\0a\0bc\0C text\0'), // 0: STRING, 5: STRING_ARRAY(2), 10: I18NSTRING
    Buffer.from([0, 0]), // pad to 4 at 17→20? (17 + 3 = 20)
  ]);
  const ints = Buffer.alloc(4 + 4 + 8 + 3);
  ints.writeUInt16BE(0o100644, 0); ints.writeUInt16BE(0o40755, 2); ints.writeUInt32BE(4000000000, 4);
  ints.writeBigUInt64BE(5n * 2n ** 32n, 8); ints.set([1, 2, 3], 16);
  const pad = Buffer.alloc(1);
  const all = Buffer.concat([data, pad, ints]);
  const h = decodeHeader(header([[1000, 6, 0, 1], [1117, 8, 5, 2], [1004, 9, 10, 1], [1030, 3, 20, 2], [1028, 4, 24, 1], [5008, 5, 28, 1], [1004 + 10000, 7, 36, 3]], all));
  assert.equal(h.string(1000), 'demo');
  assert.deepEqual(h.strings(1117), ['a', 'bc']);
  assert.equal(h.string(1004), 'C text');
  assert.deepEqual(h.numbers(1030), [0o100644, 0o40755]);
  assert.equal(h.number(1028), 4000000000);
  assert.equal(h.number(5008), 5 * 2 ** 32);
  assert.deepEqual([...h.binary(11004)!], [1, 2, 3]);
  assert.throws(() => decodeHeader(header([[1000, 6, 0, 1]], Buffer.from('unterminated'))), /unterminated string/);
  assert.throws(() => decodeHeader(header([[1000, 12, 0, 1]], Buffer.from('x\0'))), /bad type 12/);
  assert.throws(() => decodeHeader(header([[1000, 6, 50, 1]], Buffer.from('x\0'))), /outside the header data/);
});

function newc(name: string, mode: number, data: string, nlink = 1, ino = 1): Buffer {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const head = `070701${hex(ino)}${hex(mode)}${hex(0)}${hex(0)}${hex(nlink)}${hex(0)}${hex(data.length)}${hex(0)}${hex(0)}${hex(0)}${hex(0)}${hex(Buffer.byteLength(name) + 1)}${hex(0)}`;
  const pad = (n: number) => '\0'.repeat((4 - (n % 4)) % 4);
  const named = `${head}${name}\0`;
  return Buffer.from(`${named}${pad(Buffer.byteLength(named))}${data}${pad(data.length)}`);
}

test('cpio reader: newc members with UTF-8 names and padding, stripped 07070X members, the trailer', async () => {
  const stripped = Buffer.from('07070X00000001\0\0abcde\0\0\0'); // header padded to 16, data to 4
  const archive = Buffer.concat([newc('./usr/bin/é', 0o100755, 'hello'), stripped, newc('TRAILER!!!', 0, '')]);
  const reader = new CpioReader((async function* () {
    for (let i = 0; i < archive.length; i += 7) yield archive.subarray(i, i + 7); // awkward chunking
  })(), (index) => (index === 1 ? 5 : 0));
  const first = await reader.next();
  assert.equal(first?.kind === 'newc' && first.header.name, './usr/bin/é');
  assert.equal(first?.kind === 'newc' && first.header.mode, 0o100755);
  const chunks: Buffer[] = [];
  await reader.body((c) => { chunks.push(Buffer.from(c)); });
  assert.equal(Buffer.concat(chunks).toString(), 'hello');
  const second = await reader.next();
  assert.deepEqual(second, { kind: 'stripped', index: 1, size: 5 });
  assert.equal(await reader.next(), null);
  const truncated = new CpioReader((async function* () { yield archive.subarray(0, 60); })(), () => 0);
  await assert.rejects(truncated.next(), /unexpected end of data/);
  const bad = new CpioReader((async function* () { yield Buffer.from('070707' + '0'.repeat(104)); })(), () => 0);
  await assert.rejects(bad.next(), /bad cpio magic/);
});

test('ar header: name with or without slash, decimal size, octal mode; bad terminator refused', () => {
  const h = Buffer.from(`${'data.tar.xz/'.padEnd(16)}${'1700000000'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${'1234'.padEnd(10)}\`\n`);
  assert.deepEqual(decodeArHeader(h), { name: 'data.tar.xz', mtime: 1700000000, uid: 0, gid: 0, mode: 0o100644, size: 1234 });
  const bad = Buffer.from(h);
  bad[59] = 0x41;
  assert.throws(() => decodeArHeader(bad), /terminator/);
  assert.throws(() => decodeArHeader(Buffer.from(h.toString().replace('1234      ', '12x4      '))), /bad size/);
});

test('deb control: continuation lines, case-insensitive duplicates refused, description unfolding', () => {
  const fields = parseControl('Package: a\nDescription: sum\n one\n .\n  two\nX-Thing: v\n\n');
  assert.deepEqual(fields.map(([name]) => name), ['Package', 'Description', 'X-Thing']);
  assert.deepEqual(unfoldDescription(fields[1]![1]), { summary: 'sum', description: 'one\n\n two' });
  assert.throws(() => parseControl('Package: a\npackage: b\n'), /duplicate field/);
  assert.throws(() => parseControl(' lead\n'), /continuation line before any field/);
  assert.throws(() => parseControl('Package: a\n\nPackage: b\n'), /more than one stanza/);
});

test("rpm file names go through the archive-member policy: a '..' or a NUL is input-unsafe, like a tar member", () => {
  assert.equal(rpmMemberPath('/usr/bin/foo'), '/usr/bin/foo');
  assert.equal(rpmMemberPath('./usr/bin/foo'), '/usr/bin/foo');
  for (const name of ['/usr/../etc/shadow', './../x', '/a\0b']) {
    assert.throws(() => rpmMemberPath(name), (e: unknown) => e instanceof PkgError && e.code === 'input-unsafe', name);
  }
});
