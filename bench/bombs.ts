// Decompression bombs: peak memory of pkgshift refusing a 1 GiB file of zeros in a tarball of each
// codec, a deb data.tar.xz and an rpm zstd payload (every digest right). The refusal is tested in
// test/bad-input; here the point is the memory it takes to get there (the target is ≤ 150 MiB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOMB_CODECS, packageBomb, tarBomb } from '../test/support/bombs.js';
import { measure, type Measurement } from './lint.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const SIZE = 1024 ** 3;

export async function runBombBench(): Promise<Measurement[]> {
  const work = mkdtempSync(join(tmpdir(), 'pkgshift-bench-'));
  try {
    const bombs: [string, string][] = [];
    for (const codec of BOMB_CODECS) bombs.push([`tar ${codec}`, await tarBomb(work, codec, SIZE)]);
    bombs.push(['deb data.tar.xz', packageBomb(work, CLI, 'deb', SIZE)], ['rpm zstd payload', packageBomb(work, CLI, 'rpm', SIZE)]);
    return bombs.map(([subject, path]) => measure('pkgshift info (refused)', `1 GiB of zeros: ${subject}`, [process.execPath, CLI, 'info', path]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
