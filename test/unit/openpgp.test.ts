// The pure parts of the OpenPGP signer: armor, packet framing, MPIs, S2K. Signatures themselves are
// judged by gpg in test/interop/openpgp-gpg.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import test from 'node:test';
import { armor, dearmor } from '../../src/openpgp/armor.js';
import { encodeMpi, encodePacket, readPackets } from '../../src/openpgp/packets.js';
import { deriveKey } from '../../src/openpgp/s2k.js';
import { loadSigningKey } from '../../src/openpgp/index.js';

test('armor: 64-column base64 and the CRC-24 check value of "123456789" (0x21CF02)', () => {
  const text = armor('MESSAGE', Buffer.from('123456789'));
  assert.equal(text, '-----BEGIN PGP MESSAGE-----\n\nMTIzNDU2Nzg5\n=Ic8C\n-----END PGP MESSAGE-----\n');
  const long = armor('SIGNATURE', Buffer.alloc(100, 7));
  assert.deepEqual(long.split('\n').slice(2, 5).map((line) => line.length), [64, 64, 8]);
});

test('dearmor: skips text before, headers and CRLF; checks the checksum', () => {
  const data = Buffer.from([...Array(200).keys()]);
  const text = `junk\r\n${armor('PUBLIC KEY BLOCK', data).replace('\n\n', '\nVersion: GnuPG v2\nComment: x\n\n').replace(/\n/g, '\r\n')}`;
  assert.deepEqual(dearmor(text), { type: 'PUBLIC KEY BLOCK', data });
  const damaged = armor('SIGNATURE', data).replace('AAEC', 'AAED');
  assert.throws(() => dearmor(damaged), /wrong checksum/);
  assert.throws(() => dearmor('hello'), /no OpenPGP armor/);
  assert.throws(() => dearmor('-----BEGIN PGP MESSAGE-----\n\nAAAA\n'), /no END line/);
});

test('MPIs: leading zeros dropped, exact bit count', () => {
  assert.deepEqual([...encodeMpi(Buffer.from([0, 0, 1]))], [0, 1, 1]);
  assert.deepEqual([...encodeMpi(Buffer.from([0x80]))], [0, 8, 0x80]);
  assert.deepEqual([...encodeMpi(Buffer.from([0x7f, 0xff]))], [0, 15, 0x7f, 0xff]);
});

test('packets: old-format headers as gpg writes them, new format for tags from 16, read back', () => {
  assert.deepEqual([...encodePacket(2, Buffer.alloc(10)).subarray(0, 2)], [0x88, 10]);
  assert.deepEqual([...encodePacket(2, Buffer.alloc(300)).subarray(0, 3)], [0x89, 0x01, 0x2c]);
  assert.deepEqual([...encodePacket(6, Buffer.alloc(70000)).subarray(0, 5)], [0x9a, 0, 1, 0x11, 0x70]);
  assert.deepEqual([...encodePacket(17, Buffer.alloc(1000)).subarray(0, 3)], [0xd1, 0xc3, 0x28]);
  const bodies = [Buffer.alloc(5, 1), Buffer.alloc(300, 2), Buffer.alloc(70000, 3), Buffer.alloc(9000, 4)];
  const packed = Buffer.concat([encodePacket(13, bodies[0]!), encodePacket(2, bodies[1]!), encodePacket(6, bodies[2]!), encodePacket(17, bodies[3]!)]);
  assert.deepEqual(readPackets(packed), [{ tag: 13, body: bodies[0] }, { tag: 2, body: bodies[1] }, { tag: 6, body: bodies[2] }, { tag: 17, body: bodies[3] }]);
  assert.throws(() => readPackets(packed.subarray(0, 100)), /truncated packet/);
  assert.throws(() => readPackets(Buffer.from('hello')), /not an OpenPGP packet/);
});

test('S2K iterated and salted: salt+passphrase repeated to the count; longer keys preload zeros', () => {
  const salt = Buffer.from('0102030405060708', 'hex');
  const input = Buffer.concat([salt, Buffer.from('pass')]);
  const count = 65536 + 7;
  const repeated = Buffer.concat(Array<Buffer>(Math.ceil(count / input.length)).fill(input)).subarray(0, count);
  const first = createHash('sha1').update(repeated).digest();
  const second = createHash('sha1').update(Buffer.alloc(1)).update(repeated).digest();
  assert.deepEqual(deriveKey({ kind: 'derive', hash: 'sha1', salt, count }, 'pass', 16), first.subarray(0, 16));
  assert.deepEqual(deriveKey({ kind: 'derive', hash: 'sha1', salt, count }, 'pass', 32), Buffer.concat([first, second]).subarray(0, 32));
  // A count below the input's length still hashes the whole input once.
  assert.deepEqual(deriveKey({ kind: 'derive', hash: 'sha256', salt, count: 1 }, 'pass', 16), createHash('sha256').update(input).digest().subarray(0, 16));
});

test('loadSigningKey refuses what is not a secret key, in one line', () => {
  assert.throws(() => loadSigningKey('not a key'), /no OpenPGP armor/);
  assert.throws(() => loadSigningKey(armor('SIGNATURE', Buffer.from([0x88, 0]))), /expected a PGP PRIVATE KEY BLOCK, found a PGP SIGNATURE/);
  assert.throws(() => loadSigningKey(armor('PUBLIC KEY BLOCK', Buffer.alloc(1))), /this is a public key/);
  assert.throws(() => loadSigningKey(Buffer.from([0xb4, 1, 0x41])), /does not start with a key packet/);
});
