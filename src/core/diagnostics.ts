// Diagnostics: what a step wants the user to know without failing (a guessed name, a dropped
// feature, a placeholder). Collected, printed by the CLI to stderr.

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case id, e.g. `maintainer-placeholder`. */
  id: string;
  message: string;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  constructor(private readonly sink?: (d: Diagnostic) => void) {}

  warn(id: string, message: string): void {
    this.add({ severity: 'warning', id, message });
  }

  info(id: string, message: string): void {
    this.add({ severity: 'info', id, message });
  }

  private add(d: Diagnostic): void {
    this.items.push(d);
    this.sink?.(d);
  }
}
