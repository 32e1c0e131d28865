// A full TMPDIR or output directory (ENOSPC; EDQUOT alike) is one line saying what was being written
// where, exit 1, nothing left behind. The device is a 1 MiB tmpfs, which needs the right to mount
// (root outside a restricted container): without it the test skips, saying so, also under
// PKGSHIFT_REQUIRE_TOOLS (a privilege, not a tool). The spool's own handling is tested on /dev/full,
// which needs nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import test from 'node:test';
import { PkgError } from '../../src/core/errors.js';
import { Spool } from '../../src/inputs/spool.js';
import { assertCleanFailure, tarMember, tarOf } from '../support/hostile.js';
import { pkgshift, tempDir } from '../support/helpers.js';

test('a spool on a full device says so, naming the member and the directory', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const spool = new Spool('/dev/full');
  await assert.rejects(async () => {
    await spool.add((async function* () { yield Buffer.alloc(2 * 1024 * 1024); })(), ['sha256'], './opt/big in in.tar');
    await spool.close();
  }, (err: unknown) => err instanceof PkgError && err.message === 'no space left on device while writing the unpacked content of ./opt/big in in.tar in /dev');
});

/** A 1 MiB tmpfs of its own, unmounted and removed when the test ends; undefined when mounting is not permitted. */
function smallDevice(t: test.TestContext): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'pkgshift-test-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmdirSync(dir);
    t.skip(`mounting a small tmpfs is not permitted here (${(r.stderr || String(r.error)).trim()})`);
    return undefined;
  }
  t.after(() => {
    spawnSync('umount', [dir]);
    rmdirSync(dir);
  });
  return dir;
}

test('a full TMPDIR or output directory is one line naming what and where, nothing left', (t) => {
  const full = smallDevice(t);
  if (!full) return;
  const dir = tempDir(t);
  mkdirSync(join(dir, 'out'));
  mkdirSync(join(dir, 'root/opt'), { recursive: true });
  const big = randomBytes(3 * 1024 * 1024); // incompressible: more than the device holds
  writeFileSync(join(dir, 'root/opt/big'), big);
  writeFileSync(join(dir, 'in.tar'), tarOf(tarMember('opt/big', big)));
  const meta = ['-n', 'app', '-v', '1', '-m', 'A <a@example.org>', '--description', 'x', '--license', 'MIT', '-a', 'all', '--no-lint'];
  const plain = ['--deb-compression', 'none', '--rpm-compression', 'none', '--compression', 'none'];
  const where = (d: string) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const cases: [string, string[], string, RegExp][] = [
    ['tar → deb, TMPDIR full', ['-s', 'tar', '-t', 'deb', join(dir, 'in.tar')], join(dir, 'out'), new RegExp(`no space left on device while writing the unpacked content of opt/big in in\\.tar in ${where(full)}$`)],
    ['tar → rpm, TMPDIR full', ['-s', 'tar', '-t', 'rpm', join(dir, 'in.tar')], join(dir, 'out'), /while writing the unpacked content of/],
    ['dir → deb, TMPDIR full', ['-s', 'dir', '-t', 'deb', '-C', join(dir, 'root'), '.'], join(dir, 'out'), new RegExp(`while writing the deb's data\\.tar in ${where(full)}$`)],
    ['dir → rpm, TMPDIR full', ['-s', 'dir', '-t', 'rpm', '-C', join(dir, 'root'), '.'], join(dir, 'out'), new RegExp(`while writing the rpm payload in ${where(full)}$`)],
    ['dir → tar, output directory full', ['-s', 'dir', '-t', 'tar', '-C', join(dir, 'root'), '.'], full, new RegExp(`no space left on device while writing app-1\\.tar in ${where(full)}$`)],
    ['dir → deb, output directory full', ['-s', 'dir', '-t', 'deb', '-C', join(dir, 'root'), '.'], full, /while writing app_1_all\.deb in /],
  ];
  for (const [what, args, out, pattern] of cases) {
    const tmp: string = out === full ? join(dir, 'tmp') : full;
    mkdirSync(tmp, { recursive: true });
    const r = pkgshift([...args, ...meta, ...plain, '-p', `${out}/`], { env: { ...process.env, TMPDIR: tmp }, timeout: 60_000 });
    assert.equal(r.status, 1, `${what}: ${r.stderr}`);
    assertCleanFailure(r, pattern, out);
    assert.deepEqual(readdirSync(tmp), [], `${what}: nothing left in TMPDIR`);
    assert.deepEqual(readdirSync(full), [], `${what}: nothing left on the full device`);
  }
});
