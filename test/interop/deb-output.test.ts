// The deb output through the CLI (dir → deb): fields as dpkg-deb shows them, golden control,
// md5sums and conffiles as dpkg-deb extracts them, reproducibility, lintian, and refusals.
import test from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pkgshift, needTools, run, runOk, tempDir } from '../support/helpers.js';
import { dpkg, dpkgRoot } from '../support/deb.js';

const SDE = '1700000000';

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return pkgshift(args, { cwd, env: { ...process.env, DEBEMAIL: '', EMAIL: '', DEBFULLNAME: '', SOURCE_DATE_EPOCH: SDE, ...env } });
}

function cliOk(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = cli(args, cwd, env);
  assert.equal(result.status, 0, `pkgshift ${args.join(' ')}\n${result.stderr}`);
  return result;
}

/** A small tree: a script, a conffile under /etc, a hardlink pair, a symlink, an empty dir. */
function makeTree(work: string): string {
  const root = join(work, 'in');
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(join(root, 'usr/share/tool/empty'), { recursive: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'usr/bin/tool'), '#!/bin/sh\necho tool\n');
  chmodSync(join(root, 'usr/bin/tool'), 0o755);
  writeFileSync(join(root, 'etc/tool.conf'), 'x = 1\n');
  writeFileSync(join(root, 'usr/share/tool/a'), 'shared\n');
  linkSync(join(root, 'usr/share/tool/a'), join(root, 'usr/share/tool/b'));
  writeFileSync(join(root, 'usr/share/tool/data'), 'data\n');
  symlinkSync('a', join(root, 'usr/share/tool/link'));
  return root;
}

const GOLDEN_ARGS = [
  '-s', 'dir', '-t', 'deb', '-n', 'tool', '-v', '2.1', '--iteration', '3', '--epoch', '1', '-a', 'x86_64',
  '-m', 'Jane Admin <jane@example.org>', '--url', 'https://example.org/tool', '--category', 'utils',
  '--description', 'Tool for tests\nIt does little.\n\nBut it does it well.',
  '-d', 'libc6 (>= 2.17)', '-d', 'foo | bar', '--conflicts', 'oldtool', '--provides', 'tool-api (= 2)',
  '--config-files', '/usr/share/tool/data', '--deb-field', 'X-Origin-Test: golden', '-C', 'in', '.',
];

test('golden control, md5sums and conffiles, as dpkg-deb extracts them', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const work = tempDir(t);
  makeTree(work);
  const written = cliOk(GOLDEN_ARGS, work).stdout.trim();
  assert.equal(written, join(work, 'tool_2.1-3_amd64.deb'));
  runOk('dpkg-deb', ['-e', written, join(work, 'DEBIAN')]);
  const read = (name: string) => readFileSync(join(work, 'DEBIAN', name), 'utf8');
  assert.deepEqual(readdirSync(join(work, 'DEBIAN')).sort(), ['conffiles', 'control', 'md5sums']);
  // Installed-Size: 15 objects of ≤ 1 KiB each (root, 8 dirs, 5 files, 1 symlink; the hardlink b counted
  // once; the generated changelog and its two doc dirs, README "Changelogs"), plus DEBIAN/ and its
  // conffiles as dpkg-gencontrol counts them.
  assert.equal(read('control'), [
    'Package: tool',
    'Version: 1:2.1-3',
    'Architecture: amd64',
    'Maintainer: Jane Admin <jane@example.org>',
    'Installed-Size: 17',
    'Depends: libc6 (>= 2.17), foo | bar',
    'Conflicts: oldtool',
    'Provides: tool-api (= 2)',
    'Section: utils',
    'Priority: optional',
    'Homepage: https://example.org/tool',
    'X-Origin-Test: golden',
    'Description: Tool for tests',
    ' It does little.',
    ' .',
    ' But it does it well.',
    '',
  ].join('\n'));
  // As dh_md5sums: every regular file and hardlink path, conffiles left out (dpkg hashes those itself).
  assert.equal(read('md5sums'), [
    '96ea3542c66f3a9889d2395ed319505b  usr/bin/tool',
    'e03fe0f74bb98380be00331c281e6058  usr/share/doc/tool/changelog.Debian.gz',
    '0c2710c14e36d184252ea92fc65093f4  usr/share/tool/a',
    '0c2710c14e36d184252ea92fc65093f4  usr/share/tool/b',
    '',
  ].join('\n'));
  assert.equal(read('conffiles'), '/etc/tool.conf\n/usr/share/tool/data\n');

  // dpkg-deb -c lists data.tar as dpkg-deb --build writes it: ./ first, parents first, root owner.
  const listing = runOk('dpkg-deb', ['-c', written]).stdout.split('\n').filter(Boolean)
    .map((line) => line.split(/\s+/).slice(5).join(' '));
  assert.deepEqual(listing, [
    './', './etc/', './etc/tool.conf', './usr/', './usr/bin/', './usr/bin/tool', './usr/share/',
    './usr/share/doc/', './usr/share/doc/tool/', './usr/share/doc/tool/changelog.Debian.gz', './usr/share/tool/',
    './usr/share/tool/a', './usr/share/tool/b link to ./usr/share/tool/a', './usr/share/tool/data',
    './usr/share/tool/empty/', './usr/share/tool/link -> a',
  ]);
});

test('dpkg-deb --info and -f show the fields set on the command line (the README example)', (t) => {
  if (!needTools(t, 'dpkg-deb', 'dpkg')) return;
  const work = tempDir(t);
  mkdirSync(join(work, 'build/bin'), { recursive: true });
  writeFileSync(join(work, 'build/bin/myapp'), '#!/bin/sh\necho myapp\n');
  writeFileSync(join(work, 'post.sh'), 'echo "myapp configured: $1" > "$DPKG_ROOT/myapp-proof"\n');
  const result = cliOk(['-s', 'dir', '-t', 'deb', '-n', 'myapp', '-v', '1.2.0', '--iteration', '1', '-a', 'amd64',
    '-m', 'Jane Admin <jane@example.org>', '--description', 'My app\nLonger text.', '-d', 'dpkg (>= 1.17)',
    '--after-install', 'post.sh', './build=/opt/myapp', '--verbose'], work);
  const deb = result.stdout.trim();
  assert.match(result.stderr, /no '#!' line: '#!\/bin\/sh' was added to postinst/);
  const fields = runOk('dpkg-deb', ['-f', deb, 'Package', 'Version', 'Architecture', 'Maintainer', 'Depends', 'Description']).stdout;
  assert.equal(fields, 'Package: myapp\nVersion: 1.2.0-1\nArchitecture: amd64\nMaintainer: Jane Admin <jane@example.org>\n' +
    'Depends: dpkg (>= 1.17)\nDescription: My app\n Longer text.\n');
  const info = runOk('dpkg-deb', ['--info', deb]).stdout;
  assert.match(info, /^ new Debian package, version 2\.0\.$/m);
  assert.match(info, /^ +\d+ bytes, +2 lines +\* +postinst +#!\/bin\/sh$/m);
  // 5 data objects + the generated changelog and its 3 new parent dirs (README "Changelogs") + DEBIAN/ + postinst
  assert.match(info, /^ Installed-Size: 12$/m);

  const root = dpkgRoot(t);
  dpkg(root, '-i', '--force-depends', deb);
  assert.equal(readFileSync(join(root, 'opt/myapp/bin/myapp'), 'utf8'), '#!/bin/sh\necho myapp\n');
  assert.equal(readFileSync(join(root, 'myapp-proof'), 'utf8'), 'myapp configured: configure\n');
});

test('reproducible: two runs write the same bytes; ar, tar and gzip times are SOURCE_DATE_EPOCH or absent', (t) => {
  if (!needTools(t, 'ar', 'tar')) return;
  const work = tempDir(t);
  makeTree(work);
  for (const compression of ['gzip', 'xz']) {
    const args = [...GOLDEN_ARGS, '--deb-compression', compression];
    const first = cliOk([...args, '-f', '-p', 'one.deb'], work);
    const second = cliOk([...args, '-f', '-p', 'two.deb'], work);
    assert.ok(first.stdout && second.stdout);
    assert.ok(readFileSync(join(work, 'one.deb')).equals(readFileSync(join(work, 'two.deb'))), `${compression}: same bytes`);
  }
  // The gzip pair: inspect with the real tools.
  const deb = join(work, 'two.deb');
  cliOk([...GOLDEN_ARGS, '--deb-compression', 'gzip', '-p', deb, '-f'], work);
  assert.equal(runOk('ar', ['t', deb]).stdout, 'debian-binary\ncontrol.tar.gz\ndata.tar.gz\n');
  const bytes = readFileSync(deb);
  assert.equal(bytes.subarray(8 + 16, 8 + 28).toString('latin1'), `${SDE}  `, 'ar mtime of debian-binary');
  runOk('sh', ['-c', `cd "${work}" && ar x two.deb && mkdir -p x && tar -xzf data.tar.gz -C x`]);
  const gz = readFileSync(join(work, 'data.tar.gz'));
  assert.deepEqual([...gz.subarray(4, 8)], [0, 0, 0, 0], 'gzip header MTIME is zero');
  const times = runOk('tar', ['--full-time', '-tvzf', join(work, 'control.tar.gz')], { env: { ...process.env, TZ: 'UTC' } }).stdout;
  for (const line of times.trim().split('\n')) assert.match(line, / 2023-11-14 22:13:20 /, line);
});

test('lintian reports no error for a package with full metadata', (t) => {
  if (!needTools(t, 'lintian')) return;
  const work = tempDir(t);
  const root = join(work, 'in');
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(join(root, 'usr/share/doc/myapp'), { recursive: true });
  mkdirSync(join(root, 'usr/share/man/man1'), { recursive: true });
  mkdirSync(join(root, 'etc/myapp'), { recursive: true });
  writeFileSync(join(root, 'usr/bin/myapp'), '#!/bin/sh\necho hello\n');
  chmodSync(join(root, 'usr/bin/myapp'), 0o755);
  writeFileSync(join(root, 'etc/myapp/myapp.conf'), 'greeting = hello\n');
  // What lintian requires of every binary package's content (not something the output invents):
  // a copyright file and a Debian changelog, compressed with gzip -9 and no time stamp.
  writeFileSync(join(root, 'usr/share/doc/myapp/copyright'),
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: myapp\n\nFiles: *\nCopyright: 2024 Jane Admin\nLicense: MIT\n');
  writeFileSync(join(root, 'usr/share/doc/myapp/changelog.Debian.gz'), gzipSync(
    'myapp (1.2.0-1) unstable; urgency=medium\n\n  * Initial release. (Closes: #1050000)\n\n -- Jane Admin <jane@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n', { level: 9 }));
  writeFileSync(join(root, 'usr/share/man/man1/myapp.1.gz'), gzipSync('.TH MYAPP 1\n.SH NAME\nmyapp \\- say hello\n', { level: 9 }));
  writeFileSync(join(work, 'postinst.sh'), '#!/bin/sh\nset -e\nif [ "$1" = configure ]; then echo "myapp configured"; fi\n');
  writeFileSync(join(work, 'postrm.sh'), '#!/bin/sh\nset -e\nif [ "$1" = purge ]; then rm -rf /var/lib/myapp; fi\n');
  const deb = cliOk(['-s', 'dir', '-t', 'deb', '-n', 'myapp', '-v', '1.2.0', '--iteration', '1', '-a', 'all',
    '-m', 'Jane Admin <jane@example.org>', '--url', 'https://example.org/myapp', '--category', 'utils', '--license', 'MIT',
    '--description', 'Example application for testing\nThis package exercises the deb output of pkgshift: a\nsmall shell script with a configuration file.',
    '-d', 'libc6 (>= 2.17)', '--recommends', 'curl', '--after-install', 'postinst.sh', '--after-remove', 'postrm.sh',
    '-C', 'in', '.'], work).stdout.trim();
  const lint = run('lintian', ['--no-cfg', '--pedantic', '-I', '--fail-on', 'error', deb]);
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  const tags = lint.stdout.split('\n').filter((l) => /^[EWIP]: /.test(l));
  assert.deepEqual(tags.filter((l) => l.startsWith('E:')), []);
  // lintian's pedantic view of this package should be empty; print what remains for the reader.
  if (tags.length) t.diagnostic(`lintian: ${tags.join('; ')}`);
});

test('versions deb cannot carry are translated, with a warning', (t) => {
  const work = tempDir(t);
  mkdirSync(join(work, 'in'));
  writeFileSync(join(work, 'in/f'), 'x');
  const result = cli(['-s', 'dir', '-t', 'deb', '-n', 'ok-name', '-v', '1.0_1', '--iteration', 'a-b', '-C', 'in', '-p', 'out.deb', '.'], work);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /warning: version 1\.0_1-a-b is written as 1\.0\.1-a\.b/);
  assert.equal(run('dpkg-deb', ['-f', join(work, 'out.deb'), 'Version']).stdout.trim(), '1.0.1-a.b');
});

test('bad metadata and options fail cleanly: a message, an exit code, no output file', (t) => {
  const work = tempDir(t);
  mkdirSync(join(work, 'in'));
  writeFileSync(join(work, 'in/f'), 'x');
  const cases: [string[], number, RegExp][] = [
    [['-n', 'x'], 1, /cannot be a deb package name/],
    [['--deb-compression', 'bzip2'], 2, /--deb-compression bzip2: pkgshift writes none, gzip, xz, zstd/],
    [['--deb-compression', 'gzip', '--deb-compression-level', '12'], 2, /gzip compression level must be 1\.\.9/],
    [['--deb-field', 'Version: 3'], 2, /--deb-field cannot set Version/],
    [['--deb-field', 'Bad Name: 3'], 1, /not a valid control field name/],
  ];
  for (const [extra, status, message] of cases) {
    const result = cli(['-s', 'dir', '-t', 'deb', '-n', 'ok-name', '-v', '1.0', ...extra, '-C', 'in', '-p', 'out.deb', '.'], work);
    assert.equal(result.status, status, `${extra.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').filter((l) => l.includes('error')).length, 1, result.stderr);
    assert.ok(!existsSync(join(work, 'out.deb')), `${extra.join(' ')}: no output left`);
    assert.deepEqual(readdirSync(work).sort(), ['in']);
  }
});

test('maintainer from DEBFULLNAME/DEBEMAIL; without them a placeholder and a warning', (t) => {
  if (!needTools(t, 'dpkg-deb')) return;
  const work = tempDir(t);
  mkdirSync(join(work, 'in'));
  writeFileSync(join(work, 'in/f'), 'x');
  const base = ['-s', 'dir', '-t', 'deb', '-n', 'who', '-C', 'in', '-f', '.'];
  const fromEnv = cliOk(base, work, { DEBFULLNAME: 'Deb Full', DEBEMAIL: 'deb@example.org' }).stdout.trim();
  assert.equal(runOk('dpkg-deb', ['-f', fromEnv, 'Maintainer']).stdout, 'Deb Full <deb@example.org>\n');
  const placeholder = cliOk(base, work);
  assert.match(placeholder.stderr, /warning: no maintainer given/);
  assert.equal(runOk('dpkg-deb', ['-f', placeholder.stdout.trim(), 'Maintainer']).stdout,
    'pkgshift placeholder <maintainer-unknown@pkgshift.invalid>\n');
});
