import assert from 'node:assert/strict';
import test from 'node:test';
import { PkgError } from '../../src/core/errors.js';
import { emptyMetadata, type FileEntry, type PackageModel } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { canonicalPath, resolveLinkTarget } from '../../src/core/paths.js';
import { bufferSource } from '../../src/core/source.js';

function entry(path: string, type: FileEntry['type'] = 'file', extra: Partial<FileEntry> = {}): FileEntry {
  return { path, type, mode: type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, user: '', group: '', mtime: 2000000000, size: 0, ...extra };
}

function model(files: FileEntry[]): PackageModel {
  return { metadata: { ...emptyMetadata(), name: 'x' }, files, scripts: [] };
}

test('canonicalPath makes paths absolute and clean, and refuses ..', () => {
  assert.equal(canonicalPath('usr//bin/./foo/'), '/usr/bin/foo');
  assert.equal(canonicalPath('/'), '/');
  assert.throws(() => canonicalPath('/usr/../etc/passwd'), (e: unknown) => e instanceof PkgError && e.code === 'path-invalid');
  assert.throws(() => canonicalPath('a\0b'), PkgError);
});

test('resolveLinkTarget resolves inside the root and reports escapes', () => {
  assert.equal(resolveLinkTarget('/usr/bin/x', '../lib/y'), '/usr/lib/y');
  assert.equal(resolveLinkTarget('/usr/bin/x', '/etc/z'), '/etc/z');
  assert.equal(resolveLinkTarget('/usr/x', '../../../etc'), null);
});

test('normalize adds implicit parents, sorts bytewise, defaults owners and clamps mtimes', () => {
  const out = normalize(model([entry('usr/share/b'), entry('/usr/bin/a'), entry('/usr/bin', 'dir', { mode: 0o750 })]), { sourceDateEpoch: 1000 });
  assert.deepEqual(out.files.map((f) => f.path), ['/usr', '/usr/bin', '/usr/bin/a', '/usr/share', '/usr/share/b']);
  assert.equal(out.files.find((f) => f.path === '/usr/bin')!.mode, 0o750, 'explicit directory keeps its mode');
  const implicit = out.files.find((f) => f.path === '/usr/share')!;
  assert.equal(implicit.implicit, true);
  assert.equal(implicit.mode, 0o755);
  assert.ok(out.files.every((f) => f.user === 'root' && f.group === 'root' && f.mtime === 1000));
});

test('normalize keeps mtimes older than SOURCE_DATE_EPOCH and drops the root entry', () => {
  const out = normalize(model([entry('/', 'dir'), entry('/a', 'file', { mtime: 5 })]), { sourceDateEpoch: 1000 });
  assert.deepEqual(out.files.map((f) => [f.path, f.mtime]), [['/a', 5]]);
});

test('duplicate paths are a typed error', () => {
  assert.throws(() => normalize(model([entry('/a'), entry('a/')])), (e: unknown) => e instanceof PkgError && e.code === 'path-duplicate');
});

test('a path with .. is refused', () => {
  assert.throws(() => normalize(model([entry('/opt/../etc/shadow')])), (e: unknown) => e instanceof PkgError && e.code === 'path-invalid');
});

test('a file under a non-directory is refused', () => {
  assert.throws(() => normalize(model([entry('/a'), entry('/a/b')])), PkgError);
});

test('the first path of a hardlink set in sorted order holds the content', () => {
  const source = bufferSource('data');
  const out = normalize(model([
    entry('/z/holder', 'file', { size: 4, source, mode: 0o4755 }),
    entry('/a/link', 'hardlink', { target: '/z/holder' }),
    entry('/m/link2', 'hardlink', { target: '/z/holder' }),
  ]));
  const byPath = new Map(out.files.map((f) => [f.path, f]));
  assert.equal(byPath.get('/a/link')!.type, 'file');
  assert.equal(byPath.get('/a/link')!.source, source);
  assert.equal(byPath.get('/a/link')!.mode, 0o4755);
  assert.deepEqual([byPath.get('/m/link2')!.type, byPath.get('/m/link2')!.target], ['hardlink', '/a/link']);
  assert.deepEqual([byPath.get('/z/holder')!.type, byPath.get('/z/holder')!.target, byPath.get('/z/holder')!.size], ['hardlink', '/a/link', 0]);
});

test('a hardlink to a missing file is an error', () => {
  assert.throws(() => normalize(model([entry('/a', 'hardlink', { target: '/nope' })])), /not in the package/);
});
