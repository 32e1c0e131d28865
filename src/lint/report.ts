// Lint output (README "Lint output"): lintian-shaped lines (`E: name: id message [path]`, the path in
// brackets as lintian writes its pointers) with a summary; JSON; SARIF 2.1.0 for code-scanning UIs;
// JUnit XML for CI test reports. Every file given appears in every format, failures included.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Finding, LintFormat, RuleInfo, Severity } from './types.js';

export interface PackageReport {
  /** The file or directory linted. */
  file: string;
  /** Package name, or the file's base name when it could not be read. */
  package: string;
  format: LintFormat;
  findings: Finding[];
  suppressed: number;
  /** Set when the file could not be read: why (the report then has no findings). */
  error?: string;
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

/**
 * One finding as lintian prints a tag: `E: pkg: id message [path]`, the path without its leading `/`
 * as lintian's pointers are; `more` other paths of the same finding follow as a count.
 */
export function formatLine(pkg: string, f: Diagnostic, more = 0): string {
  const pointer = f.path ? ` [${f.path.replace(/^\//, '')}]` : '';
  return `${LETTER[f.severity]}: ${pkg}: ${f.id} ${f.message}${pointer}${more ? ` (and ${more} more; --verbose lists them)` : ''}`;
}

/** Findings with the same id, severity and message become one line with a count, unless `verbose`. */
export function groupFindings<T extends Diagnostic>(findings: readonly T[], verbose: boolean): { finding: T; more: number }[] {
  if (verbose) return findings.map((finding) => ({ finding, more: 0 }));
  const groups = new Map<string, { finding: T; more: number }>();
  for (const f of findings) {
    const key = `${f.severity}\0${f.id}\0${f.message}`;
    const group = groups.get(key);
    if (group) group.more++;
    else groups.set(key, { finding: f, more: 0 });
  }
  return [...groups.values()];
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

export interface TextOptions {
  hints?: boolean;
  minimum?: Severity;
  verbose?: boolean;
}

export function formatText(reports: readonly PackageReport[], options: TextOptions = {}): string {
  const minimum = RANK[options.minimum ?? 'info'];
  const lines: string[] = [];
  for (const report of reports) {
    if (report.error !== undefined) {
      lines.push(`${report.package} (${report.file}): could not be read: ${report.error}`);
      continue;
    }
    const shown = report.findings.filter((f) => RANK[f.severity] >= minimum);
    for (const { finding, more } of groupFindings(shown, options.verbose === true)) {
      lines.push(formatLine(report.package, finding, more));
      if (options.hints) lines.push(`N:   ${finding.hint}`);
    }
    lines.push(summaryLine(report, `${report.package} (${report.file})`));
  }
  if (reports.length > 1) {
    lines.push(summaryLine({ findings: reports.flatMap((r) => r.findings), suppressed: reports.reduce((n, r) => n + r.suppressed, 0) }, `total (${reports.length} packages)`));
  }
  return lines.join('\n') + '\n';
}

/** Whether the run fails the gate: a finding reached --fail-on, or a file could not be read. */
export function gateFailed(reports: readonly PackageReport[], failOn: FailOn): boolean {
  return reports.some((r) => r.error !== undefined) || reaches(reports.flatMap((r) => r.findings), failOn);
}

/**
 * JSON schema version 2: `{schema, failOn, failed, counts, packages: [{file, package, format, failed,
 * error?, counts, suppressed, findings: [{id, severity, path?, message, hint}]}]}`. `failed` at the top
 * is the gate (exit code non-zero); on a package, that it could not be read.
 */
export function formatJson(reports: readonly PackageReport[], failOn: FailOn): string {
  const all = reports.flatMap((r) => r.findings);
  return JSON.stringify({
    schema: 'pkgshift-lint/2',
    failOn,
    failed: gateFailed(reports, failOn),
    counts: counts(all),
    packages: reports.map((r) => ({
      file: r.file, package: r.package, format: r.format, failed: r.error !== undefined,
      ...(r.error !== undefined ? { error: r.error } : {}),
      counts: counts(r.findings), suppressed: r.suppressed,
      findings: r.findings.map((f) => ({ id: f.id, severity: f.severity, ...(f.path === undefined ? {} : { path: f.path }), message: f.message, hint: f.hint })),
    })),
  }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 (OASIS): one run; the rules that fired are the driver's rules; each finding is a result
 * located in the package file, with the path inside the package as a logical location. A file that
 * could not be read is a tool execution notification, and the invocation is then unsuccessful.
 */
export function formatSarif(reports: readonly PackageReport[], rules: readonly RuleInfo[], version: string): string {
  const fired = rules.filter((r) => reports.some((p) => p.findings.some((f) => f.id === r.id)));
  const index = new Map(fired.map((r, i) => [r.id, i]));
  const artifact = (file: string) => ({ artifactLocation: { uri: encodeURI(file) } });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'pkgshift', version,
          rules: fired.map((r) => ({
            id: r.id, shortDescription: { text: r.summary }, help: { text: r.hint },
            ...(r.why ? { fullDescription: { text: r.why } } : {}),
            defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: reports.every((r) => r.error === undefined),
        toolExecutionNotifications: reports.filter((r) => r.error !== undefined).map((r) => ({
          level: 'error', message: { text: `${r.file} could not be read: ${r.error}` }, locations: [{ physicalLocation: artifact(r.file) }],
        })),
      }],
      results: reports.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.id, ruleIndex: index.get(f.id) ?? 0, level: SARIF_LEVEL[f.severity],
        message: { text: `${r.package}: ${f.message}` },
        locations: [{
          physicalLocation: artifact(r.file),
          ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}),
        }],
      }))),
    }],
  }, null, 2) + '\n';
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

/**
 * JUnit XML as CI servers read it: a testsuite per file, a testcase per finding (a `failure` when it
 * reaches --fail-on, passing with the message as system-out otherwise), one passing testcase for a
 * clean file, and an `error` testcase for a file that could not be read.
 */
export function formatJunit(reports: readonly PackageReport[], failOn: FailOn): string {
  const suites = reports.map((r) => {
    const cases = r.error !== undefined
      ? [`    <testcase classname="${xml(r.package)}" name="read"><error type="unreadable" message="${xml(r.error)}"/></testcase>`]
      : r.findings.length === 0
        ? [`    <testcase classname="${xml(r.package)}" name="lint"/>`]
        : r.findings.map((f) => {
          const name = xml(`${f.id}${f.path ? ` [${f.path}]` : ''}`);
          const body = reaches([f], failOn)
            ? `<failure type="${f.severity}" message="${xml(f.message)}">${xml(f.hint)}</failure>`
            : `<system-out>${xml(`${f.severity}: ${f.message}`)}</system-out>`;
          return `    <testcase classname="${xml(r.package)}" name="${name}">${body}</testcase>`;
        });
    const tally = { tests: cases.length, failures: r.findings.filter((f) => reaches([f], failOn)).length, errors: r.error !== undefined ? 1 : 0 };
    return { tally, text: `  <testsuite name="${xml(r.file)}" tests="${tally.tests}" failures="${tally.failures}" errors="${tally.errors}">\n${cases.join('\n')}\n  </testsuite>` };
  });
  const total = (key: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s.tally[key], 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pkgshift lint" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}">\n${suites.map((s) => s.text).join('\n')}\n</testsuites>\n`;
}
