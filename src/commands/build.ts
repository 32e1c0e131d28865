// `pkgshift build -f nfpm.yaml [-t deb,rpm,tar] [options]`: an nfpm configuration (also read as
// pkgshift.yaml) built into every listed format in one run. Options given on the command line win
// over the file's; `-p` names a directory, or a template with TYPE/EXTENSION for several formats.
import { Command } from 'commander';
import { addOption, optionGroups } from '../cli/options.js';
import { Reporter, type ReporterOptions } from '../cli/reporter.js';
import { nfpmPackage } from '../config/nfpm-model.js';
import { readNfpmConfig } from '../config/nfpm.js';
import { PkgError } from '../core/errors.js';
import { resolveFpmOptions } from '../fpm/options.js';
import { suppressionsFromIds } from '../lint/overrides.js';
import { checkPackageOption } from '../output-file.js';
import { finishModel, withRunContext, writePackage } from '../pipeline.js';
import { findOutput } from '../registry.js';
import type { Options } from '../plugin.js';

const DEFAULT_TARGETS = ['deb', 'rpm'];

export function buildCommand(): Command {
  const command = new Command('build')
    .description('build packages from an nfpm configuration (nfpm.yaml, or pkgshift.yaml with the same keys)')
    .usage('-f FILE [-t deb,rpm,tar] [options]')
    .requiredOption('-f, --config <file>', 'the nfpm configuration file (-f as in nfpm; --force is spelled out here)')
    .allowExcessArguments(false);
  for (const spec of optionGroups().flatMap((g) => g.options)) {
    // -t takes a list here; the config names the contents; -f is the config file.
    if (/^(-s, |-t, |-h, |-V$)|^--inputs /.test(spec.flags)) continue;
    addOption(command, spec.flags.startsWith('-f, ') ? { ...spec, flags: spec.flags.slice(4) } : spec);
  }
  command.option('-t, --output-type <types>', `formats to build, comma-separated (default: ${DEFAULT_TARGETS.join(',')})`);
  command.action(async (given: Options) => {
    const targets = String(given.outputType ?? DEFAULT_TARGETS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
    const single = given.package as string | undefined;
    if (targets.length > 1 && single && !single.endsWith('/') && !/TYPE|EXTENSION/.test(single)) {
      throw new PkgError('usage', `-p ${single} names one file but ${targets.length} formats are built: give a directory (-p DIR/) or a template with TYPE or EXTENSION`);
    }
    for (const target of targets) checkPackageOption(single, findOutput(target), given.force === true);
    const reporter = new Reporter({ ...given, overrides: suppressionsFromIds((given.suppress as string[] | undefined) ?? []) } as ReporterOptions);
    try {
      const config = readNfpmConfig(given.config as string, reporter.diag);
      for (const target of targets) {
        // Only what the command line says: unset options must not hide the file's values.
        const cli = Object.fromEntries(Object.entries(resolveFpmOptions(given, target)).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
        const written = await withRunContext(reporter.diag, given.verbose === true, async (ctx) => {
          const fromFile = await nfpmPackage(config, target, ctx, (given.chdir as string | undefined) ?? '.');
          const options: Options = { ...fromFile.options, ...(fromFile.changelog ? { changelog: fromFile.changelog } : {}), ...cli };
          const model = finishModel(fromFile.model, options, ctx, false);
          return writePackage(model, {
            target, inputs: [], options, overrides: reporter.overrides, onLint: (pkg, findings) => reporter.lint(pkg.metadata.name, findings),
          }, ctx, { buildRoots: [] }); // files from disk, as the dir input reads them: no distribution family
        }, { maxExpansion: given.maxExpansion, workdir: given.workdir as string | undefined });
        reporter.succeeded(written);
      }
    } catch (err) {
      reporter.failed(err);
      throw err;
    }
  });
  return command;
}
