// `pkgshift lint [options] FILE…`: lints package files (deb, rpm, tar, npm) or directories (-s dir).
// Exit codes (README "Lint"): 0 clean enough, 1 a file could not be read (every other file is still
// linted and reported), 2 usage error, 3 findings reached --fail-on.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { PkgError, describeError } from '../core/errors.js';
import { lintFile } from './lint-file.js';
import { RULES } from '../lint/index.js';
import { readOverrides, suppressionsFromIds, unknownOverrides, type Override } from '../lint/overrides.js';
import { formatJson, formatJunit, formatSarif, formatText, parseFailOn, reaches, type FailOn, type PackageReport } from '../lint/report.js';
import { explainRule } from '../lint/explain.js';
import type { LintFormat } from '../lint/types.js';
import { withRunContext } from '../pipeline.js';
import { Reporter } from '../cli/reporter.js';
import type { Options } from '../plugin.js';
import { inputs } from '../registry.js';
import { LINT_METADATA_OPTIONS, addOption } from '../cli/options.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface LintCliOptions extends Record<string, unknown> {
  inputType?: string;
  as?: string;
  format: string;
  failOn: string;
  suppress?: string[];
  overrides?: string[];
  hints?: boolean;
  chdir?: string;
  listRules?: boolean;
  explain?: string;
  verbose?: boolean;
  quiet?: boolean;
}

/** The package a directory becomes is described by the same options as a conversion (-n, -m, --description …). */
export function lintCommand(): Command {
  const command = new Command('lint')
    .description('check package files for defects (see README "Lint"); exit 3 when findings reach --fail-on')
    .usage('[options] FILE...')
    .argument('[files...]', 'package files (.deb, .rpm, .tar.*, npm .tgz) or, with -s dir, directories')
    .option('-s, --input-type <type>', `read every FILE as this input type: ${inputs.map((p) => p.name).join(', ')} (default: sniffed)`)
    .addOption(new Option('--as <format>', "apply this format's conventions instead of the file's own (deb, rpm, tar)").choices(['deb', 'rpm', 'tar']))
    .addOption(new Option('--format <format>', 'output format: lintian-style text, JSON, SARIF 2.1.0 or JUnit XML').choices(['text', 'json', 'sarif', 'junit']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 3 when a finding of this severity or worse remains').choices(['error', 'warning', 'info', 'never']).default('error'))
    .option('--suppress <ids>', 'suppress findings by id (comma-separated, globs allowed; repeatable)', collect)
    .option('--overrides <file>', "overrides file: lines of 'id [path-glob]' (repeatable)", collect)
    .option('-i, --hints', 'print how to fix each finding')
    .option('-C, --chdir <dir>', 'read inputs relative to this directory')
    .option('--list-rules', 'list every rule id with its severity and summary')
    .option('--explain <id>', 'explain a rule: what it checks, why (the Debian Policy section or Fedora guideline), how to fix it')
    .option('--verbose', 'say more; list every path of a finding that fires on many files')
    .option('--quiet', 'print only errors and the summary')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) })
    .action(async (files: string[], options: LintCliOptions) => {
      if (options.explain) {
        process.stdout.write(explainRule(options.explain));
        return;
      }
      if (options.listRules) {
        for (const r of RULES) process.stdout.write(`${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.formats.join(',').padEnd(12)} ${r.summary}\n`);
        return;
      }
      if (files.length === 0) throw new PkgError('usage', 'lint: give at least one FILE (see pkgshift lint --help)');
      await runLint(files, options);
    });
  for (const spec of LINT_METADATA_OPTIONS) addOption(command, spec);
  return command;
}

async function runLint(files: string[], options: LintCliOptions): Promise<void> {
  const failOn: FailOn = parseFailOn(options.failOn);
  const overrides: Override[] = [
    ...suppressionsFromIds(options.suppress ?? []),
    ...(options.overrides ?? []).flatMap((file) => readOverrides(file)),
  ];
  const metadataKeys = LINT_METADATA_OPTIONS.map((o) => new Option(o.flags).attributeName());
  const inputOptions: Options = Object.fromEntries(Object.entries(options).filter(([key]) => metadataKeys.includes(key) || key === 'chdir'));
  const diag = new Reporter({ quiet: options.quiet === true, verbose: options.verbose === true, progress: false, overrides }).diag;
  const warn = (message: string) => { if (!options.quiet) process.stderr.write(`pkgshift: warning: ${message}\n`); };
  for (const o of unknownOverrides(overrides, RULES)) warn(`${o.origin}: '${o.text}' names no lint rule (pkgshift lint --list-rules lists them)`);
  const reports: PackageReport[] = [];
  for (const file of files) {
    try {
      reports.push(await withRunContext(diag, options.verbose === true, (ctx) => lintFile(file, {
        ...(options.inputType ? { inputType: options.inputType } : {}),
        ...(options.as ? { as: options.as as LintFormat } : {}),
        overrides, inputOptions,
      }, ctx)));
    } catch (err) {
      process.stderr.write(`pkgshift: error: lint ${file}: ${describeError(err)}\n`);
      reports.push({ file, package: basename(file), format: 'tar', findings: [], suppressed: 0, error: describeError(err) });
    }
  }
  for (const o of overrides.filter((o) => o.uses === 0 && RULES.some((r) => o.id.test(r.id)))) warn(`${o.origin}: '${o.text}' matched no finding`);
  const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  process.stdout.write(
    options.format === 'json' ? formatJson(reports, failOn)
      : options.format === 'sarif' ? formatSarif(reports, RULES, version)
        : options.format === 'junit' ? formatJunit(reports, failOn)
          : formatText(reports, { hints: options.hints === true, minimum: options.quiet ? 'error' : 'info', verbose: options.verbose === true }));
  const unreadable = reports.filter((r) => r.error !== undefined).length;
  if (unreadable) throw new PkgError('input-invalid', `lint: ${unreadable} of ${files.length} files could not be read`);
  if (reaches(reports.flatMap((r) => r.findings), failOn)) {
    throw new PkgError('lint-failed', `lint: findings reached --fail-on ${failOn}`);
  }
}
