// ar header encoder: byte vectors as dpkg-deb 1.21 writes them (docs/FORMATS.md §B2.1).
import test from 'node:test';
import assert from 'node:assert/strict';
import { AR_MAGIC, arMember, arPadding, encodeArHeader } from '../../src/formats/ar.js';

test('ar magic is !<arch>\\n', () => {
  assert.deepEqual([...AR_MAGIC], [0x21, 0x3c, 0x61, 0x72, 0x63, 0x68, 0x3e, 0x0a]);
});

test('ar header: debian-binary as dpkg-deb writes it (no slash, uid/gid 0, mode 100644)', () => {
  const header = encodeArHeader(arMember('debian-binary', 4, 1700000000));
  assert.equal(header.length, 60);
  assert.equal(header.toString('latin1'),
    'debian-binary   ' + '1700000000  ' + '0     ' + '0     ' + '100644  ' + '4         ' + '`\n');
});

test('ar header: byte offsets of every field', () => {
  const header = encodeArHeader(arMember('data.tar.xz', 9_999_999_999, 0));
  const field = (start: number, end: number) => header.subarray(start, end).toString('latin1');
  assert.equal(field(0, 16), 'data.tar.xz     ');
  assert.equal(field(16, 28), '0           ');
  assert.equal(field(28, 34), '0     ');
  assert.equal(field(34, 40), '0     ');
  assert.equal(field(40, 48), '100644  ');
  assert.equal(field(48, 58), '9999999999');
  assert.deepEqual([...header.subarray(58, 60)], [0x60, 0x0a]);
});

test('ar header: mtime defaults to 0', () => {
  assert.equal(encodeArHeader(arMember('control.tar.gz', 10)).subarray(16, 28).toString('latin1'), '0           ');
});

test('ar header refuses what the fields cannot hold', () => {
  assert.throws(() => encodeArHeader(arMember('a-name-longer-than-16', 1)), /16/);
  assert.throws(() => encodeArHeader(arMember('data/', 1)), RangeError);
  assert.throws(() => encodeArHeader(arMember('has space', 1)), RangeError);
  assert.throws(() => encodeArHeader(arMember('big', 10_000_000_000)), /10-digit/);
  assert.throws(() => encodeArHeader(arMember('neg', -1)), RangeError);
});

test('ar padding: one newline after odd-sized data, nothing after even', () => {
  assert.deepEqual([...arPadding(3)], [0x0a]);
  assert.deepEqual([...arPadding(4)], []);
  assert.deepEqual([...arPadding(0)], []);
});
