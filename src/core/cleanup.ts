// What a run leaves behind must go on every exit path: the temporary output beside the target, the
// run's private temporary directory, and child processes (npm). Normal success and failure paths
// remove them themselves; an uncaught error or a signal removes them here. A run killed with SIGKILL
// cannot clean up: the next run removes its directory (by name, owner process and age).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const tracked = new Set<string>();
const children = new Set<ChildProcess>();

export function track(path: string): void {
  tracked.add(path);
}

export function untrack(path: string): void {
  tracked.delete(path);
}

/** Kills `child` (and its process group, when it leads one) if the run is interrupted. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

function removeEverything(): void {
  for (const child of children) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); // the whole group: npm and what it runs
    } catch {
      child.kill('SIGKILL');
    }
  }
  for (const path of tracked) rmSync(path, { recursive: true, force: true });
  tracked.clear();
}

/**
 * On SIGINT/SIGTERM/SIGHUP: kills child processes, removes every tracked path, says so on one line,
 * and exits 128 + the signal number. On any other exit (an uncaught error included) the paths go too.
 */
export function removeTrackedOnExit(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      removeEverything();
      process.stderr.write(`pkgshift: error: interrupted (${signal}); nothing was written\n`);
      process.exit(code);
    });
  }
  process.once('exit', removeEverything);
}

/** Run directories are `pkgshift-PID-XXXXXX` in TMPDIR. */
const RUN_DIR = /^pkgshift-(\d+)-[A-Za-z0-9]{6}$/;
/** A run directory this old whose process is gone is stale (the age guards against a shared TMPDIR). */
const STALE_AFTER_MS = 60_000;

/** This run's private temporary directory, removed on every exit path. */
export function createRunDir(root = tmpdir()): string {
  removeStaleRunDirs(root);
  const dir = mkdtempSync(join(root, `pkgshift-${process.pid}-`));
  track(dir);
  return dir;
}

/** Where a file is, as a user knows it: TMPDIR for a file in a run directory, else its directory. */
export function placeOf(path: string): string {
  const dir = dirname(path);
  return RUN_DIR.test(basename(dir)) ? dirname(dir) : dir;
}

/** Removes run directories left by killed runs: the name says whose they were, the process is gone, and they are old. */
export function removeStaleRunDirs(root = tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = RUN_DIR.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    const path = join(root, name);
    try {
      const stat = statSync(path);
      if (!stat.isDirectory() || stat.uid !== process.getuid?.() || now - stat.mtimeMs < STALE_AFTER_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // another run removed it first, or it is not ours to remove
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
