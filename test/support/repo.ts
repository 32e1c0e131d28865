// Helpers for repository tests: small packages built by pkgshift itself, a repository's files with
// their hashes (to prove a refused command changed nothing), and a throw-away apt root.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestContext } from 'node:test';
import { CORPUS, REQUIRE_TOOLS, pkgshift, run, tempDir, type RunResult } from './helpers.js';

export const EPOCH = '1700000000';

export interface PackageSpec {
  name: string;
  version: string;
  release?: string;
  arch?: string;
  /** Extra pkgshift options (-d …). */
  args?: string[];
  /** Content of /usr/bin/NAME (varies the file for same-version tests). */
  content?: string;
}

/** `pkgshift -s dir -t TYPE` of a one-program package; returns the package path. */
export function buildPackage(t: TestContext, type: 'deb' | 'rpm', spec: PackageSpec, outDir = tempDir(t)): string {
  const src = tempDir(t);
  mkdirSync(join(src, 'usr/bin'), { recursive: true });
  writeFileSync(join(src, 'usr/bin', spec.name), spec.content ?? `#!/bin/sh\necho ${spec.name} ${spec.version}\n`);
  chmodSync(join(src, 'usr/bin', spec.name), 0o755);
  const result = pkgshift(['-s', 'dir', '-t', type, '-n', spec.name, '-v', spec.version, '--iteration', spec.release ?? '1',
    '-a', spec.arch ?? 'all', '--license', 'MIT', '-m', 'Repo Test <repo@example.org>', '--description', `${spec.name} for repository tests`,
    ...(spec.args ?? []), '-C', src, '-p', `${outDir}/`, '-f', '--quiet', '.'], { env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
  if (result.status !== 0) throw new Error(`pkgshift exited ${result.status}\n${result.stderr}`);
  return result.stdout.trim() || join(outDir, readdirSync(outDir).find((f) => f.endsWith(`.${type}`))!);
}

/** `pkgshift repo ARGS` with SOURCE_DATE_EPOCH set. */
export function repo(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  return pkgshift(['repo', ...args], { env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env } });
}

export function repoOk(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const result = repo(args, env);
  if (result.status !== 0) throw new Error(`pkgshift repo ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Every file below `root` (relative path → sha256, and mtime), to compare a repository before and after. */
export function treeDigest(root: string, mtimes = true): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else out[relative(root, path)] = `${createHash('sha256').update(readFileSync(path)).digest('hex')}${mtimes ? ` ${stat.mtimeMs}` : ''}`;
    }
  };
  walk(root);
  return out;
}

/** A throw-away root for apt-get and dpkg: its own sources, lists, cache and dpkg database. */
export class AptRoot {
  readonly path: string;

  constructor(t: TestContext, sourcesLine: string) {
    this.path = tempDir(t, 'pkgshift-aptroot-');
    for (const dir of ['etc/apt/sources.list.d', 'etc/apt/preferences.d', 'etc/apt/apt.conf.d', 'etc/apt/trusted.gpg.d',
      'var/lib/apt/lists/partial', 'var/cache/apt/archives/partial', 'var/lib/dpkg/updates', 'var/lib/dpkg/info', 'var/log']) {
      mkdirSync(join(this.path, dir), { recursive: true });
    }
    writeFileSync(join(this.path, 'var/lib/dpkg/status'), '');
    writeFileSync(join(this.path, 'etc/apt/sources.list'), `${sourcesLine}\n`);
  }

  aptGet(args: readonly string[]): RunResult {
    const root = this.path;
    return run('apt-get', [
      '-o', `Dir=${root}`, '-o', `Dir::State::status=${root}/var/lib/dpkg/status`, '-o', 'Dir::Etc::trusted=/dev/null',
      '-o', 'APT::Sandbox::User=root', '-o', 'Debug::NoLocking=1', '-o', `Dir::Log=${root}/var/log`,
      '-o', `DPkg::Options::=--root=${root}`, '-o', 'DPkg::Options::=--force-not-root',
      '-o', 'DPkg::Options::=--force-script-chrootless', '-o', 'DPkg::Options::=--no-triggers',
      '-o', `DPkg::Options::=--log=${root}/var/log/dpkg.log`, '-o', 'DPkg::Use-Pty=0',
      ...args,
    ], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

/** True when the shared corpus of real packages is beside the checkout; otherwise skips (fails under CI). */
export function haveCorpus(t: TestContext): boolean {
  if (existsSync(CORPUS)) return true;
  if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but the corpus is missing: ${CORPUS}`);
  t.skip(`no corpus at ${CORPUS}`);
  return false;
}
