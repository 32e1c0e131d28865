// `pkgshift build -f nfpm.yaml [-t deb,rpm,tar] [options]`: an nfpm configuration (also read as
// pkgshift.yaml) built into every listed format in one run. Options given on the command line win
// over the file's; `-p` names a directory, or a template with TYPE/EXTENSION for several formats.
import { Command } from 'commander';
import { nfpmPackage } from '../config/nfpm-model.js';
import { readNfpmConfig } from '../config/nfpm.js';
import { PkgError } from '../core/errors.js';
import { resolveFpmOptions } from '../fpm/options.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { finishModel, withRunContext, writePackage, type ConvertRequest } from '../pipeline.js';
import type { OptionSpec, Options } from '../plugin.js';

/** What the CLI shares with the subcommand: how it prints diagnostics and lint findings, how it declares options. */
export interface BuildHooks {
  diagnostics(options: Options): Diagnostics;
  lintPrinter(options: Options): NonNullable<ConvertRequest['onLint']>;
  addOption(command: Command, spec: OptionSpec): void;
}

const DEFAULT_TARGETS = ['deb', 'rpm'];

export function buildCommand(conversionOptions: readonly OptionSpec[], hooks: BuildHooks): Command {
  const command = new Command('build')
    .description('build packages from an nfpm configuration (nfpm.yaml, or pkgshift.yaml with the same keys)')
    .usage('-f FILE [-t deb,rpm,tar] [options]')
    .requiredOption('-f, --config <file>', 'the nfpm configuration file (-f as in nfpm; --force is spelled out here)')
    .option('-t, --output-type <types>', `formats to build, comma-separated (default: ${DEFAULT_TARGETS.join(',')})`)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) });
  for (const spec of conversionOptions) {
    if (spec.flags.startsWith('--inputs ')) continue; // the config's contents say what goes in
    hooks.addOption(command, spec.flags.startsWith('-f, ') ? { ...spec, flags: spec.flags.slice(4) } : spec);
  }
  command.action(async (given: Options) => {
    const targets = String(given.outputType ?? DEFAULT_TARGETS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
    const single = given.package as string | undefined;
    if (targets.length > 1 && single && !single.endsWith('/') && !/TYPE|EXTENSION/.test(single)) {
      throw new PkgError('usage', `-p ${single} names one file but ${targets.length} formats are built: give a directory (-p DIR/) or a template with TYPE or EXTENSION`);
    }
    const diag = hooks.diagnostics(given);
    const config = readNfpmConfig(given.config as string, diag);
    for (const target of targets) {
      const cli = Object.fromEntries(Object.entries(resolveFpmOptions(given, target)).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
      const written = await withRunContext(diag, given.verbose === true, async (ctx) => {
        const fromFile = await nfpmPackage(config, target, ctx, (given.chdir as string | undefined) ?? '.');
        const options: Options = { ...fromFile.options, ...(fromFile.changelog ? { changelog: fromFile.changelog } : {}), ...cli };
        const model = finishModel(fromFile.model, options, ctx, false);
        return writePackage(model, { target, inputs: [], options, onLint: hooks.lintPrinter(options) }, ctx);
      }, given.workdir as string | undefined);
      if (!given.quiet) process.stdout.write(`${written}\n`);
    }
  });
  return command;
}
