// The command line: `pkgshift -s TYPE -t TYPE [options] [INPUT...]` and the commands lint, info,
// completion and help (program.ts). One catch at the top maps errors to exit codes: 0 success,
// 1 failure, 2 usage error, 3 lint findings (see README). Started by ../cli.ts.
import { CommanderError } from 'commander';
import { PkgError, describeError, printable } from '../core/errors.js';
import { dotFpmArgs, withOptionsFiles } from '../fpm/args.js';
import { buildProgram } from './program.js';

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    // fpm reads a `.fpm` file in the working directory as options given before the command line's,
    // and `--fpm-options-file FILE` as options in its place.
    const isSubcommand = argv[0] !== undefined && program.commands.some((c) => c.name() === argv[0]);
    argv = withOptionsFiles(isSubcommand ? argv : [...dotFpmArgs(), ...argv]);
  } catch (err) {
    process.stderr.write(`pkgshift: error: ${describeError(err)}\n`);
    return 2;
  }
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
    process.stderr.write(`pkgshift: error: ${printable(describeError(err))}\n`);
    if (argv.includes('--verbose') && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    if (err instanceof PkgError && err.code === 'lint-failed') return 3;
    return err instanceof PkgError && err.code === 'usage' ? 2 : 1;
  }
}
