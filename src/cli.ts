#!/usr/bin/env node
// The command line: `pkgshift -s TYPE -t TYPE [options] [INPUT...]` and the commands lint, info,
// completion and help (cli/program.ts). One catch at the top maps errors to exit codes: 0 success,
// 1 failure, 2 usage error, 3 lint findings (see README).
import { CommanderError } from 'commander';
import { removeTrackedOnSignal } from './core/cleanup.js';
import { PkgError, describeError } from './core/errors.js';
import { buildProgram } from './cli/program.js';

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // A bare `pkgshift` prints the help; `pkgshift --version` alone, as most tools, pkgshift's version
  // (with anything else, -v/--version is the package version and needs a value, as in fpm).
  if (argv.length === 0) argv = ['help'];
  if (argv.length === 1 && argv[0] === '--version') argv = ['-V'];
  try {
    await program.parseAsync(argv, { from: 'user' });
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
