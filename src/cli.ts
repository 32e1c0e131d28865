#!/usr/bin/env node
// The command line: `pkgshift -s TYPE -t TYPE [options] [INPUT...]`. One catch at the top maps
// errors to exit codes: 0 success, 1 failure, 2 usage error, 3 lint findings (see README).
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { removeTrackedOnSignal } from './core/cleanup.js';
import { Diagnostics, type Diagnostic } from './core/diagnostics.js';
import { PkgError, describeError } from './core/errors.js';
import { convert, withRunContext } from './pipeline.js';
import { lintCommand } from './commands/lint.js';
import { formatLine } from './lint/report.js';
import type { OptionSpec } from './plugin.js';
import { inputs, outputs } from './registry.js';
import { infoCommand } from './commands/info.js';
import { buildCommand } from './commands/build.js';
import type { PackageModel } from './core/model.js';
import type { Finding } from './lint/index.js';
import { dotFpmArgs, withOptionsFiles } from './fpm/args.js';
import { FPM_COMMON_OPTIONS, resolveFpmOptions } from './fpm/options.js';

// Not an array yet: unset, or a `--no-X` negation (--no-depends) given earlier.
const collect = (value: string, previous: unknown) => [...(Array.isArray(previous) ? previous as string[] : []), value];

const COMMON_OPTIONS: OptionSpec[] = [
  { flags: '-n, --name <name>', description: 'package name' },
  { flags: '-v, --version [version]', description: 'package version (without a value: print the version of pkgshift)' },
  { flags: '--iteration <release>', description: 'package release / Debian revision' },
  { flags: '--epoch <n>', description: 'package epoch' },
  { flags: '--bump <n>', description: "add N to the release's leading number (alien's bump, opt-in)" },
  { flags: '-a, --architecture <arch>', description: "architecture: 'native', 'all', or a Debian or rpm name (amd64, x86_64, …)" },
  { flags: '-m, --maintainer <who>', description: "maintainer, as 'Name <email>'" },
  { flags: '--vendor <vendor>', description: 'vendor' },
  { flags: '--url <url>', description: 'homepage' },
  { flags: '--license <license>', description: 'license name (SPDX)' },
  { flags: '--description <text>', description: 'first line: summary; following lines: long description' },
  { flags: '--category <section>', description: 'section / group' },
  { flags: '-d, --depends <relation>', description: "dependency, e.g. 'libc6 (>= 2.17)'", repeatable: true },
  { flags: '--provides <relation>', description: 'virtual package provided', repeatable: true },
  { flags: '--conflicts <relation>', description: 'conflicting package', repeatable: true },
  { flags: '--replaces <relation>', description: 'package replaced', repeatable: true },
  { flags: '--recommends <relation>', description: 'recommended package', repeatable: true },
  { flags: '--suggests <relation>', description: 'suggested package', repeatable: true },
  { flags: '--config-files <path>', description: 'mark a file (or every file below a directory) as a config file', repeatable: true },
  { flags: '--no-default-config-files', description: 'do not make files under /etc config files (dir, tar and npm inputs)' },
  { flags: '--directories <path>', description: 'mark a directory as owned by the package', repeatable: true },
  { flags: '--before-install <file>', description: 'script to run before install' },
  { flags: '--after-install <file>', description: 'script to run after install' },
  { flags: '--before-remove <file>', description: 'script to run before removal' },
  { flags: '--after-remove <file>', description: 'script to run after removal' },
  { flags: '--no-scripts', description: 'leave out every maintainer script (of the input too)' },
  { flags: '-C, --chdir <dir>', description: 'read inputs relative to this directory' },
  { flags: '--prefix <dir>', description: 'place every input under this directory in the package' },
  { flags: '-x, --exclude <glob>', description: 'leave out paths matching the glob', repeatable: true },
  { flags: '--owner <user>', description: 'owner of every file (default root)' },
  { flags: '--group <group>', description: 'group of every file (default root)' },
  { flags: '--compression <kind>', description: 'tar output compression: none, gzip, xz, zstd (default: from -p, else gzip)' },
  { flags: '--compression-level <n>', description: 'tar output compression level' },
  { flags: '-p, --package <path>', description: 'output file, or a directory for the conventional file name' },
  { flags: '-f, --force', description: 'overwrite an existing output file' },
  { flags: '--no-lint', description: 'do not lint the package before writing it' },
  { flags: '--strict', description: 'fail (exit 3, nothing written) when lint finds an error' },
  { flags: '--verbose', description: 'say more, including error details' },
  { flags: '--quiet', description: 'print only errors' },
  ...FPM_COMMON_OPTIONS,
];

function addOption(program: Command, spec: OptionSpec): void {
  const option = new Option(spec.flags, spec.description);
  if (spec.repeatable) option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default);
  program.addOption(option);
}

export function buildProgram(): Command {
  const program = new Command('pkgshift')
    .usage('-s TYPE -t TYPE [options] [INPUT...]')
    .description('Convert software packages between formats, natively, and lint them.')
    .option('-s, --input-type <type>', `input type: ${inputs.map((p) => p.name).join(', ')} (default: sniffed from the input)`)
    .option('-t, --output-type <type>', `output type: ${outputs.map((p) => p.name).join(', ')}`)
    .argument('[inputs...]', 'what to package: paths, SRC=DEST mappings, or package files')
    .allowExcessArguments(false)
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) });
  program.addCommand(lintCommand());
  const seen = new Set<string>();
  const conversionOptions = [...COMMON_OPTIONS, ...[...inputs, ...outputs].flatMap((p) => p.options ?? [])].filter((spec) => !seen.has(spec.flags) && seen.add(spec.flags));
  for (const spec of conversionOptions) addOption(program, spec);
  program.addCommand(infoCommand());
  program.addCommand(buildCommand(conversionOptions, { diagnostics, lintPrinter, addOption }));
  program.action(async (args: string[], given: Record<string, unknown>) => {
    if (given.version === true) {
      process.stdout.write(`${packageVersion()}\n`);
      return;
    }
    if (!given.outputType) throw new PkgError('usage', 'give the output type with -t TYPE (see --help)');
    const options = resolveFpmOptions(given, given.outputType as string);
    if (typeof options.sourceDateEpochDefault === 'string') process.env.SOURCE_DATE_EPOCH ||= options.sourceDateEpochDefault;
    const inputList = [...args, ...((options.inputList as string[] | undefined) ?? [])];
    const diag = diagnostics(options);
    const written = await withRunContext(diag, options.verbose === true, (ctx) =>
      convert({ source: options.inputType as string | undefined, target: options.outputType as string, inputs: inputList, options,
        onLint: lintPrinter(options) }, ctx), options.workdir as string | undefined);
    if (!options.quiet) process.stdout.write(`${written}\n`);
  });
  return program;
}

function lintPrinter(options: Record<string, unknown>) {
  return (pkg: PackageModel, findings: Finding[]): void => {
    for (const f of findings) {
      if (options.quiet ? f.severity !== 'error' : f.severity === 'info' && !options.verbose) continue;
      process.stderr.write(`${formatLine(pkg.metadata.name, f)}\n`);
    }
  };
}

export function diagnostics(options: Record<string, unknown>): Diagnostics {
  return new Diagnostics((d: Diagnostic) => {
    if (options.quiet || (d.severity === 'info' && !options.verbose)) return;
    process.stderr.write(`pkgshift: ${d.severity}: ${d.message}\n`);
  });
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    // fpm reads a `.fpm` file in the working directory as options given before the command line's.
    const first = argv[0];
    const isSubcommand = first !== undefined && program.commands.some((c) => c.name() === first);
    await program.parseAsync(withOptionsFiles(isSubcommand ? argv : [...dotFpmArgs(), ...argv]), { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`pkgshift: error: ${describeError(err)}\n`);
    if (argv.includes('--verbose') && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    if (err instanceof PkgError && err.code === 'lint-failed') return 3;
    return err instanceof PkgError && err.code === 'usage' ? 2 : 1;
  }
}

removeTrackedOnSignal();
process.exitCode = await main(process.argv.slice(2));
