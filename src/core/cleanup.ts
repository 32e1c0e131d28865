// Paths to remove if the process is interrupted (Ctrl-C, kill): the temporary output beside the target
// and the run's temporary directory. Normal success and failure paths remove them themselves.
import { rmSync } from 'node:fs';

const tracked = new Set<string>();

export function track(path: string): void {
  tracked.add(path);
}

export function untrack(path: string): void {
  tracked.delete(path);
}

/** On SIGINT/SIGTERM: removes every tracked path, says so on one line, and exits 130/143. */
export function removeTrackedOnSignal(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      for (const path of tracked) rmSync(path, { recursive: true, force: true });
      process.stderr.write(`pkgshift: error: interrupted (${signal}); nothing was written\n`);
      process.exit(code);
    });
  }
}
