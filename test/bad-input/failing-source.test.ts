// Every output's stream graph with a content source that fails part-way (an input file that becomes
// unreadable, a spool that cannot be re-read): the conversion rejects with that one error, no
// 'error' event goes unhandled, no output and no temporary file is left — for every output and
// compression.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { PkgError } from '../../src/core/errors.js';
import type { ContentSource } from '../../src/core/model.js';
import { readPackage, withRunContext, writePackage } from '../../src/pipeline.js';
import { findInput } from '../../src/registry.js';
import { tempDir } from '../support/helpers.js';

/** `size` bytes promised; `given` of them arrive, then the read fails (or, with `short`, simply ends). */
function failingSource(size: number, given: number, short = false): ContentSource {
  return {
    size,
    describe: 'opt/data (failing)',
    async *open() {
      for (let sent = 0; sent < given; sent += 64 * 1024) yield Buffer.alloc(Math.min(64 * 1024, given - sent), 0x61);
      if (!short) throw new PkgError('input-unreadable', 'reading opt/data: the disk went away');
    },
  };
}

test('a content source failing part-way ends every output cleanly with its error, nothing left', async (t) => {
  const dir = tempDir(t);
  for (const d of ['root/opt', 'out', 'work']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'root/opt/data'), 'placeholder');
  const unhandled: unknown[] = [];
  const record = (err: unknown) => unhandled.push(err);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  t.after(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  const size = 3 * 1024 * 1024;
  const outputs: [string, string, string[]][] = [
    ['deb', 'debCompression', ['gzip', 'xz', 'zstd', 'none']],
    ['rpm', 'rpmCompression', ['gzip', 'xz', 'zstd', 'none']],
    ['tar', 'compression', ['gzip', 'xz', 'zstd', 'none']],
  ];
  for (const [target, option, compressions] of outputs) {
    for (const compression of compressions) {
      for (const [given, short, message] of [[0, false, /the disk went away/], [size / 2, false, /the disk went away/], [size / 2, true, /opt\/data/]] as const) {
        const what = `${target} ${compression}, ${given} bytes then ${short ? 'the end' : 'an error'}`;
        const options = { chdir: join(dir, 'root'), name: 'app', version: '1', architecture: 'all', maintainer: 'A <a@example.org>', description: 'x', license: 'MIT', [option]: compression };
        const diag = new Diagnostics(() => undefined);
        await assert.rejects(withRunContext(diag, false, async (ctx) => {
          const read = await readPackage(findInput('dir'), ['.'], options, ctx);
          const file = read.files.find((f) => f.path === '/opt/data')!;
          Object.assign(file, { size, source: failingSource(size, given, short) });
          return writePackage(read, { target, inputs: ['.'], options: { ...options, package: `${join(dir, 'out')}/`, lint: false } }, ctx, { buildRoots: [] });
        }, { workdir: join(dir, 'work') }), (err: unknown) => err instanceof PkgError && message.test(err.message), what);
        assert.deepEqual(readdirSync(join(dir, 'out')), [], `${what}: no output`);
        assert.deepEqual(readdirSync(join(dir, 'work')), [], `${what}: no temporary file`);
      }
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // a late 'error' event would surface here
  assert.deepEqual(unhandled, [], 'no unhandled error event or rejection');
});
