// The progress line: one line on stderr, rewritten in place, for a step that has run longer than a
// second: what is being done, bytes done (of the total when known), rate and time left.
import type { ProgressListener } from '../core/progress.js';

const SHOW_AFTER_MS = 1000;
const REFRESH_MS = 250;

export class ProgressLine implements ProgressListener {
  private label = '';
  private total: number | undefined;
  private done = 0;
  private started = 0;
  private shown = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly out: { write(text: string): unknown }, private readonly now: () => number = Date.now) {}

  step(label: string, total?: number): void {
    this.clear();
    this.label = label;
    this.total = total;
    this.done = 0;
    this.started = this.now();
    this.timer ??= setInterval(() => this.render(), REFRESH_MS).unref();
  }

  advance(bytes: number): void {
    this.done += bytes;
  }

  /** Writes the line when the step has run long enough. */
  render(): void {
    const elapsed = this.now() - this.started;
    if (!this.label || elapsed < SHOW_AFTER_MS) return;
    this.out.write(`\r${progressText(this.label, this.done, this.total, elapsed)}\x1b[K`);
    this.shown = true;
  }

  /** Removes the line (before a message is printed, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.out.write('\r\x1b[K');
    this.shown = false;
  }

  end(): void {
    this.clear();
    this.label = '';
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export function progressText(label: string, done: number, total: number | undefined, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [`pkgshift: ${label}`];
  if (total) {
    parts.push(`${Math.min(100, Math.floor((done * 100) / total))}%`, `${mib(done)}/${mib(total)} MiB`);
  } else {
    parts.push(`${mib(done)} MiB`);
  }
  parts.push(`${mib(rate)} MiB/s`);
  if (total && rate > 0 && done < total) parts.push(`ETA ${duration((total - done) / rate)}`);
  return parts.join('  ');
}

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
