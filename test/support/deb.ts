// Helpers for the deb output tests: models built in code, the deb written through the plugin,
// and a throw-away dpkg root (DESIGN.md §5) that never touches the host's dpkg database.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { TestContext } from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type FileEntry, type Metadata, type PackageModel, type Script } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { bufferSource } from '../../src/core/source.js';
import { debOutput } from '../../src/outputs/deb/index.js';
import { withRunContext } from '../../src/pipeline.js';
import type { Options } from '../../src/plugin.js';
import { run, runOk, tempDir, type RunResult } from './helpers.js';

const OWNER = { uid: 0, gid: 0, user: 'root', group: 'root', mtime: 1_700_000_000 };

export function file(path: string, content: string | Buffer, extra: Partial<FileEntry> = {}): FileEntry {
  const source = bufferSource(content, path);
  return { path, type: 'file', mode: 0o644, ...OWNER, size: source.size, source, ...extra };
}

export function dir(path: string, extra: Partial<FileEntry> = {}): FileEntry {
  return { path, type: 'dir', mode: 0o755, ...OWNER, size: 0, ...extra };
}

export function symlink(path: string, target: string): FileEntry {
  return { path, type: 'symlink', mode: 0o777, ...OWNER, size: 0, target };
}

export function hardlink(path: string, target: string): FileEntry {
  return { path, type: 'hardlink', mode: 0o644, ...OWNER, size: 0, target };
}

export function script(phase: Script['phase'], body: string): Script {
  return { phase, interpreter: '/bin/sh', body, convention: 'deb' };
}

export function model(files: FileEntry[], metadata: Partial<Metadata> = {}, scripts: Script[] = []): PackageModel {
  return normalize({
    metadata: {
      ...emptyMetadata(), name: 'pkgshift-test', version: { upstream: '1.0', release: '1' }, arch: 'all',
      summary: 'test package', description: '', maintainer: 'Test Maintainer <test@example.org>', ...metadata,
    },
    files,
    scripts,
  }, { sourceDateEpoch: 1_700_000_000 });
}

/** Writes `pkg` as a deb into `dir` through the output plugin; returns its path and the diagnostics. */
export async function writeDeb(pkg: PackageModel, dir: string, options: Options = {}, sourceDateEpoch = 1_700_000_000): Promise<{ path: string; diag: Diagnostics }> {
  const diag = new Diagnostics();
  const path = await withRunContext(diag, false, async (runCtx) => {
    const ctx = { ...runCtx, sourceDateEpoch };
    const plan = await debOutput.plan(pkg, options, ctx);
    const path = join(dir, plan.fileName);
    const out = createWriteStream(path);
    await debOutput.write(plan, out, ctx);
    out.end();
    await finished(out);
    return path;
  });
  return { path, diag };
}

/** A fresh, empty dpkg database root. */
export function dpkgRoot(t: TestContext): string {
  const root = tempDir(t, 'pkgshift-dpkg-root-');
  mkdirSync(join(root, 'var/lib/dpkg/info'), { recursive: true });
  mkdirSync(join(root, 'var/lib/dpkg/updates'), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), '');
  writeFileSync(join(root, 'var/lib/dpkg/available'), '');
  return root;
}

const DPKG_FLAGS = (root: string) => [`--root=${root}`, '--force-not-root', '--force-script-chrootless', '--no-triggers'];

/** Runs dpkg against the throw-away root; scripts run on the host, so test scripts write only under $DPKG_ROOT. */
export function dpkg(root: string, ...args: string[]): RunResult {
  return runOk('dpkg', [...DPKG_FLAGS(root), ...args], { input: '' });
}

export function dpkgMayFail(root: string, ...args: string[]): RunResult {
  return run('dpkg', [...DPKG_FLAGS(root), ...args], { input: '' });
}
