// Lint memory: peak RSS of `pkgshift lint` on a package holding one 2 GiB (sparse) file, in an xz
// deb (dpkg-deb) and a zstd rpm (rpmbuild). Lint streams every payload, so the peak must stay under
// LIMIT_MIB whatever the file size; the run fails (exit 1) when it does not. Building the packages
// takes a few minutes, so this is a benchmark (`npm run bench -- lint-memory`), not a test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Measurement } from './lint.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
export const LIMIT_MIB = 150;
const SIZE = '2G';

function ok(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function buildXzDeb(work: string): string | undefined {
  const stage = join(work, 'deb');
  mkdirSync(join(stage, 'DEBIAN'), { recursive: true });
  mkdirSync(join(stage, 'usr/share/big'), { recursive: true });
  if (!ok('truncate', ['-s', SIZE, join(stage, 'usr/share/big/zeros')])) return undefined;
  writeFileSync(join(stage, 'DEBIAN/control'), 'Package: big\nVersion: 1.0\nArchitecture: all\nMaintainer: Bench <bench@example.org>\n'
    + 'Description: one large file\n A sparse file for the lint memory benchmark.\n');
  const deb = join(work, 'big.deb');
  return ok('dpkg-deb', ['--root-owner-group', '-Zxz', '-z0', '--build', stage, deb]) ? deb : undefined;
}

function buildZstdRpm(work: string): string | undefined {
  const top = join(work, 'rpmbuild');
  const spec = join(work, 'big.spec');
  writeFileSync(spec, `Name: big\nVersion: 1.0\nRelease: 1\nSummary: one large file\nLicense: MIT\nBuildArch: noarch\n`
    + `%description\nA sparse file for the lint memory benchmark.\n%install\nmkdir -p %{buildroot}/usr/share/big\n`
    + `truncate -s ${SIZE} %{buildroot}/usr/share/big/zeros\n%files\n/usr/share/big\n`);
  const built = ok('rpmbuild', ['-bb', '--define', `_topdir ${top}`, '--define', '_binary_payload w1T2.zstdio', '--define', '__spec_install_post %{nil}', spec]);
  if (!built) return undefined;
  const dir = join(top, 'RPMS', 'noarch');
  const rpm = readdirSync(dir).find((f) => f.endsWith('.rpm'));
  return rpm ? join(dir, rpm) : undefined;
}

export function runLintMemoryBench(): Measurement[] {
  const work = mkdtempSync(join(tmpdir(), 'pkgshift-bench-memory-'));
  try {
    const rows: Measurement[] = [];
    for (const [name, build] of [['2 GiB file, xz deb', buildXzDeb], ['2 GiB file, zstd rpm', buildZstdRpm]] as const) {
      const file = build(work);
      if (!file) {
        process.stderr.write(`lint-memory: could not build the ${name} (needs dpkg-deb / rpmbuild)\n`);
        continue;
      }
      rows.push(measure('pkgshift lint', name, [process.execPath, CLI, 'lint', '--fail-on', 'never', file]));
      rmSync(file);
    }
    const over = rows.filter((r) => r.peakMiB > LIMIT_MIB || r.status !== 0);
    if (over.length) {
      process.stderr.write(`lint-memory: over ${LIMIT_MIB} MiB or failed: ${over.map((r) => `${r.subject} ${r.peakMiB.toFixed(0)} MiB, exit ${r.status}`).join('; ')}\n`);
      process.exitCode = 1;
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
