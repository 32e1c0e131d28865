// CI's fixed-seed fuzz round: a few hundred mutated packages per reader through the fuzzer
// (fuzz/run.ts), each converted in a sandbox; anything but ok or a clean error fails the test and
// is saved as a reproducer. `npm run fuzz -- --cases N` runs larger rounds.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { CORPUS, run, tempDir } from '../support/helpers.js';

const FUZZ = fileURLToPath(new URL('../../fuzz/run.js', import.meta.url));

test('fixed-seed fuzz round: no crash, hang, memory blow-up, leftover or escape in any reader', (t) => {
  const save = join(tempDir(t), 'findings');
  const r = run(process.execPath, [FUZZ, '--cases', '120', '--seed', '20261129', '--corpus', CORPUS, '--save', save], { timeout: 900_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  for (const reader of ['tar', 'deb', 'rpm', 'npm']) {
    assert.match(r.stdout, new RegExp(`${reader}\\s+120 cases: ok \\d+, error \\d+, crash 0, hang 0, memory 0, leftover 0, escape 0`));
  }
});
