// npm input, end to end through the CLI with the real npm: packages generated here (a tiny
// library, an unscoped one with bin and man, a scoped pre-release with a `file:` dependency and a
// dev dependency) → tar, deb and rpm, installed by dpkg and rpm into throw-away roots, their bin run.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir, type RunResult } from '../support/helpers.js';

interface Fixtures {
  dir: string;
  tiny: string;
  greet: string;
  scoped: string;
  /** Written by the dependency's install script, when it runs. */
  marker: string;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function fixtures(t: TestContext): Fixtures {
  const dir = tempDir(t, 'pkgshift-npm-');
  const at = (...parts: string[]) => {
    const path = join(dir, ...parts);
    mkdirSync(join(path, '..'), { recursive: true });
    return path;
  };
  const marker = join(dir, 'install-script-ran');
  writeJson(at('tiny', 'package.json'), {
    name: 'tiny-lib', version: '0.1.0', description: 'A tiny library', main: 'index.js', license: 'MIT',
    author: 'Ada Lovelace <ada@example.org> (https://ada.example)', engines: { node: '>=18' },
  });
  writeFileSync(at('tiny', 'index.js'), 'module.exports = 42;\n');

  writeJson(at('greet', 'package.json'), {
    name: 'greet', version: '1.0.0', description: 'Greets', license: 'ISC', bin: 'bin/greet.js', man: ['./man/greet.1'],
    author: { name: 'Bob', email: 'bob@example.org' },
  });
  writeFileSync(at('greet', 'bin', 'greet.js'), '#!/usr/bin/env node\nconsole.log(`greetings from ${process.argv[2] ?? "greet"}`);\n');
  chmodSync(join(dir, 'greet', 'bin', 'greet.js'), 0o644); // the input must make it 0755
  writeFileSync(at('greet', 'man', 'greet.1'), '.TH GREET 1\n.SH NAME\ngreet \\- greets\n');

  writeJson(at('left-greeter', 'package.json'), {
    name: 'left-greeter', version: '1.0.0', main: 'index.js',
    scripts: { install: `node -e "require('fs').writeFileSync('${marker}', 'ran')"` },
  });
  writeFileSync(at('left-greeter', 'index.js'), 'module.exports = (who) => `hello, ${who}`;\n');
  writeJson(at('dev-only', 'package.json'), { name: 'dev-only', version: '1.0.0' });
  writeJson(at('scoped', 'package.json'), {
    name: '@acme/hello', version: '2.0.0-rc.1', description: 'Says hello', license: 'Apache-2.0',
    repository: 'github:acme/hello', bin: { hello: 'bin/hello.js', 'hello-again': 'bin/hello.js' },
    dependencies: { 'left-greeter': 'file:../left-greeter' }, devDependencies: { 'dev-only': 'file:../dev-only' },
    engines: { node: '^18.17.0 || >=20' },
  });
  writeFileSync(at('scoped', 'bin', 'hello.js'), '#!/usr/bin/env node\nconsole.log(require("left-greeter")("world"));\n');
  return { dir, tiny: join(dir, 'tiny'), greet: join(dir, 'greet'), scoped: join(dir, 'scoped'), marker };
}

function convert(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r: RunResult = pkgshift(['-s', 'npm', ...args], { env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function tarList(path: string): string[] {
  return runOk('tar', ['-tvf', path]).stdout.trim().split('\n');
}

test('npm input: a directory with a file: dependency → tar, laid out as npm -g does, dev deps and scripts left out', (t) => {
  if (!needTools(t, 'npm', 'tar')) return;
  const f = fixtures(t);
  const out = convert(['-t', 'tar', '-p', `${f.dir}/`, f.scoped]);
  assert.equal(out, join(f.dir, 'node-acme-hello-2.0.0~rc.1.tar.gz'));
  const listing = tarList(out);
  const names = listing.map((l) => l.replace(/^.* \.\//, './'));
  assert.ok(names.includes('./usr/lib/node_modules/@acme/hello/node_modules/left-greeter/index.js'), names.join('\n'));
  assert.ok(names.includes('./usr/bin/hello -> ../lib/node_modules/@acme/hello/bin/hello.js'));
  assert.ok(names.includes('./usr/bin/hello-again -> ../lib/node_modules/@acme/hello/bin/hello.js'));
  assert.ok(!names.some((n) => n.includes('dev-only')), 'no dev dependency');
  assert.match(listing.find((l) => l.endsWith(' ./usr/lib/node_modules/@acme/hello/bin/hello.js'))!, /^-rwxr-xr-x root\/root /);
  for (const line of listing) assert.match(line, / root\/root /);
  assert.equal(existsSync(f.marker), false, "the dependency's install script did not run");
});

test('npm input: --npm-run-scripts runs install scripts; --npm-name-prefix and --prefix change the convention', (t) => {
  if (!needTools(t, 'npm', 'tar')) return;
  const f = fixtures(t);
  const out = convert(['-t', 'tar', '--npm-run-scripts', '--npm-name-prefix', 'js', '--prefix', '/opt/node', '-p', `${f.dir}/`, f.scoped]);
  assert.equal(out, join(f.dir, 'js-acme-hello-2.0.0~rc.1.tar.gz'));
  assert.equal(readFileSync(f.marker, 'utf8'), 'ran');
  const names = tarList(out).map((l) => l.replace(/^.* \.\//, './'));
  assert.ok(names.includes('./opt/node/bin/hello -> ../lib/node_modules/@acme/hello/bin/hello.js'), names.join('\n'));
});

test('npm input → deb: dpkg installs the packages and the installed bin runs', (t) => {
  if (!needTools(t, 'npm', 'dpkg', 'dpkg-deb')) return;
  const f = fixtures(t);
  const root = dpkgRoot(t);
  const debs = [f.tiny, f.greet, f.scoped].map((input) => convert(['-t', 'deb', '-p', `${f.dir}/`, input]));
  assert.deepEqual(debs.map((d) => d.slice(f.dir.length + 1)), [
    'node-tiny-lib_0.1.0_all.deb', 'node-greet_1.0.0_all.deb', 'node-acme-hello_2.0.0~rc.1_all.deb',
  ]);
  const field = (deb: string, name: string) => runOk('dpkg-deb', ['-f', deb, name]).stdout.trim();
  assert.equal(field(debs[0]!, 'Depends'), 'nodejs (>= 18)');
  assert.equal(field(debs[0]!, 'Maintainer'), 'Ada Lovelace <ada@example.org>');
  assert.equal(field(debs[2]!, 'Depends'), 'nodejs (>= 18.17.0)');
  assert.equal(field(debs[2]!, 'Homepage'), 'https://github.com/acme/hello');
  dpkg(root, '--force-depends', '-i', ...debs);
  for (const name of ['node-tiny-lib', 'node-greet', 'node-acme-hello']) dpkg(root, '--verify', name);

  assert.equal(runOk(process.execPath, ['-p', `require(${JSON.stringify(join(root, 'usr/lib/node_modules/tiny-lib'))})`]).stdout.trim(), '42');
  assert.equal(runOk(process.execPath, [join(root, 'usr/lib/node_modules/@acme/hello/bin/hello.js')]).stdout, 'hello, world\n');
  assert.equal(runOk(process.execPath, [join(root, 'usr/bin/hello')]).stdout, 'hello, world\n');
  assert.equal(readlinkSync(join(root, 'usr/bin/greet')), '../lib/node_modules/greet/bin/greet.js');
  assert.equal(statSync(join(root, 'usr/lib/node_modules/greet/bin/greet.js')).mode & 0o777, 0o755);
  assert.equal(runOk(join(root, 'usr/bin/greet'), ['dpkg']).stdout, 'greetings from dpkg\n'); // executable, via its #!
  assert.ok(lstatSync(join(root, 'usr/share/man/man1/greet.1')).isSymbolicLink());
  assert.match(readFileSync(join(root, 'usr/share/man/man1/greet.1'), 'utf8'), /^\.TH GREET 1/);
});

test('npm input → rpm: rpm installs the scoped package and the installed bin runs', (t) => {
  if (!needTools(t, 'npm', 'rpm')) return;
  const f = fixtures(t);
  const rpm = convert(['-t', 'rpm', '-p', `${f.dir}/`, f.scoped]);
  assert.match(rpm, /node-acme-hello-2\.0\.0~rc\.1-1\.noarch\.rpm$/);
  assert.match(runOk('rpm', ['-qp', '--requires', rpm]).stdout, /^nodejs >= 18\.17\.0$/m);
  const root = tempDir(t, 'pkgshift-rpm-root-');
  const db = ['--root', root, '--dbpath', '/var/lib/rpm'];
  runOk('rpm', [...db, '--initdb']);
  runOk('rpm', [...db, '-i', '--nodeps', '--noscripts', rpm]);
  runOk('rpm', [...db, '-V', '--nodeps', 'node-acme-hello']);
  assert.equal(runOk(process.execPath, [join(root, 'usr/lib/node_modules/@acme/hello/bin/hello.js')]).stdout, 'hello, world\n');
  assert.equal(runOk(process.execPath, [join(root, 'usr/bin/hello-again')]).stdout, 'hello, world\n');
});

test('npm input: an `npm pack` tarball → deb installs and runs', (t) => {
  if (!needTools(t, 'npm', 'dpkg')) return;
  const f = fixtures(t);
  const packed = JSON.parse(runOk('npm', ['pack', f.greet, '--pack-destination', f.dir, '--json', '--ignore-scripts']).stdout) as { filename: string }[];
  const tgz = join(f.dir, packed[0]!.filename);
  const deb = convert(['-t', 'deb', '-p', `${f.dir}/`, tgz]);
  const root = dpkgRoot(t);
  dpkg(root, '--force-depends', '-i', deb);
  assert.equal(runOk(process.execPath, [join(root, 'usr/bin/greet'), 'a tarball']).stdout, 'greetings from a tarball\n');
});

test('npm input: missing inputs and directories without package.json are clear errors', (t) => {
  const dir = tempDir(t);
  const missing = pkgshift(['-s', 'npm', '-t', 'tar', '-p', `${dir}/`, './no-such-dir']);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'pkgshift: error: ./no-such-dir: no such file or directory\n');
  const empty = pkgshift(['-s', 'npm', '-t', 'tar', '-p', `${dir}/`, dir]);
  assert.equal(empty.status, 1);
  assert.equal(empty.stderr, `pkgshift: error: ${dir} is a directory without package.json\n`);
});

/** True when the npm registry answers; otherwise skips (fails under PKGSHIFT_REQUIRE_TOOLS=1). */
function registryReachable(t: TestContext): boolean {
  if (!needTools(t, 'npm')) return false;
  if (registryAnswers()) return true;
  if (process.env.PKGSHIFT_REQUIRE_TOOLS === '1') throw new Error('PKGSHIFT_REQUIRE_TOOLS=1 but the npm registry is unreachable (npm view semver@7.6.0 failed)');
  t.skip('the npm registry is unreachable (npm view semver@7.6.0 failed)');
  return false;
}

function registryAnswers(): boolean {
  try {
    return runOk('npm', ['view', 'semver@7.6.0', 'version'], { timeout: 60_000 }).stdout.trim() === '7.6.0';
  } catch {
    return false;
  }
}

test('npm input: semver@7.6.0 from the registry → deb and rpm install, and its bin runs', (t) => {
  if (!registryReachable(t) || !needTools(t, 'dpkg', 'rpm')) return;
  const dir = tempDir(t);
  const deb = convert(['-t', 'deb', '-p', `${dir}/`, 'semver@7.6.0']);
  assert.equal(deb, join(dir, 'node-semver_7.6.0_all.deb'));
  const droot = dpkgRoot(t);
  dpkg(droot, '--force-depends', '-i', deb);
  dpkg(droot, '--verify', 'node-semver');
  assert.equal(runOk(process.execPath, [join(droot, 'usr/bin/semver'), '-r', '^7', '7.6.0', '6.0.0']).stdout, '7.6.0\n');

  const rpm = convert(['-t', 'rpm', '-p', `${dir}/`, 'semver@7.6.0']);
  const rroot = tempDir(t, 'pkgshift-rpm-root-');
  const db = ['--root', rroot, '--dbpath', '/var/lib/rpm'];
  runOk('rpm', [...db, '--initdb']);
  runOk('rpm', [...db, '-i', '--nodeps', '--noscripts', rpm]);
  runOk('rpm', [...db, '-V', '--nodeps', 'node-semver']);
  assert.equal(runOk(process.execPath, [join(rroot, 'usr/lib/node_modules/semver/bin/semver.js'), '1.2.3-rc.1']).stdout, '1.2.3-rc.1\n');

  const nope = pkgshift(['-s', 'npm', '-t', 'deb', '-p', `${dir}/`, 'semver@999.0.0']);
  assert.equal(nope.status, 1);
  assert.match(nope.stderr, /^pkgshift: error: npm install semver@999\.0\.0 failed: .*No matching version/);
  assert.equal(nope.stderr.split('\n').length, 2, 'one line');
});
