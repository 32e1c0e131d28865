// Lint benchmark: pkgshift lint against lintian (deb) and rpmlint (rpm) on the same packages,
// measuring wall time, CPU time (user + sys) and peak memory with /usr/bin/time. The subject is
// a coreutils-size package built from the host's installed coreutils (dpkg -L) with dpkg-deb, then
// converted to rpm by pkgshift; corpus packages are added when ../shared/corpus is present.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, statSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

export interface Measurement {
  tool: string;
  subject: string;
  wallSeconds: number;
  cpuSeconds: number;
  peakMiB: number;
  status: number;
}

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

export function measure(tool: string, subject: string, command: string[]): Measurement {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...command], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, rss] = last.split(' ').map(Number);
  return { tool, subject, wallSeconds: wall ?? NaN, cpuSeconds: (user ?? 0) + (sys ?? 0), peakMiB: (rss ?? 0) / 1024, status: r.status ?? -1 };
}

/** A deb of the host's coreutils files (the LINT.md reference size: ~264 files, ~106 ELF). */
export function buildCoreutilsDeb(work: string): string | undefined {
  if (!has('dpkg') || !has('dpkg-deb')) return undefined;
  const list = spawnSync('dpkg', ['-L', 'coreutils'], { encoding: 'utf8' });
  if (list.status !== 0) return undefined;
  const stage = join(work, 'coreutils');
  for (const path of list.stdout.split('\n').filter((p) => p.startsWith('/') && p !== '/.')) {
    let stat;
    try { stat = lstatSync(path); } catch { continue; }
    const to = join(stage, path);
    mkdirSync(dirname(to), { recursive: true });
    // Merged-/usr hosts list /bin as a directory although it is a link to usr/bin: keep it a directory.
    if (stat.isDirectory() || (stat.isSymbolicLink() && statSync(path).isDirectory())) mkdirSync(to, { recursive: true });
    else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(path), to);
    else if (stat.isFile()) copyFileSync(path, to);
  }
  const version = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'coreutils'], { encoding: 'utf8' }).stdout.trim() || '9.1-1';
  const arch = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).stdout.trim();
  mkdirSync(join(stage, 'DEBIAN'), { recursive: true });
  writeFileSync(join(stage, 'DEBIAN/control'), `Package: coreutils\nVersion: ${version}\nArchitecture: ${arch}\n`
    + 'Maintainer: Bench <bench@example.org>\nDescription: GNU core utilities (benchmark copy)\n Rebuilt from the installed files.\n');
  const deb = join(work, 'coreutils.deb');
  const built = spawnSync('dpkg-deb', ['--build', '--root-owner-group', '-Zxz', stage, deb]);
  return built.status === 0 ? deb : undefined;
}

export function runLintBench(): Measurement[] {
  const work = mkdtempSync(join(tmpdir(), 'pkgshift-bench-'));
  const results: Measurement[] = [];
  try {
    const debs: string[] = [];
    const rpms: string[] = [];
    const coreutils = buildCoreutilsDeb(work);
    if (coreutils) {
      debs.push(coreutils);
      const rpm = join(work, 'coreutils.rpm');
      const conv = spawnSync(process.execPath, [CLI, '-s', 'deb', '-t', 'rpm', '--no-lint', '-p', rpm, coreutils]);
      if (conv.status === 0) rpms.push(rpm);
    }
    const corpusDebs = join(CORPUS, 'debs');
    if (existsSync(corpusDebs)) debs.push(...['perl-base', 'tzdata'].flatMap((n) => readdirSync(corpusDebs).filter((f) => f.startsWith(`${n}_`)).map((f) => join(corpusDebs, f))));
    const corpusRpms = join(CORPUS, 'rpms');
    if (existsSync(corpusRpms)) rpms.push(...readdirSync(corpusRpms).filter((f) => f.startsWith('mc-')).map((f) => join(corpusRpms, f)));
    for (const deb of debs) {
      const name = deb.slice(deb.lastIndexOf('/') + 1);
      results.push(measure('pkgshift lint', name, [process.execPath, CLI, 'lint', '--fail-on', 'never', deb]));
      if (has('lintian')) results.push(measure('lintian', name, ['lintian', '--no-tag-display-limit', deb]));
    }
    for (const rpm of rpms) {
      const name = rpm.slice(rpm.lastIndexOf('/') + 1);
      results.push(measure('pkgshift lint', name, [process.execPath, CLI, 'lint', '--fail-on', 'never', rpm]));
      if (has('rpmlint')) results.push(measure('rpmlint', name, ['rpmlint', rpm]));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

export function formatMeasurements(rows: readonly Measurement[]): string {
  const head = '| subject | tool | wall s | CPU s | peak MiB |\n|---|---|---|---|---|\n';
  return head + rows.map((r) => `| ${r.subject} | ${r.tool} | ${r.wallSeconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${r.peakMiB.toFixed(0)} |`).join('\n') + '\n';
}
