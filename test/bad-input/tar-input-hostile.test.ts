// Hostile tarballs: each refused with one clear line (exit 1), before any output file exists.
// Built with tar-stream's packer, which writes whatever names and types it is given.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';
import { tarInput } from '../../src/inputs/tar.js';
import { guessNameVersion } from '../../src/inputs/tar.js';
import { pkgshift, tempDir } from '../support/helpers.js';
import { debOf } from '../support/hostile.js';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { PkgError } from '../../src/core/errors.js';
import { readDeb } from '../../src/inputs/deb/index.js';
import type { Context } from '../../src/plugin.js';

type Member = Partial<Header> & { name: string; content?: string };

async function tarball(members: Member[]): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  packer.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve) => {
    packer.on('end', () => resolve());
  });
  for (const { content, ...header } of members) {
    await new Promise<void>((resolve, reject) => packer.entry({ mode: 0o644, ...header }, content ?? '', (err) => (err ? reject(err) : resolve())));
  }
  packer.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Rewrites the size field of the first header as GNU base-256 and fixes the checksum. */
function withHugeSize(tar: Buffer, size: bigint): Buffer {
  const out = Buffer.from(tar);
  out.fill(0, 124, 136);
  out[124] = 0x80;
  for (let i = 135, v = size; i > 124; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  out.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += out[i]!;
  out.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return out;
}

const ok = (name: string, extra: Partial<Member> = {}): Member => ({ name, content: 'data\n', ...extra });

const CASES: { what: string; members: Member[]; message: RegExp }[] = [
  { what: 'an absolute name', members: [ok('/etc/cron.d/evil')], message: /refusing member "\/etc\/cron\.d\/evil": it has an absolute name/ },
  { what: "a '..' segment", members: [ok('app/../../etc/passwd')], message: /refusing member "app\/\.\.\/\.\.\/etc\/passwd": its name contains a '\.\.' segment/ },
  { what: 'a leading ..', members: [ok('../escape')], message: /'\.\.' segment/ },
  {
    what: 'a symlink escaping the root',
    members: [{ name: 'app/evil', type: 'symlink', linkname: '../../../../etc/shadow' }],
    message: /refusing symlink "app\/evil" -> "\.\.\/\.\.\/\.\.\/\.\.\/etc\/shadow": it points outside the package root/,
  },
  {
    what: 'a hardlink escaping the archive',
    members: [ok('app/a'), { name: 'app/h', type: 'link', linkname: '../../etc/passwd' }],
    message: /refusing hardlink "app\/h" -> "\.\.\/\.\.\/etc\/passwd": its target is not an earlier file inside the archive/,
  },
  {
    what: 'an absolute hardlink',
    members: [{ name: 'app/h', type: 'link', linkname: '/etc/shadow' }],
    message: /refusing hardlink "app\/h" -> "\/etc\/shadow"/,
  },
  {
    what: 'a hardlink to a later member',
    members: [{ name: 'app/h', type: 'link', linkname: 'app/later' }, ok('app/later')],
    message: /refusing hardlink "app\/h" -> "app\/later"/,
  },
  {
    what: 'a member below a symlink',
    members: [{ name: 'app/etc', type: 'symlink', linkname: '/etc' }, ok('app/etc/passwd')],
    message: /refusing member "app\/etc\/passwd": it lies below \/app\/etc, which is a symlink/,
  },
];

const SPECIAL: { what: string; members: Member[]; message: RegExp }[] = [
  { what: 'a character device', members: [{ name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 }], message: /"dev\/null": it is a character device/ },
  { what: 'a block device', members: [{ name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 }], message: /"dev\/sda": it is a block device/ },
  { what: 'a FIFO', members: [{ name: 'app/pipe', type: 'fifo' }], message: /"app\/pipe": it is a FIFO/ },
];

for (const { what, members, message } of SPECIAL) {
  test(`tar input refuses ${what}, with no output`, async (t) => {
    const dir = tempDir(t);
    const input = join(dir, 'hostile.tar.gz');
    writeFileSync(input, gzipSync(await tarball(members)));
    const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'hostile', '-p', join(dir, 'out.tar'), input]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^pkgshift: error: hostile\.tar\.gz: refusing /);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    assert.deepEqual(readdirSync(dir), ['hostile.tar.gz'], 'nothing written beside the input');
  });
}

const CONTROL = 'Package: hostile\nVersion: 1\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: x\n';

for (const { what, members, message } of CASES) {
  test(`tar input and a deb's data.tar refuse ${what} alike (input-unsafe), with no output`, async (t) => {
    const dir = tempDir(t);
    const tar = await tarball(members);
    // One policy for every archive member: the same refusal from a tarball and from a deb's data.tar.
    for (const [input, where] of [['hostile.tar.gz', 'hostile\\.tar\\.gz'], ['hostile.deb', 'data\\.tar\\.gz in hostile\\.deb']] as const) {
      writeFileSync(join(dir, input), input.endsWith('.deb') ? debOf(CONTROL, tar) : gzipSync(tar));
      const r = pkgshift(['-t', 'tar', '-n', 'hostile', '-p', join(dir, 'out.tar'), join(dir, input)]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, new RegExp(`^pkgshift: error: ${where}: refusing `));
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
      await assert.rejects(readArchive(join(dir, input), tempDir(t)), (err: unknown) => err instanceof PkgError && err.code === 'input-unsafe');
    }
    assert.deepEqual(readdirSync(dir).sort(), ['hostile.deb', 'hostile.tar.gz'], 'nothing written beside the inputs');
  });
}

/** Reads a tarball or a deb in-process, as the CLI would, to see the error code. */
async function readArchive(path: string, scratch: string): Promise<unknown> {
  const ctx: Context = { diag: new Diagnostics(), verbose: false, tempPath: (name) => join(scratch, name) };
  return path.endsWith('.deb') ? readDeb(path, ctx) : tarInput.read([path], { name: 'x' }, ctx);
}

test('tar input refuses a member size larger than the archive, and an absurd base-256 size', async (t) => {
  const dir = tempDir(t);
  const plain = await tarball([ok('app/big')]);
  for (const [name, size] of [['bigger.tar', 1n << 30n], ['absurd.tar', 1n << 70n]] as const) {
    const input = join(dir, name);
    writeFileSync(input, withHugeSize(plain, size));
    const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'big', '-p', join(dir, 'out.tar'), input]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /refusing member "app\/big": its size \([\d.e+]+ bytes\) is impossible for this archive/);
  }
  // compressed, the bound is not known: the size is believed until the data runs out
  const gz = join(dir, 'truncated.tar.gz');
  writeFileSync(gz, gzipSync(withHugeSize(plain, 1n << 30n)));
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'big', '-p', join(dir, 'out.tar'), gz]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^pkgshift: error: (reading truncated\.tar\.gz|app\/big in truncated\.tar\.gz)/);
  assert.deepEqual(readdirSync(dir).sort(), ['absurd.tar', 'bigger.tar', 'truncated.tar.gz']);
});

test('tar input refuses a corrupt archive and a file that is not tar', async (t) => {
  const dir = tempDir(t);
  const corrupt = join(dir, 'corrupt.tar');
  const bytes = await tarball([ok('app/a')]);
  bytes[0] = (bytes[0] ?? 0) ^ 0xff; // checksum no longer matches
  writeFileSync(corrupt, bytes);
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'c', '-p', join(dir, 'out.tar'), corrupt]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^pkgshift: error: reading corrupt\.tar: /);
  const notTar = join(dir, 'text.gz');
  writeFileSync(notTar, gzipSync('hello, this is not a tarball\n'.repeat(40)));
  const r2 = pkgshift(['-t', 'tar', '-n', 'c', '-p', join(dir, 'out.tar'), notTar]);
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /^pkgshift: error: reading text\.gz: /);
  const badXz = join(dir, 'bad.tar.xz');
  writeFileSync(badXz, Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(100, 7)]));
  const r3 = pkgshift(['-t', 'tar', '-n', 'c', '-p', join(dir, 'out.tar'), badXz]);
  assert.equal(r3.status, 1);
  assert.match(r3.stderr, /^pkgshift: error: reading bad\.tar\.xz: /);
  assert.equal(readdirSync(dir).includes('out.tar'), false);
});

test('tar input: --strip-components applies to hardlink targets; stripped-away members are skipped', async (t) => {
  const dir = tempDir(t);
  const input = join(dir, 'app-2.0.tar');
  writeFileSync(input, await tarball([
    { name: 'app-2.0', type: 'directory', mode: 0o755 },
    ok('app-2.0/bin/tool', { mode: 0o755 }),
    { name: 'app-2.0/bin/tool2', type: 'link', linkname: 'app-2.0/bin/tool' },
    ok('app-2.0/bin/tool', { mode: 0o700, content: 'replaced\n' }),
  ]));
  const out = join(dir, 'out.tar');
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '--compression', 'none', '--strip-components', '1', '--prefix', '/usr', '-p', out, input]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /"app-2\.0\/bin\/tool" appears twice; the later one is kept/);
  const { extract } = await import('tar-stream');
  const names: string[] = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    names.push(`${header.type} ${header.name}${header.linkname ? ` -> ${header.linkname}` : ''}`);
    stream.resume();
    stream.on('end', next);
  });
  const { createReadStream } = await import('node:fs');
  const { pipeline } = await import('node:stream/promises');
  await pipeline(createReadStream(out), reader);
  assert.deepEqual(names, ['directory ./usr/', 'directory ./usr/bin/', 'file ./usr/bin/tool', 'link ./usr/bin/tool2 -> ./usr/bin/tool']);
});

test('tar input: sniffs compressed and ustar tarballs, not deb or rpm', () => {
  const head = (bytes: number[], at = 0, size = 512) => {
    const b = Buffer.alloc(size);
    Buffer.from(bytes).copy(b, at);
    return b;
  };
  assert.equal(tarInput.sniff!(head([0x1f, 0x8b, 8])), true);
  assert.equal(tarInput.sniff!(head([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0])), true);
  assert.equal(tarInput.sniff!(head([0x28, 0xb5, 0x2f, 0xfd])), true);
  assert.equal(tarInput.sniff!(head([0x42, 0x5a, 0x68])), true);
  assert.equal(tarInput.sniff!(head([...Buffer.from('ustar\0')], 257)), true);
  assert.equal(tarInput.sniff!(head([...Buffer.from('ustar ')], 257)), true);
  assert.equal(tarInput.sniff!(head([...Buffer.from('!<arch>\n')])), false);
  assert.equal(tarInput.sniff!(head([0xed, 0xab, 0xee, 0xdb])), false);
  assert.equal(tarInput.sniff!(head([...Buffer.from('hello')])), false);
});

test('tar input: name and version guessed from file names', () => {
  const cases: [string, string, string | undefined][] = [
    ['myapp-1.2.0-linux-x64.tar.gz', 'myapp', '1.2.0'],
    ['myapp-1.2.0.tgz', 'myapp', '1.2.0'],
    ['node-v20.11.1-linux-arm64.tar.xz', 'node', '20.11.1'],
    ['my-tool_2.0.tar.zst', 'my-tool', '2.0'],
    ['foo-bar-3.tar.bz2', 'foo-bar', '3'],
    ['tool-1.0~rc1.tar', 'tool', '1.0~rc1'],
    ['noversion.tar.gz', 'noversion', undefined],
  ];
  for (const [file, name, version] of cases) assert.deepEqual(guessNameVersion(file), version ? { name, version } : { name }, file);
});
