// Shared test helpers: temp dirs, running the built CLI, and real-tool availability.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** The compiled CLI (tests run from dist/test, the CLI is dist/src/cli.js). */
export const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));

/** The repository root (for fixtures and examples). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `../shared/corpus` beside the checkout, as CI has it (PKGSHIFT_CORPUS names another place). */
export const CORPUS = process.env.PKGSHIFT_CORPUS || join(ROOT, '..', 'shared', 'corpus');

export const REQUIRE_TOOLS = process.env.PKGSHIFT_REQUIRE_TOOLS === '1';

/** The fast tiers (`npm run test:unit`, `npm run test:fast`) set this: every real-tool check skips. */
export const NO_TOOLS = process.env.PKGSHIFT_NO_TOOLS === '1';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** A temporary directory removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'pkgshift-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs `pkgshift ARGS` with the built CLI. */
export function pkgshift(args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
  return run(process.execPath, [CLI, ...args], options);
}

/** Runs a command and fails the test with its output when it exits non-zero. */
export function runOk(command: string, args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
  const result = run(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

export function hasTool(tool: string): boolean {
  if (NO_TOOLS) return false;
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

/**
 * True when every tool is present. Otherwise skips the test saying why, or, under
 * PKGSHIFT_REQUIRE_TOOLS=1 (CI), fails it.
 */
export function needTools(t: TestContext, ...tools: string[]): boolean {
  if (NO_TOOLS) {
    t.skip('fast tier: real packaging tools are not used (PKGSHIFT_NO_TOOLS=1)');
    return false;
  }
  const missing = tools.filter((tool) => !hasTool(tool));
  if (missing.length === 0) return true;
  const why = `needs ${missing.join(', ')} (install: apt-get install dpkg-dev rpm lintian rpmlint cpio)`;
  if (REQUIRE_TOOLS) throw new Error(`PKGSHIFT_REQUIRE_TOOLS=1 but this test ${why}`);
  t.skip(why);
  return false;
}
