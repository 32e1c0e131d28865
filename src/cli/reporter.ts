// What a command tells its user: the conversion's diagnostics (said while reading and planning) and
// lint's findings on the planned package, on stderr as they come (behind the progress line), or, with
// --json, one result object on stdout at the end, success or failure. Both are Diagnostics: --suppress,
// --quiet and --verbose apply to both, and a lint finding about a value the conversion already spoke of
// (a placeholder maintainer, a filled-in description) is not said again.
import { Diagnostics, type Diagnostic, type MetadataField } from '../core/diagnostics.js';
import { PkgError, describeError } from '../core/errors.js';
import { listenToProgress } from '../core/progress.js';
import type { Finding } from '../lint/types.js';
import { isSuppressed, type Override } from '../lint/overrides.js';
import { formatLine, groupFindings } from '../lint/report.js';
import { ProgressLine } from './progress-line.js';

export interface ReporterOptions {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** true: --progress, false: --no-progress, undefined: on a terminal only. */
  progress?: boolean;
  /** --suppress and overrides files: what is not said (lint applies them to its findings itself). */
  overrides?: readonly Override[];
}

/** The --json result (README "JSON result"). */
export interface JsonResult {
  ok: boolean;
  output?: string;
  warnings: { id: string; severity: string; message: string }[];
  lint: { id: string; severity: string; path?: string; message: string }[];
  error?: { code: string; message: string };
}

export class Reporter {
  readonly diag: Diagnostics;
  private readonly line: ProgressLine | undefined;
  private readonly findings: Finding[] = [];
  private readonly said = new Set<MetadataField>();

  constructor(private readonly options: ReporterOptions, private readonly stderr: NodeJS.WriteStream = process.stderr) {
    this.diag = new Diagnostics((d) => this.onDiagnostic(d));
    const show = options.progress ?? (stderr.isTTY === true && !options.json && !options.quiet);
    if (show) {
      this.line = new ProgressLine(stderr);
      listenToProgress(this.line);
    }
  }

  get overrides(): readonly Override[] {
    return this.options.overrides ?? [];
  }

  /** Lint findings on the package `pkgName` (lint has applied the overrides already). */
  lint(pkgName: string, findings: readonly Finding[]): void {
    const unsaid = findings.filter((f) => !(f.field && this.said.has(f.field)));
    this.findings.push(...unsaid);
    if (this.options.json) return;
    // A finding on many files is one line with a count; --verbose lists every path.
    for (const { finding, more } of groupFindings(unsaid.filter((f) => this.shows(f)), this.options.verbose === true)) {
      this.print(`${formatLine(pkgName, finding, more)}\n`);
    }
  }

  /** The run succeeded: the output path on stdout, or the JSON result. */
  succeeded(output: string): void {
    this.end();
    if (this.options.json) process.stdout.write(`${JSON.stringify(this.result({ ok: true, output }), null, 2)}\n`);
    else if (!this.options.quiet) process.stdout.write(`${output}\n`);
  }

  /** The run failed: with --json, the result with the error (the CLI prints the one-line error too). */
  failed(err: unknown): void {
    this.end();
    if (!this.options.json) return;
    const code = err instanceof PkgError ? err.code : 'failed';
    process.stdout.write(`${JSON.stringify(this.result({ ok: false, error: { code, message: describeError(err) } }), null, 2)}\n`);
  }

  private result(outcome: Pick<JsonResult, 'ok' | 'output' | 'error'>): JsonResult {
    return {
      ...outcome,
      warnings: this.diag.items.filter((d) => !isSuppressed(d, this.overrides) && (d.severity !== 'info' || this.options.verbose))
        .map(({ id, severity, message }) => ({ id, severity, message })),
      lint: this.findings.map(({ id, severity, path, message }) => ({ id, severity, ...(path ? { path } : {}), message })),
    };
  }

  private onDiagnostic(d: Diagnostic): void {
    // A suppressed note still counts as said: its lint twin is the same fact.
    if (d.field) this.said.add(d.field);
    if (this.options.json || isSuppressed(d, this.overrides) || !this.shows(d)) return;
    this.print(`pkgshift: ${d.severity}: ${d.message}\n`);
  }

  private shows(d: Diagnostic): boolean {
    if (this.options.quiet) return d.severity === 'error';
    return d.severity !== 'info' || this.options.verbose === true;
  }

  private print(text: string): void {
    this.line?.clear();
    this.stderr.write(text);
  }

  private end(): void {
    this.line?.end();
    listenToProgress(undefined);
  }
}
