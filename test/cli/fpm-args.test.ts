// fpm's ways of passing arguments: a .fpm file in the working directory, --inputs, --exclude-file,
// -p templates, --workdir, --log; and the errors a user gets for what pkgshift will not do.
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import test from 'node:test';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { pkgshift, tempDir } from '../support/helpers.js';

async function names(path: string): Promise<string[]> {
  const found: string[] = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    found.push(header.name);
    stream.resume();
    stream.on('end', next);
  });
  await pipeline(createReadStream(path), createGunzip(), reader);
  return found.sort();
}

function tree(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  for (const sub of ['a', 'b', 'c']) {
    mkdirSync(join(dir, sub));
    writeFileSync(join(dir, sub, 'keep.txt'), sub);
    writeFileSync(join(dir, sub, 'skip.log'), sub);
  }
  return dir;
}

test('.fpm holds options read before the command line; --inputs and --exclude-file read lists; -p expands fpm words', async (t) => {
  const dir = tree(t);
  writeFileSync(join(dir, '.fpm'), "-s dir -t tar\n-n 'from dotfpm' # a comment\n-v 9.9 --exclude-file excludes\n");
  writeFileSync(join(dir, 'excludes'), '# logs are noise\n*.log\n');
  writeFileSync(join(dir, 'inputs'), 'b\n\nc\n');
  const result = pkgshift(['-n', 'app', '--inputs', 'inputs', '-p', 'NAME-VERSION.TYPE.tar.gz', 'a'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), join(dir, 'app-9.9.tar.tar.gz'), 'the command line -n wins over .fpm; -v comes from .fpm');
  assert.deepEqual(await names(join(dir, 'app-9.9.tar.tar.gz')), ['./a/', './a/keep.txt', './b/', './b/keep.txt', './c/', './c/keep.txt']);
});

test('--workdir holds the temporary files; --log error prints only errors', (t) => {
  const dir = tree(t);
  const work = join(dir, 'work');
  mkdirSync(work);
  const result = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', '--workdir', work, '--log', 'error', '-p', join(dir, 'x.tar.gz'), '-C', dir, 'a'], {});
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '', '--log error is quiet');
  assert.equal(result.stderr, '');
  assert.deepEqual(readdirSync(work), [], 'the run removed its temporary directory');
  const missing = pkgshift(['-s', 'dir', '-t', 'tar', '-n', 'x', '--workdir', join(dir, 'nope'), '-p', join(dir, 'y.tar.gz'), '-C', dir, 'a']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--workdir .*nope: no such directory/);
});

test('template code, unknown --rpm-tag and bad --rpm-attr are one-line errors, nothing written', (t) => {
  const dir = tree(t);
  writeFileSync(join(dir, 'post.sh'), 'echo <%= `id` %>\n');
  const cases: [string[], RegExp][] = [
    [['-t', 'deb', '--after-install', 'post.sh', '--template-scripts'], /post\.sh line 1: '<%= `id` %>' is not a plain value/],
    [['-t', 'rpm', '--rpm-tag', 'BuildRoot: /tmp'], /does not write the spec tag 'BuildRoot'/],
    [['-t', 'rpm', '--rpm-attr', '750:/a/keep.txt'], /--rpm-attr '750:\/a\/keep\.txt': expected MODE,USER,GROUP:PATH/],
    [['-t', 'rpm', '--rpm-attr', '750,-,-:/nowhere'], /\/nowhere is not in the package/],
    [['-t', 'rpm', '--rpm-digest', 'crc32'], /--rpm-digest crc32: expected one of/],
  ];
  for (const [args, message] of cases) {
    const result = pkgshift(['-s', 'dir', '-n', 'x', '--license', 'MIT', '--description', 'x', '--no-lint', ...args, '-p', join(dir, 'out'), 'a'], { cwd: dir });
    assert.notEqual(result.status, 0, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.match(/error:/g)?.length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(join(dir, 'out')));
  }
});
