// Conversion benchmark: wall time, CPU time and peak memory of pkgshift writing deb, rpm and tar from
// (a) 20,000 small files, where per-file overhead shows, and (b) one 2 GiB file (sparse on disk),
// where memory must stay flat because content is streamed and spooled, never held.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Measurement } from './lint.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

function smallFiles(root: string): void {
  for (let i = 0; i < 20_000; i++) {
    const dir = join(root, 'usr/share/bench', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.txt`), `file ${i}\n`.repeat(i % 40));
  }
}

function bigFile(root: string): void {
  mkdirSync(join(root, 'opt/bench'), { recursive: true });
  const fd = openSync(join(root, 'opt/bench/big.img'), 'w');
  ftruncateSync(fd, 2 * 1024 ** 3);
  closeSync(fd);
}

export function runConvertBench(): Measurement[] {
  const work = mkdtempSync(join(tmpdir(), 'pkgshift-bench-'));
  try {
    const results: Measurement[] = [];
    const cases: [string, (root: string) => void, string[][]][] = [
      ['20,000 small files', smallFiles, [['deb'], ['rpm'], ['tar']]],
      ['one 2 GiB file', bigFile, [['deb', '--deb-compression', 'gzip', '--deb-compression-level', '1'], ['rpm', '--rpm-compression', 'gzip', '--rpm-compression-level', '1'], ['tar', '--compression', 'none']]],
    ];
    for (const [subject, make, targets] of cases) {
      const root = join(work, subject.replace(/\W+/g, '-'));
      make(root);
      for (const [target, ...options] of targets) {
        const out = join(work, `out.${target}`);
        results.push(measure(`pkgshift -t ${target} ${options.join(' ')}`.trim(), subject,
          [process.execPath, CLI, '-s', 'dir', '-t', target!, '-n', 'bench', '-a', 'all', '--no-lint', '-C', root, '-p', out, '-f', ...options, '.']));
        rmSync(out, { force: true });
      }
      rmSync(root, { recursive: true, force: true });
    }
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
