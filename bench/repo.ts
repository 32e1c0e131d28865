// Repository benchmark: indexing 1,000 small packages. pkgshift repo apt against dpkg-scanpackages (which
// only writes the Packages text), pkgshift repo rpm against createrepo_c (repodata without sqlite), on the
// same files; wall time, CPU time and peak memory. Then adding one package to the 1,000 (incremental).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostics } from '../src/core/diagnostics.js';
import { convert, withRunContext } from '../src/pipeline.js';
import { measure, type Measurement } from './lint.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const COUNT = 1000;

/** COUNT small packages of `type` (one script and a config file each), written in this process. */
async function makePackages(work: string, type: 'deb' | 'rpm'): Promise<string> {
  const out = join(work, `${type}s`);
  const src = join(work, 'src');
  mkdirSync(out, { recursive: true });
  mkdirSync(join(src, 'usr/bin'), { recursive: true });
  mkdirSync(join(src, 'etc'), { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    writeFileSync(join(src, 'usr/bin/tool'), `#!/bin/sh\necho ${i}\n`);
    writeFileSync(join(src, 'etc/tool.conf'), `n=${i}\n`);
    await withRunContext(new Diagnostics(() => undefined), false, (ctx) => convert({
      source: 'dir', target: type, inputs: [src],
      options: { name: `bench-${i}`, version: `1.${i % 7}`, iteration: '1', architecture: 'all', license: 'MIT',
        maintainer: 'Bench <bench@example.org>', description: `package ${i}`, package: `${out}/`, force: true, lint: false },
    }, ctx));
  }
  return out;
}

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

export async function runRepoBench(): Promise<Measurement[]> {
  const work = mkdtempSync(join(tmpdir(), 'pkgshift-bench-repo-'));
  try {
    const results: Measurement[] = [];
    const debs = await makePackages(work, 'deb');
    const debFiles = readdirSync(debs).sort().map((f) => join(debs, f));
    const lastDeb = debFiles.pop()!; // added alone afterwards: the incremental case
    const subject = `${COUNT - 1} small debs`;
    results.push(measure('pkgshift repo apt', subject, [process.execPath, CLI, 'repo', 'apt', join(work, 'apt'), '--quiet', ...debFiles]));
    results.push(measure('pkgshift repo apt: add one more', subject, [process.execPath, CLI, 'repo', 'apt', join(work, 'apt'), '--quiet', lastDeb]));
    if (has('dpkg-scanpackages')) results.push(measure('dpkg-scanpackages', `${COUNT} small debs`, ['sh', '-c', `cd '${work}' && dpkg-scanpackages debs > Packages`]));

    const rpms = await makePackages(work, 'rpm');
    const rpmFiles = readdirSync(rpms).sort().map((f) => join(rpms, f));
    const lastRpm = rpmFiles.pop()!;
    const rpmSubject = `${COUNT - 1} small rpms`;
    results.push(measure('pkgshift repo rpm', rpmSubject, [process.execPath, CLI, 'repo', 'rpm', join(work, 'rpm'), '--quiet', ...rpmFiles]));
    results.push(measure('pkgshift repo rpm: add one more', rpmSubject, [process.execPath, CLI, 'repo', 'rpm', join(work, 'rpm'), '--quiet', lastRpm]));
    if (has('createrepo_c')) results.push(measure('createrepo_c --no-database --workers 1', `${COUNT} small rpms`, ['createrepo_c', '--no-database', '--workers', '1', rpms]));
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
