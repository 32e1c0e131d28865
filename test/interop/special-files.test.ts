// Device nodes and FIFOs through every input and every output, judged by the real tools as root:
// inputs built by mknod/mkfifo (dir), GNU tar, dpkg-deb and rpmbuild (%dev); outputs installed with
// `dpkg --root`, `rpm -i --root` and extracted with `tar -x`, then `stat` shows type and major/minor.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { REQUIRE_TOOLS, needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

interface Node { path: string; kind: 'c' | 'b' | 'p'; major?: number; minor?: number; mode: number; stat: string }

const NODES: Node[] = [
  { path: '/dev/pkgshift-null', kind: 'c', major: 1, minor: 3, mode: 0o666, stat: 'character special file' },
  { path: '/dev/pkgshift-loop', kind: 'b', major: 7, minor: 200, mode: 0o660, stat: 'block special file' },
  { path: '/usr/share/pkgshift-devs/pipe', kind: 'p', mode: 0o644, stat: 'fifo' },
];

const CONTROL = 'Package: devs\nVersion: 1.0\nArchitecture: all\nMaintainer: A <a@example.org>\nDescription: device nodes\n';

function asRoot(t: TestContext): boolean {
  if (process.getuid?.() === 0) return true;
  assert.ok(!REQUIRE_TOOLS, 'device nodes need root (mknod)');
  t.skip('needs root for mknod');
  return false;
}

/** A build tree holding the nodes (and a file, so the package is not only specials). */
function tree(dir: string): string {
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'dev'), { recursive: true });
  mkdirSync(join(root, 'usr/share/pkgshift-devs'), { recursive: true });
  writeFileSync(join(root, 'usr/share/pkgshift-devs/README'), 'nodes\n');
  for (const n of NODES) {
    const at = join(root, n.path);
    if (n.kind === 'p') runOk('mkfifo', [at]);
    else runOk('mknod', [at, n.kind, String(n.major), String(n.minor)]);
    runOk('chmod', [n.mode.toString(8), at]);
  }
  return root;
}

const SPEC = `Name: devs
Version: 1.0
Release: 1
Summary: device nodes
License: MIT
BuildArch: noarch
%description
Device nodes and a FIFO.
%install
mkdir -p %{buildroot}/dev %{buildroot}/usr/share/pkgshift-devs
echo nodes > %{buildroot}/usr/share/pkgshift-devs/README
mkfifo %{buildroot}/usr/share/pkgshift-devs/pipe
%files
%dev(c,1,3) %attr(666,root,root) /dev/pkgshift-null
%dev(b,7,200) %attr(660,root,root) /dev/pkgshift-loop
%attr(644,root,root) /usr/share/pkgshift-devs/pipe
/usr/share/pkgshift-devs/README
`;

/** The same nodes as packages made by the real tools, and the build tree itself. */
function inputs(dir: string): [string, string[]][] {
  const root = tree(dir);
  const tarball = join(dir, 'devs-1.0.tar');
  runOk('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tarball, 'dev', 'usr']);
  const debTree = join(dir, 'debtree');
  runOk('cp', ['-a', root, debTree]);
  mkdirSync(join(debTree, 'DEBIAN'));
  writeFileSync(join(debTree, 'DEBIAN/control'), CONTROL);
  const deb = join(dir, 'devs_1.0_all.deb');
  runOk('dpkg-deb', ['--root-owner-group', '-b', debTree, deb]);
  writeFileSync(join(dir, 'devs.spec'), SPEC);
  const top = join(dir, 'rpmtop');
  runOk('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, join(dir, 'devs.spec')]);
  const rpm = join(top, 'RPMS/noarch/devs-1.0-1.noarch.rpm');
  return [
    ['dir', ['-s', 'dir', '-n', 'devs', '-v', '1.0', '-a', 'all', '-C', root, '.']],
    ['tar', ['-s', 'tar', '-n', 'devs', '-v', '1.0', tarball]],
    ['deb', [deb]],
    ['rpm', [rpm]],
  ];
}

/** `stat` of each node under `root`: type, major:minor (decimal) and mode, as the tools created them. */
function assertNodes(root: string, what: string, nodes = NODES): void {
  for (const n of nodes) {
    const [type, major, minor, mode] = runOk('stat', ['-c', '%F|%t|%T|%a', join(root, n.path)]).stdout.trim().split('|');
    assert.equal(type, n.stat, `${what}: ${n.path} type`);
    assert.equal(Number.parseInt(mode!, 8), n.mode, `${what}: ${n.path} mode`);
    if (n.kind !== 'p') assert.deepEqual([Number.parseInt(major!, 16), Number.parseInt(minor!, 16)], [n.major, n.minor], `${what}: ${n.path} major/minor`);
  }
}

test('device nodes and FIFOs: every input (dir, tar, deb, rpm) → every output, installed by dpkg and rpm and extracted by tar', (t) => {
  if (!needTools(t, 'dpkg', 'dpkg-deb', 'rpm', 'rpmbuild', 'tar', 'mknod', 'stat') || !asRoot(t)) return;
  const dir = tempDir(t);
  for (const [input, args] of inputs(dir)) {
    for (const output of ['deb', 'rpm', 'tar']) {
      const what = `${input} → ${output}`;
      const out = join(dir, `${input}-to.${output}`);
      const r = pkgshift(['-t', output, '--license', 'MIT', '-p', out, ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
      assert.equal(r.status, 0, `${what}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /path-runtime-dir|perm-device-outside-dev|left out/, `${what}: a static /dev is not suspicious`);
      const root = tempDir(t, `pkgshift-${input}-${output}-`);
      if (output === 'deb') {
        const dpkgDb = dpkgRoot(t);
        dpkg(dpkgDb, '-i', out);
        assertNodes(dpkgDb, what);
      } else if (output === 'rpm') {
        const db = ['--root', root, '--dbpath', '/var/lib/rpm'];
        runOk('rpm', [...db, '--initdb']);
        // rpm 4.18.0 (Debian 12) blocks for ever opening a FIFO it has just made, rpmbuild's own
        // packages included: the FIFO is checked in the header (--dump) and left out of the install.
        runOk('rpm', [...db, '-i', '--nodeps', '--noscripts', '--excludepath', '/usr/share/pkgshift-devs/pipe', out], { timeout: 60_000 });
        assertNodes(root, what, NODES.filter((n) => n.kind !== 'p'));
        // FILERDEVS as rpm prints it: major << 8 | minor.
        const dump = runOk('rpm', ['-qp', '--dump', out]).stdout;
        assert.match(dump, /^\/usr\/share\/pkgshift-devs\/pipe 0 .* 010644 root root 0 0 0 X$/m, `${what}: rpm --dump FIFO`);
        assert.match(dump, /^\/dev\/pkgshift-null .* 020666 root root 0 0 259 X$/m, `${what}: rpm --dump rdev of 1:3`);
        assert.match(dump, /^\/dev\/pkgshift-loop .* 060660 root root 0 0 1992 X$/m, `${what}: rpm --dump rdev of 7:200`);
      } else {
        runOk('tar', ['-xpf', out, '-C', root]);
        assertNodes(root, what);
      }
    }
  }
});

test('an rpm cannot describe a device number above 255 (16-bit FILERDEVS): refused, deb and tar carry it', (t) => {
  if (!needTools(t, 'tar', 'mknod') || !asRoot(t)) return;
  const dir = tempDir(t);
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'dev'), { recursive: true });
  runOk('mknod', [join(root, 'dev/big'), 'c', '300', '5']);
  const args = ['-s', 'dir', '-n', 'big', '-v', '1', '-a', 'all', '-C', root, '.'];
  const rpm = pkgshift(['-t', 'rpm', '-p', join(dir, 'big.rpm'), ...args]);
  assert.equal(rpm.status, 1);
  assert.match(rpm.stderr, /\/dev\/big: device 300:5 does not fit rpm's 16-bit FILERDEVS/);
  const tar = pkgshift(['-t', 'tar', '-p', join(dir, 'big.tar'), ...args]);
  assert.equal(tar.status, 0, tar.stderr);
  assert.match(runOk('tar', ['-tvf', join(dir, 'big.tar')]).stdout, /^crw.* 300,5 .*\.\/dev\/big$/m);
});
