// Golden files (test/golden/): what the writers put in a package, as reviewable text. The sample
// package is written in process; the rpm headers are dumped as `TAG = value`, the deb's ar members,
// control.tar members and control files as they are, the tarball as a listing. A change to a writer
// shows up here as a diff; after reviewing it, `PKGSHIFT_UPDATE_GOLDEN=1` rewrites the files.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'node:test';
import type { RpmHeader } from '../../src/formats/rpm/header-read.js';
import { SigTag, Tag } from '../../src/formats/rpm/tags.js';
import { DebFile } from '../../src/inputs/deb/deb-file.js';
import { readControlTar } from '../../src/inputs/deb/control-tar.js';
import { readRpmFile } from '../../src/inputs/rpm/package-file.js';
import { tarInput } from '../../src/inputs/tar.js';
import { debOutput } from '../../src/outputs/deb/index.js';
import { rpmOutput } from '../../src/outputs/rpm/index.js';
import { tarOutput } from '../../src/outputs/tar.js';
import { withRunContext } from '../../src/pipeline.js';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { ROOT, tempDir } from '../support/helpers.js';
import { samplePackage, writeSample } from '../support/sample-package.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.PKGSHIFT_UPDATE_GOLDEN === '1';

function matchesGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `test/golden/${name} is missing: PKGSHIFT_UPDATE_GOLDEN=1 writes it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `test/golden/${name} differs (after review, PKGSHIFT_UPDATE_GOLDEN=1 rewrites it)`);
}

function tagNames(table: Record<string, number>): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, tag] of Object.entries(table)) if (!names.has(tag)) names.set(tag, name);
  return names;
}

function formatValue(value: unknown): string {
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  return JSON.stringify(value);
}

/** One `TAG = value` line per entry, in the header's index order. */
function dumpHeader(header: RpmHeader, names: Map<number, string>): string {
  return [...header.entries.values()].map((e) => `${names.get(e.tag) ?? e.tag} = ${formatValue(e.value)}\n`).join('');
}

test('golden: the rpm header and signature header of the sample package', async (t) => {
  const dir = tempDir(t);
  // An uncompressed payload: its digests then depend on pkgshift alone, not on a compression library's version.
  const { path } = await writeSample(rpmOutput, samplePackage(), dir, { rpmCompression: 'none' });
  const rpm = await readRpmFile(path, 'sample.rpm');
  matchesGolden('rpm/header.txt', dumpHeader(rpm.header, tagNames(Tag)));
  matchesGolden('rpm/signature.txt', dumpHeader(rpm.signature, tagNames(SigTag)));
});

test('golden: the deb members, control.tar members and control files of the sample package', async (t) => {
  const dir = tempDir(t);
  const { path } = await writeSample(debOutput, samplePackage(), dir, { debCompression: 'gzip' });
  const files = await DebFile.use(path, 'sample.deb', async (deb) => {
    matchesGolden('deb/ar-members.txt', deb.members.map((m) => `${m.name} mode=${m.mode.toString(8)} uid=${m.uid} gid=${m.gid} mtime=${m.mtime}\n`).join(''));
    const control = deb.members.find((m) => m.name.startsWith('control.tar'))!;
    return readControlTar(deb.stream(control), await deb.compression(control));
  });
  matchesGolden('deb/control-members.txt', [...files.values()].map((f) => `${f.name} mode=${f.mode.toString(8)} size=${f.data.length}\n`).join(''));
  for (const name of ['control', 'md5sums', 'conffiles', 'postinst', 'prerm']) {
    const file = files.get(name);
    assert.ok(file, `control.tar has ${name}`);
    matchesGolden(`deb/${name}`, file.data.toString('utf8'));
  }
});

test('golden: the tarball of the sample package, as the tar input reads it back', async (t) => {
  const dir = tempDir(t);
  const { path } = await writeSample(tarOutput, samplePackage(), dir);
  const model = await withRunContext(new Diagnostics(), false, (ctx) => tarInput.read([path], {}, ctx));
  matchesGolden('tar/listing.txt', model.files.map((f) =>
    `${f.type} ${f.path} ${f.mode.toString(8)} ${f.user}:${f.group} ${f.mtime} ${f.size}${f.target ? ` -> ${f.target}` : ''}\n`).join(''));
});
