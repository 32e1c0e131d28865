// `pkgshift repo apt|rpm DIR [options] [PACKAGE...]`: publishes packages as a signed apt or dnf/yum
// repository in DIR, adding, removing, pruning and listing; every change is atomic (src/repo).
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { PkgError } from '../core/errors.js';
import { readSigningKeyFile, type SigningKey } from '../openpgp/index.js';
import { aptFormat, aptScope } from '../repo/apt/format.js';
import { type RepoFormat, listEntries, updateRepository } from '../repo/operations.js';
import { rpmMdFormat } from '../repo/rpm-md/format.js';
import type { RepoKind } from '../repo/state.js';

interface RepoOptions {
  signKey?: string;
  signPassphraseFile?: string;
  remove?: string[];
  prune?: string;
  replace?: boolean;
  list?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  dist: string;
  component: string;
  origin?: string;
  label?: string;
  validDays?: string;
  compression: 'gzip' | 'zstd';
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function repoSubcommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .usage('DIR [options] [PACKAGE...]')
    .argument('<dir>', 'the repository directory (created if missing)')
    .argument('[packages...]', 'package files to add')
    .option('--sign-key <file>', 'sign the indexes with this OpenPGP secret key (gpg --export-secret-keys --armor)')
    .option('--sign-passphrase-file <file>', 'the key\'s passphrase, first line of this file (default: $PKGSHIFT_SIGN_PASSPHRASE)')
    .option('--remove <name=version>', 'remove every architecture of this version', collect)
    .option('--prune <n>', 'keep only the N newest versions of each package')
    .option('--replace', 'replace a package already there with the same name, version and architecture')
    .option('--list', 'list the packages in the repository')
    .option('--quiet', 'print only errors')
    .option('--verbose', 'say more, including error details')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) });
}

async function run(kind: RepoKind, format: (key: SigningKey | undefined) => RepoFormat, scope: string,
  dir: string, packages: string[], options: RepoOptions): Promise<void> {
  const root = resolve(dir);
  if (options.list) {
    for (const e of listEntries(root, kind)) {
      process.stdout.write(`${[e.name, e.version, e.arch, ...(e.scope ? [e.scope] : []), e.path].join('\t')}\n`);
    }
    if (!packages.length && !options.remove?.length && options.prune === undefined) return;
  }
  if (!packages.length && !options.remove?.length && options.prune === undefined) {
    throw new PkgError('usage', 'give package files to add, --remove, --prune or --list');
  }
  const prune = options.prune === undefined ? undefined : Number(options.prune);
  const key = options.signKey ? readSigningKeyFile(options.signKey, { passphraseFile: options.signPassphraseFile }) : undefined;
  await updateRepository(format(key), {
    root, scope, add: packages, remove: options.remove ?? [], prune, replace: options.replace === true,
    say: (line) => { if (!options.quiet) process.stdout.write(`${line}\n`); },
  });
}

export function repoCommand(): Command {
  const apt = repoSubcommand('apt', 'publish .deb packages as an apt repository (pool/, dists/, signed InRelease)')
    .option('--dist <name>', 'distribution (Suite and Codename)', 'stable')
    .option('--component <name>', 'component', 'main')
    .option('--origin <text>', 'Origin of the Release file')
    .option('--label <text>', 'Label of the Release file')
    .option('--valid-days <n>', 'add Valid-Until this many days after the Release Date')
    .action((dir: string, packages: string[], options: RepoOptions) => {
      const validDays = options.validDays === undefined ? undefined : Number(options.validDays);
      if (validDays !== undefined && !(validDays > 0)) throw new PkgError('usage', `--valid-days takes a number of days, not '${options.validDays}'`);
      for (const [what, value] of [['dist', options.dist], ['component', options.component]] as const) {
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) throw new PkgError('usage', `--${what} '${value}' is not a plain name`);
      }
      return run('apt', (key) => aptFormat({ key, origin: options.origin, label: options.label, validDays }),
        aptScope(options.dist, options.component), dir, packages, options);
    });
  const rpm = repoSubcommand('rpm', 'publish .rpm packages as a dnf/yum repository (repodata/ like createrepo_c)')
    .addOption(new Option('--compression <kind>', 'repodata compression').choices(['gzip', 'zstd']).default('gzip'))
    .action((dir: string, packages: string[], options: RepoOptions) =>
      run('rpm-md', (key) => rpmMdFormat({ key, compression: options.compression }), '', dir, packages, options));
  return new Command('repo')
    .description('publish packages as a signed apt or dnf/yum repository')
    .usage('apt|rpm DIR [options] [PACKAGE...]')
    .addCommand(apt)
    .addCommand(rpm)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) });
}
