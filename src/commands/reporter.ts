// One reporter for what a command says on stderr besides its result: the conversion's diagnostics as
// they are said (while reading and planning), then lint's findings on the planned package. Both are
// Diagnostics: --suppress, --quiet and --verbose apply to both, and a lint finding about a value the
// conversion already spoke of (a placeholder maintainer, a filled-in description) is not said again.
import type { Diagnostic, MetadataField } from '../core/diagnostics.js';
import { isSuppressed, type Override } from '../lint/overrides.js';
import { formatLine } from '../lint/report.js';

export interface ReporterOptions {
  /** Only errors. */
  quiet?: boolean;
  /** Info too. */
  verbose?: boolean;
  suppress?: readonly Override[];
  /** Where each line goes; stderr by default. */
  write?: (line: string) => void;
}

export class Reporter {
  private readonly said = new Set<MetadataField>();
  readonly overrides: readonly Override[];

  constructor(private readonly options: ReporterOptions = {}) {
    this.overrides = options.suppress ?? [];
  }

  /** The sink of a run's Diagnostics. */
  readonly diagnostic = (d: Diagnostic): void => {
    // A suppressed note still counts as said: its lint twin is the same fact.
    if (d.field) this.said.add(d.field);
    if (!isSuppressed(d, this.overrides) && this.shows(d)) this.print(`pkgshift: ${d.severity}: ${d.message}`);
  };

  /** Lint findings on the package `name` (lint has applied the overrides already). */
  findings(name: string, findings: readonly Diagnostic[]): void {
    for (const f of findings) {
      if (f.field && this.said.has(f.field)) continue;
      if (this.shows(f)) this.print(formatLine(name, f));
    }
  }

  private shows(d: Diagnostic): boolean {
    if (this.options.quiet) return d.severity === 'error';
    return d.severity !== 'info' || this.options.verbose === true;
  }

  private print(line: string): void {
    if (this.options.write) this.options.write(line);
    else process.stderr.write(`${line}\n`);
  }
}
