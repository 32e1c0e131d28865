// rpm output, judged by rpm itself: digests (rpm -K), header contents (rpm -qp --qf/--scripts/--requires/
// --provides), payload listing (rpm2cpio | cpio -t), rpmlint, reproducibility.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { needTools, run, runOk, tempDir } from '../support/helpers.js';
import { EPOCH, buildRpm, queryFormat } from '../support/rpm.js';
import { LONG_FILE, UTF8_FILE, makeTree } from '../support/tree.js';

function fixture(t: TestContext) {
  const dir = tempDir(t);
  const build = join(dir, 'build');
  makeTree(build);
  writeFileSync(join(build, 'with space.txt'), 'spaced\n');
  writeFileSync(join(dir, 'app.conf'), 'setting=1\n');
  writeFileSync(join(dir, 'pre.sh'), '#!/bin/sh\necho pre "$1"\n');
  writeFileSync(join(dir, 'post.sh'), 'echo post "$1"\n');
  writeFileSync(join(dir, 'preun.sh'), '#!/bin/bash\necho preun "$1"\n');
  writeFileSync(join(dir, 'postun.sh'), '#!/bin/sh\necho postun "$1"\n');
  const args = [
    '-s', 'dir', '-n', 'demo', '-v', '2.1~rc1', '--iteration', '3', '--epoch', '1', '-a', 'x86_64',
    '--license', 'MIT', '-m', 'Jane Doe <jane@example.com>', '--vendor', 'Example', '--url', 'https://example.com/demo',
    '--description', 'Demo tool\nIt demonstrates.\nOn two lines.',
    '-d', 'libc6 (>= 2.17)', '-d', 'libfoo | libbar (>= 2)', '--provides', 'demo-api = 2', '--conflicts', 'olddemo',
    '--replaces', 'olddemo (<< 1.0)', '--replaces', 'movedfiles', '--recommends', 'demo-extras', '--suggests', 'demo-docs',
    '--before-install', join(dir, 'pre.sh'), '--after-install', join(dir, 'post.sh'),
    '--before-remove', join(dir, 'preun.sh'), '--after-remove', join(dir, 'postun.sh'),
    '--config-files', '/etc/demo/app.conf', '--directories', '/opt/demo',
    `${build}=/opt/demo`, `${join(dir, 'app.conf')}=/etc/demo/app.conf`,
  ];
  return { dir, build, args };
}

test('rpm -K verifies every digest of a pkgshift rpm', (t) => {
  if (!needTools(t, 'rpm')) return;
  const { dir, args } = fixture(t);
  const pkg = buildRpm(dir, args);
  assert.match(pkg, /\/demo-2\.1~rc1-3\.x86_64\.rpm$/);
  const out = runOk('rpm', ['-Kv', pkg]).stdout;
  for (const line of ['Header SHA256 digest: OK', 'Header SHA1 digest: OK', 'Payload SHA256 digest: OK', 'MD5 digest: OK']) {
    assert.ok(out.includes(line), `${line} missing in:\n${out}`);
  }
  assert.doesNotMatch(out, /BAD|NOTFOUND/);
});

test('rpm -qp shows the metadata, relations and scripts of the model', (t) => {
  if (!needTools(t, 'rpm')) return;
  const { dir, args } = fixture(t);
  const pkg = buildRpm(dir, args);
  const fields = queryFormat(pkg, '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{OS}\t%{LICENSE}\t%{SUMMARY}\t%{PACKAGER}\t%{VENDOR}\t%{URL}\t%{GROUP}\t%{SOURCERPM}\t%{BUILDTIME}\t%{BUILDHOST}\t%{PAYLOADCOMPRESSOR}\t%{FILEDIGESTALGO}\t%{ENCODING}\n').trimEnd().split('\t');
  assert.deepEqual(fields, ['demo', '1', '2.1~rc1', '3', 'x86_64', 'linux', 'MIT', 'Demo tool', 'Jane Doe <jane@example.com>',
    'Example', 'https://example.com/demo', 'Unspecified', 'demo-2.1~rc1-3.src.rpm', EPOCH, 'localhost', 'xz', '8', 'utf-8']);
  assert.notEqual(fields[14], hostname());
  assert.equal(queryFormat(pkg, '%{DESCRIPTION}'), 'It demonstrates.\nOn two lines.');

  const requires = runOk('rpm', ['-qp', '--qf', '[%{REQUIRENAME}\t%{REQUIREFLAGS}\t%{REQUIREVERSION}\n]', pkg]).stdout.trim().split('\n').sort();
  const evr = '1:2.1~rc1-3';
  const expected = [
    // interpreters with INTERP|SCRIPT_* (Requires(pre) etc.)
    '/bin/bash\t2304\t', '/bin/sh\t1280\t', '/bin/sh\t4352\t', '/bin/sh\t768\t',
    '(libfoo or libbar >= 2)\t0\t',
    `config(demo)\t268435464\t${evr}`,
    'libc6\t12\t2.17',
    ...['CompressedFileNames\t16777226\t3.0.4-1', 'FileDigests\t16777226\t4.6.0-1', 'PartialHardlinkSets\t16777226\t4.0.4-1',
      'PayloadFilesHavePrefix\t16777226\t4.0-1', 'PayloadIsXz\t16777226\t5.2-1', 'RichDependencies\t16777226\t4.12.0-1',
      'TildeInVersions\t16777226\t4.10.0-1'].map((s) => `rpmlib(${s}`.replace('\t', ')\t')),
  ].sort();
  assert.deepEqual(requires, expected);
  const provides = runOk('rpm', ['-qp', '--provides', pkg]).stdout.trim().split('\n').sort();
  assert.deepEqual(provides, [`config(demo) = ${evr}`, 'demo = ' + evr, 'demo(x86-64) = ' + evr, 'demo-api = 2'].sort());
  assert.equal(runOk('rpm', ['-qp', '--conflicts', pkg]).stdout.trim(), 'olddemo');
  assert.equal(runOk('rpm', ['-qp', '--obsoletes', pkg]).stdout.trim(), 'olddemo < 1.0');
  assert.equal(runOk('rpm', ['-qp', '--recommends', pkg]).stdout.trim(), 'demo-extras');
  assert.equal(runOk('rpm', ['-qp', '--suggests', pkg]).stdout.trim(), 'demo-docs');

  const scripts = runOk('rpm', ['-qp', '--scripts', pkg]).stdout;
  assert.ok(scripts.includes('preinstall scriptlet (using /bin/sh):\n#!/bin/sh\necho pre "$1"\n'), scripts);
  assert.ok(scripts.includes('postinstall scriptlet (using /bin/sh):\necho post "$1"\n'), scripts);
  assert.ok(scripts.includes('preuninstall scriptlet (using /bin/bash):\n#!/bin/bash\necho preun "$1"\n'), scripts);
  assert.ok(scripts.includes('postuninstall scriptlet (using /bin/sh):\n#!/bin/sh\necho postun "$1"\n'), scripts);
});

test('rpm -qp file arrays match the files on disk; rpm2cpio | cpio -t lists the payload', (t) => {
  if (!needTools(t, 'rpm', 'rpm2cpio', 'cpio')) return;
  const { dir, build, args } = fixture(t);
  const pkg = buildRpm(dir, args);
  const rows = queryFormat(pkg, '[%{FILENAMES}\t%{FILEMODES:octal}\t%{FILEUSERNAME}\t%{FILEGROUPNAME}\t%{FILESIZES}\t%{FILEMTIMES}\t%{FILELINKTOS}\t%{FILEFLAGS}\t%{FILEINODES}\t%{FILEDIGESTS}\n]')
    .trimEnd().split('\n').map((line) => line.split('\t'));
  const byPath = new Map(rows.map((r) => [r[0]!, r]));
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  const onDisk = (rel: string) => join(build, rel);

  // Every file of the tree is listed with its own mode, size, digest and link target.
  for (const rel of ['bin/tool', 'bin/suid', 'bin/tool-hardlink', 'bin/tool-symlink', LONG_FILE, UTF8_FILE, 'share/data.txt', 'share/long-link', 'with space.txt', 'empty']) {
    const row = byPath.get(`/opt/demo/${rel}`);
    assert.ok(row, `/opt/demo/${rel} not in the header`);
    const st = lstatSync(onDisk(rel));
    assert.equal(Number.parseInt(row[1]!, 8), st.mode, rel);
    assert.deepEqual([row[2], row[3], row[5]], ['root', 'root', EPOCH], rel);
    if (st.isSymbolicLink()) {
      assert.deepEqual([row[4], row[6], row[9]], [String(Buffer.byteLength(readlinkSync(onDisk(rel)))), readlinkSync(onDisk(rel)), ''], rel);
    } else if (st.isFile()) {
      assert.deepEqual([row[4], row[6], row[9]], [String(st.size), '', sha(onDisk(rel))], rel);
    }
  }
  assert.equal(byPath.get('/opt/demo/bin/tool')![8], byPath.get('/opt/demo/bin/tool-hardlink')![8], 'hardlinks share an inode');
  assert.notEqual(byPath.get('/opt/demo/bin/tool')![8], byPath.get('/opt/demo/bin/suid')![8]);
  assert.equal(byPath.get('/etc/demo/app.conf')![7], '17', '%config(noreplace)');
  // Standard directories are not owned; --directories and the input's own directories are.
  for (const dirPath of ['/etc', '/opt']) assert.ok(!byPath.has(dirPath), `${dirPath} must not be owned`);
  assert.ok(!byPath.has('/etc/demo'), 'an implicit parent is not owned');
  assert.ok(byPath.has('/opt/demo') && byPath.has('/opt/demo/empty'));

  const listing = runOk('sh', ['-c', `rpm2cpio "${pkg}" | cpio -t --quiet`]).stdout.trim().split('\n').sort();
  assert.deepEqual(listing, rows.map((r) => `.${r[0]}`).sort());
});

test('two runs with SOURCE_DATE_EPOCH write the same bytes; --rpm-buildhost is honoured', (t) => {
  if (!needTools(t, 'rpm')) return;
  const { dir, args } = fixture(t);
  mkdirSync(join(dir, 'one'));
  mkdirSync(join(dir, 'two'));
  const one = buildRpm(join(dir, 'one'), args);
  const two = buildRpm(join(dir, 'two'), args);
  assert.ok(readFileSync(one).equals(readFileSync(two)), 'the two packages differ');
  const named = buildRpm(join(dir, 'two'), [...args, '--rpm-buildhost', 'builder.example.com']);
  assert.equal(queryFormat(named, '%{BUILDHOST}'), 'builder.example.com');
});

test('rpmlint finds nothing beyond the Debian baseline (no-signature, invalid-license)', (t) => {
  if (!needTools(t, 'rpmlint')) return;
  const dir = tempDir(t);
  mkdirSync(join(dir, 'usr/bin'), { recursive: true });
  mkdirSync(join(dir, 'usr/share/man/man1'), { recursive: true });
  mkdirSync(join(dir, 'etc'), { recursive: true });
  writeFileSync(join(dir, 'usr/bin/greet'), '#!/bin/sh\necho hello\n', { mode: 0o755 });
  writeFileSync(join(dir, 'usr/share/man/man1/greet.1'), '.TH GREET 1\n.SH NAME\ngreet \\- greets\n');
  runOk('gzip', ['-9n', join(dir, 'usr/share/man/man1/greet.1')]);
  writeFileSync(join(dir, 'etc/greet.conf'), 'loud=no\n');
  writeFileSync(join(dir, 'post.sh'), '#!/bin/sh\n:\n');
  const pkg = buildRpm(dir, ['-s', 'dir', '-n', 'greet', '-v', '1.0', '-a', 'all', '--license', 'MIT',
    '-m', 'Jane Doe <jane@example.com>', '--url', 'https://example.com', '--category', 'Applications/System',
    '--description', 'Greets the user\nPrints a greeting.', '--after-install', join(dir, 'post.sh'), '-C', dir, 'usr', 'etc']);
  const result = runOk('sh', ['-c', `rpmlint "${pkg}" 2>&1; true`]);
  assert.match(result.stdout, /1 packages and 0 specfiles checked/, `rpmlint did not run:\n${result.stdout}`);
  // Errors only: warnings such as Debian's rpmlint expecting bzip2 man pages are distribution policy.
  const errors = result.stdout.split('\n').filter((l) => /: E: /.test(l));
  assert.deepEqual(errors.filter((l) => !/: E: no-signature$/.test(l)), [], result.stdout);
});

test('rpmsign --addsign signs in place, in the reserved space', (t) => {
  if (!needTools(t, 'rpm', 'rpmsign', 'gpg')) return;
  const { dir, args } = fixture(t);
  const pkg = buildRpm(dir, args);
  const home = join(dir, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: home };
  runOk('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key', 'Test Signer <signer@example.com>', 'rsa2048', 'sign', 'never'], { env });
  const signed = join(dir, 'signed.rpm');
  copyFileSync(pkg, signed);
  runOk('rpmsign', ['--define', '__gpg /usr/bin/gpg', '--define', '_gpg_name Test Signer',
    '--define', '_gpg_sign_cmd_extra_args --pinentry-mode loopback --passphrase ""', '--addsign', signed], { env });
  assert.equal(statSync(signed).size, statSync(pkg).size, 'the signature replaced reserved space: same size');
  const checked = run('rpm', ['-Kv', signed]).stdout;
  assert.match(checked, /Header V4 RSA\/SHA\d+ Signature, key ID [0-9a-f]+: NOKEY/);
  assert.match(checked, /Payload SHA256 digest: OK/);
  assert.match(checked, /MD5 digest: OK/);
});
