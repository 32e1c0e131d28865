// The pkgshift program: the conversion command with every option of cli/options.ts, and the commands
// lint, info, repo, completion and help. cli.ts runs it.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { PkgError } from '../core/errors.js';
import { convert, withRunContext } from '../pipeline.js';
import { lintCommand } from '../commands/lint.js';
import { infoCommand } from '../commands/info.js';
import { repoCommand } from '../commands/repo.js';
import { completionCommand } from '../commands/completion.js';
import { mainHelp, USAGE } from './help.js';
import { addOption, optionGroups } from './options.js';
import { Reporter } from './reporter.js';
import { suppressionsFromIds } from '../lint/overrides.js';

/** A subcommand's help on stdout: `pkgshift help lint`. */
function helpCommand(program: Command): Command {
  return new Command('help')
    .description('print the help of pkgshift or of a command')
    .usage('[COMMAND]')
    .argument('[command]', 'lint, info, repo, completion')
    .action((name: string | undefined) => {
      if (!name) {
        process.stdout.write(program.helpInformation());
        return;
      }
      const command = program.commands.find((c) => c.name() === name);
      if (!command) throw new PkgError('usage', `no command '${name}' (commands: ${program.commands.map((c) => c.name()).join(', ')})`);
      process.stdout.write(command.helpInformation());
    });
}

export function buildProgram(): Command {
  const program = new Command('pkgshift')
    .usage(USAGE)
    .description('Convert software packages between formats, natively, and lint them.')
    .argument('[inputs...]', 'what to package: paths, SRC=DEST mappings, or package files')
    .allowExcessArguments(false)
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) });
  for (const command of [lintCommand(), infoCommand(), repoCommand(), completionCommand(program), helpCommand(program)]) {
    program.addCommand(command.exitOverride().configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) }));
  }
  const seen = new Set<string>(['-h, --help']);
  for (const spec of optionGroups().flatMap((g) => g.options)) {
    if (seen.has(spec.flags)) continue;
    seen.add(spec.flags);
    addOption(program, spec);
  }
  program.configureHelp({ formatHelp: () => mainHelp(program.commands) });
  program.action(async (args: string[], options: Record<string, unknown>) => {
    if (options.V) {
      process.stdout.write(`${packageVersion()}\n`);
      return;
    }
    if (!options.outputType) throw new PkgError('usage', 'give the output type with -t TYPE (see pkgshift --help)');
    const reporter = new Reporter({ ...options, overrides: suppressionsFromIds((options.suppress as string[] | undefined) ?? []) });
    try {
      const written = await withRunContext(reporter.diag, options.verbose === true, (ctx) =>
        convert({ source: options.inputType as string | undefined, target: options.outputType as string, inputs: args, options,
          overrides: reporter.overrides, onLint: (pkg, findings) => reporter.lint(pkg.metadata.name, findings) }, ctx));
      reporter.succeeded(written);
    } catch (err) {
      reporter.failed(err);
      throw err;
    }
  });
  return program;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

