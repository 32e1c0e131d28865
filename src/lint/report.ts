// Lint output: lintian-style lines (`E: name: id path: message`) with a summary, or JSON.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Finding, LintFormat, Severity } from './types.js';

export interface PackageReport {
  /** The file or directory linted. */
  file: string;
  /** Package name, or the file's base name when it could not be read. */
  package: string;
  format: LintFormat;
  findings: Finding[];
  suppressed: number;
}

export type FailOn = 'error' | 'warning' | 'info' | 'never';

const LETTER: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

export function parseFailOn(value: string): FailOn {
  if (value === 'error' || value === 'warning' || value === 'info' || value === 'never') return value;
  throw new Error(`--fail-on must be error, warning, info or never, not '${value}'`);
}

export function reaches(findings: readonly Finding[], failOn: FailOn): boolean {
  return findings.some((f) => RANK[f.severity] >= THRESHOLD[failOn]);
}

export function formatLine(pkg: string, f: Diagnostic): string {
  return `${LETTER[f.severity]}: ${pkg}: ${f.id}${f.path ? ` ${f.path}` : ''}: ${f.message}`;
}

export function counts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(report: Pick<PackageReport, 'findings' | 'suppressed'>, label: string): string {
  const c = counts(report.findings);
  const suppressed = report.suppressed ? `, ${report.suppressed} suppressed` : '';
  return `${label}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info${suppressed}`;
}

export function formatText(reports: readonly PackageReport[], options: { hints?: boolean; minimum?: Severity } = {}): string {
  const minimum = RANK[options.minimum ?? 'info'];
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      if (RANK[f.severity] < minimum) continue;
      lines.push(formatLine(report.package, f));
      if (options.hints) lines.push(`N:   ${f.hint}`);
    }
    lines.push(summaryLine(report, `${report.package} (${report.file})`));
  }
  if (reports.length > 1) {
    lines.push(summaryLine({ findings: reports.flatMap((r) => r.findings), suppressed: reports.reduce((n, r) => n + r.suppressed, 0) }, `total (${reports.length} packages)`));
  }
  return lines.join('\n') + '\n';
}

/** JSON schema version 1: `{schema, failOn, failed, counts, packages: [{file, package, format, counts, suppressed, findings}]}`. */
export function formatJson(reports: readonly PackageReport[], failOn: FailOn): string {
  const all = reports.flatMap((r) => r.findings);
  return JSON.stringify({
    schema: 'pkgshift-lint/1',
    failOn,
    failed: reaches(all, failOn),
    counts: counts(all),
    packages: reports.map((r) => ({
      file: r.file, package: r.package, format: r.format, counts: counts(r.findings), suppressed: r.suppressed,
      findings: r.findings.map((f) => (f.path === undefined
        ? { id: f.id, severity: f.severity, message: f.message, hint: f.hint }
        : { id: f.id, severity: f.severity, path: f.path, message: f.message, hint: f.hint })),
    })),
  }, null, 2) + '\n';
}
