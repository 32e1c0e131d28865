// The GNU tar header encoder, checked byte for byte against GNU tar itself writing the same entries,
// plus the base-256 vector for sizes beyond octal's 8 GiB.
import { canonicalCapabilities, capabilityText, capabilityXattr } from '../../src/formats/capability.js';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, utimesSync, writeFileSync, chmodSync, readFileSync, lutimesSync } from 'node:fs';
import { extract, type Header } from 'tar-stream';
import { join } from 'node:path';
import test from 'node:test';
import { BLOCK, encodeTarHeader, type TarHeader } from '../../src/formats/tar.js';
import { needTools, runOk, tempDir } from '../support/helpers.js';

const MTIME = 1700000000;
const longDir = 'd'.repeat(120);
const utf8Name = 'naïve-ünïcødé-файл';
const longTarget = 't'.repeat(130);

/** Headers as our encoder writes them for the entries GNU tar archives in the oracle test. */
const cases: { create(dir: string): void; header: TarHeader }[] = [
  {
    create: (dir) => writeFileSync(join(dir, 'short'), 'hi\n'),
    header: { name: './short', type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 3, mtime: MTIME },
  },
  {
    create: (dir) => mkdirSync(join(dir, longDir)),
    header: { name: `./${longDir}/`, type: 'dir', mode: 0o755, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: MTIME },
  },
  {
    create: (dir) => writeFileSync(join(dir, longDir, 'x'.repeat(150)), 'x'),
    header: { name: `./${longDir}/${'x'.repeat(150)}`, type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 1, mtime: MTIME },
  },
  {
    create: (dir) => writeFileSync(join(dir, utf8Name), ''),
    header: { name: `./${utf8Name}`, type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: MTIME },
  },
  {
    create: (dir) => symlinkSync(longTarget, join(dir, 'link')),
    header: { name: './link', type: 'symlink', mode: 0o777, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: MTIME, linkname: longTarget },
  },
  {
    create: (dir) => {
      writeFileSync(join(dir, 'suid'), '');
      chmodSync(join(dir, 'suid'), 0o4755);
    },
    header: { name: './suid', type: 'file', mode: 0o4755, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: MTIME },
  },
];

test('tar headers are byte-identical to GNU tar --format=gnu', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = tempDir(t);
  const tree = join(dir, 'tree');
  mkdirSync(tree);
  for (const c of cases) c.create(tree);
  for (const c of cases) {
    const path = join(tree, c.header.name);
    if (c.header.type === 'symlink') lutimesSync(path, MTIME, MTIME);
    else utimesSync(path, MTIME, MTIME);
  }
  const archive = join(dir, 'gnu.tar');
  runOk('tar', ['--format=gnu', '--owner=root:0', '--group=root:0', '--no-recursion', '-C', tree, '-cf', archive,
    ...cases.map((c) => c.header.name.replace(/\/$/, ''))]);
  const gnu = readFileSync(archive);
  let offset = 0;
  for (const c of cases) {
    const ours = encodeTarHeader(c.header);
    assert.deepEqual(gnu.subarray(offset, offset + ours.length), ours, `header of ${c.header.name}`);
    offset += ours.length + Math.ceil(c.header.size / BLOCK) * BLOCK;
  }
});

test('names over 100 bytes get a ././@LongLink L record; link targets a K record', () => {
  const name = `./${'n'.repeat(200)}`;
  const bytes = encodeTarHeader({ name, type: 'symlink', mode: 0o777, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: 0, linkname: longTarget });
  const records = [];
  for (let at = 0; at < bytes.length; at += BLOCK) records.push(bytes.subarray(at, at + BLOCK));
  // K header, its data block, L header, two data blocks (201 bytes + NUL fit in one), then the entry.
  assert.equal(bytes.length % BLOCK, 0);
  assert.equal(records[0]!.toString('latin1', 0, 13), '././@LongLink');
  assert.equal(String.fromCharCode(records[0]![156]!), 'K');
  assert.equal(records[1]!.toString('latin1', 0, longTarget.length + 1), `${longTarget}\0`);
  assert.equal(String.fromCharCode(records[2]![156]!), 'L');
  assert.equal(records[3]!.toString('latin1', 0, name.length + 1), `${name}\0`);
  const entry = records[records.length - 1]!;
  assert.equal(entry.toString('latin1', 0, 100), name.slice(0, 100));
  assert.equal(String.fromCharCode(entry[156]!), '2');
});

test('sizes of 8 GiB and more are written in GNU base-256, which tar-stream decodes', async () => {
  const size = 9 * 2 ** 30; // 0x2_4000_0000
  const block = encodeTarHeader({ name: './big', type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size, mtime: 0 });
  assert.deepEqual([...block.subarray(124, 136)], [0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x40, 0, 0, 0]);
  const decoded = await firstTarStreamHeader(block);
  assert.equal(decoded.size, size);
  assert.equal(decoded.name, './big');
  // The largest octal size (8 GiB - 1) stays octal.
  const octal = encodeTarHeader({ name: './b', type: 'file', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 8 * 2 ** 30 - 1, mtime: 0 });
  assert.equal(octal.toString('latin1', 124, 136), '77777777777\0');
});

/** The first header tar-stream's extractor reads from `bytes` (the entry's data need not follow). */
function firstTarStreamHeader(bytes: Buffer): Promise<Header> {
  return new Promise((resolve, reject) => {
    const reader = extract();
    reader.on('entry', (header) => {
      resolve(header);
      reader.destroy();
    });
    reader.on('error', reject);
    reader.write(bytes);
  });
}

test('file capabilities: text ⇄ the kernel\'s vfs_cap_data bytes (what setcap writes for cap_net_raw=ep)', () => {
  assert.equal(capabilityXattr('cap_net_raw=ep').toString('hex'), '0100000200200000000000000000000000000000');
  assert.equal(capabilityText(Buffer.from('0100000200200000000000000000000000000000', 'hex')), 'cap_net_raw=ep');
  assert.equal(canonicalCapabilities('cap_net_raw,cap_net_admin+ep'), 'cap_net_admin,cap_net_raw=ep');
  assert.equal(capabilityText(capabilityXattr('cap_setuid=p cap_bpf+i')), 'cap_setuid=p cap_bpf=i');
  // A file has one effective flag: it makes every permitted capability effective.
  assert.equal(capabilityText(capabilityXattr('cap_setuid=p cap_bpf+ie')), 'cap_setuid=ep cap_bpf=i');
  assert.throws(() => capabilityXattr('cap_fly=ep'), /unknown capability 'cap_fly'/);
  assert.throws(() => capabilityText(Buffer.alloc(20)), /unknown security.capability revision/);
});
