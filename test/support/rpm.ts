// Helpers for rpm interop tests: build with the CLI, query with rpm, and throw-away install roots
// (docs/ARCHITECTURE.md: `rpm --root R --dbpath /var/lib/rpm`, never the host's database).
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { pkgshift, run, runOk, tempDir, type RunResult } from './helpers.js';

export const EPOCH = '1700000000';

/** Runs `pkgshift -t rpm ARGS -p OUT/` and returns the written path. */
export function buildRpm(outDir: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const result = pkgshift(['-t', 'rpm', '-p', `${outDir}/`, '-f', ...args], {
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env },
  });
  if (result.status !== 0) throw new Error(`pkgshift exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

/** `rpm -qp --qf FORMAT PKG`. */
export function queryFormat(pkg: string, format: string): string {
  return runOk('rpm', ['-qp', '--qf', format, pkg]).stdout;
}

/** A throw-away rpm root with an initialised database. */
export class RpmRoot {
  readonly path: string;

  constructor(t: TestContext) {
    this.path = join(tempDir(t, 'pkgshift-rpmroot-'), 'root');
    mkdirSync(this.path);
    runOk('rpm', ['--root', this.path, '--dbpath', '/var/lib/rpm', '--initdb']);
  }

  rpm(args: readonly string[]): RunResult {
    return run('rpm', ['--root', this.path, '--dbpath', '/var/lib/rpm', ...args]);
  }

  rpmOk(args: readonly string[]): RunResult {
    const result = this.rpm(args);
    if (result.status !== 0) throw new Error(`rpm ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /**
   * Makes scriptlets runnable: rpm runs them chrooted into the root, so the root needs /bin/sh. We copy the
   * host's dash and the shared libraries it loads (from ldd), so scriptlets using shell builtins work.
   * Returns false when that is not possible (no dash, not root).
   */
  installShell(): boolean {
    if (process.getuid?.() !== 0 || !existsSync('/bin/dash')) return false;
    const ldd = run('ldd', ['/bin/dash']);
    if (ldd.status !== 0) return false;
    const libs = [...ldd.stdout.matchAll(/(\/\S+)/g)].map((m) => m[1]!);
    for (const file of ['/bin/dash', ...libs]) {
      const into = join(this.path, file);
      mkdirSync(dirname(into), { recursive: true });
      copyFileSync(file, into);
    }
    symlinkSync('dash', join(this.path, 'bin/sh'));
    return true;
  }

  /** Relative paths of everything under the root except the rpm database. */
  list(dir = ''): string[] {
    const out: string[] = [];
    for (const name of readdirSync(join(this.path, dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      if (rel === 'var/lib/rpm') continue;
      out.push(rel);
      const full = join(this.path, rel);
      if (existsSync(full) && run('test', ['-d', full, '-a', '!', '-L', full]).status === 0) out.push(...this.list(rel));
    }
    return out;
  }
}
