// Every option of the conversion command, in the groups `--help`, the man page and the shell
// completions show: common options first, then each input's and each output's own. One list, so
// that the parser, the help, the man page and the completions cannot disagree.
import { Option, type Command } from 'commander';
import { FPM_COMMON_OPTIONS } from '../fpm/options.js';
import type { OptionSpec } from '../plugin.js';
import { inputs, outputs } from '../registry.js';

export interface OptionGroup {
  title: string;
  options: OptionSpec[];
}

const METADATA: OptionSpec[] = [
  { flags: '-n, --name <name>', description: 'package name' },
  { flags: '-v, --version <version>', description: "package version (pkgshift's own version: -V)" },
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
];

const RELATIONS: OptionSpec[] = [
  { flags: '-d, --depends <relation>', description: "dependency, e.g. 'libc6 (>= 2.17)'", repeatable: true },
  { flags: '--provides <relation>', description: 'virtual package provided', repeatable: true },
  { flags: '--conflicts <relation>', description: 'conflicting package', repeatable: true },
  { flags: '--replaces <relation>', description: 'package replaced', repeatable: true },
  { flags: '--recommends <relation>', description: 'recommended package', repeatable: true },
  { flags: '--suggests <relation>', description: 'suggested package', repeatable: true },
  { flags: '--deps <policy>', description: "the input's relations: keep (as written), map (names translated, plus those computed from the files), auto (computed from the files only), none (default: auto between deb and rpm, else keep)", choices: ['keep', 'map', 'auto', 'none'] },
  { flags: '--dep-map <file>', description: "package name map on top of the built-in one: lines 'debian-name<TAB>rpm-name[<TAB>opensuse-name]' ('-': no package needed); repeatable", repeatable: true, value: 'file' },
  { flags: '--keep-foreign-metadata', description: "also keep what the input format says that the output format has no field for (deb Priority, Essential, Multi-Arch …; rpm Group, Distribution …), where the output's tools ignore it, so that converting back loses nothing" },
  { flags: '--target-distro <distro>', description: "whose rpm package names --deps map writes: fedora (default; RHEL, CentOS too) or opensuse (SLES too)", choices: ['fedora', 'opensuse'] },
];

const FILES: OptionSpec[] = [
  { flags: '-C, --chdir <dir>', description: 'read inputs relative to this directory', value: 'dir' },
  { flags: '--prefix <dir>', description: 'place every input under this directory in the package' },
  { flags: '-x, --exclude <glob>', description: "leave out paths matching the glob (*, **, ?, [abc], {a,b})", repeatable: true },
  { flags: '--config-files <path>', description: 'mark a file (or every file below a directory) as a config file', repeatable: true },
  { flags: '--no-default-config-files', description: 'do not make files under /etc config files (dir, tar and npm inputs)' },
  { flags: '--directories <path>', description: 'mark a directory of the package as owned by it (rpm lists it)', repeatable: true },
  { flags: '--owner <user>', description: 'owner of every file (default root)' },
  { flags: '--group <group>', description: 'group of every file (default root)' },
];

const SCRIPTS: OptionSpec[] = [
  { flags: '--before-install <file>', description: 'script to run before install', value: 'file' },
  { flags: '--after-install <file>', description: 'script to run after install', value: 'file' },
  { flags: '--before-remove <file>', description: 'script to run before removal', value: 'file' },
  { flags: '--after-remove <file>', description: 'script to run after removal', value: 'file' },
  { flags: '--no-scripts', description: 'leave out every maintainer script (of the input too)' },
];

const OUTPUT: OptionSpec[] = [
  { flags: '-p, --package <path>', description: 'output file, or a directory for the conventional file name', value: 'file' },
  { flags: '-f, --force', description: 'overwrite an existing output file; write under a name whose extension is not the output type\'s' },
  { flags: '--compression <kind>', description: 'tar output compression: none, gzip, xz, zstd (default: from -p, else gzip)', choices: ['none', 'gzip', 'xz', 'zstd'] },
  { flags: '--compression-level <n>', description: 'tar output compression level' },
  { flags: '--no-lint', description: 'do not lint the package before writing it' },
  { flags: '--strict', description: 'fail (exit 3, nothing written) when lint finds an error' },
  { flags: '--suppress <ids>', description: 'say nothing of these warnings and lint findings (ids, comma-separated, globs allowed; repeatable)', repeatable: true },
];

const GENERAL: OptionSpec[] = [
  { flags: '--json', description: 'print one JSON object on stdout: the output path, warnings and lint findings' },
  { flags: '--progress', description: 'show a progress line on stderr even when it is not a terminal' },
  { flags: '--no-progress', description: 'never show a progress line (default: shown on a terminal for steps longer than a second)' },
  { flags: '--max-expansion <ratio>', description: 'refuse compressed content that expands more than RATIO times its compressed size, beyond 64 MiB (default 1000)' },
  { flags: '--verbose', description: 'say more, including error details' },
  { flags: '--quiet', description: 'print only errors' },
  { flags: '-V', description: 'print the version of pkgshift' },
  { flags: '-h, --help', description: 'print this help (pkgshift help COMMAND: a command\'s help)' },
];

/** The type options, which name the registered plugins. */
function typeOptions(): OptionSpec[] {
  return [
    { flags: '-s, --input-type <type>', description: 'input type (default: sniffed from the input)', choices: inputs.map((p) => p.name) },
    { flags: '-t, --output-type <type>', description: 'output type', choices: outputs.map((p) => p.name) },
  ];
}

/** The conversion command's options, grouped; `-h` and `-V` are handled by the CLI itself. */
export function optionGroups(): OptionGroup[] {
  return [
    { title: 'Input and output', options: [...typeOptions(), ...OUTPUT] },
    { title: 'Package metadata', options: METADATA },
    { title: 'Relations (repeatable)', options: RELATIONS },
    { title: 'Files', options: FILES },
    { title: 'Maintainer scripts', options: SCRIPTS },
    { title: 'Upgrade scripts, systemd units, changelog, signing; fpm options', options: FPM_COMMON_OPTIONS },
    ...inputs.filter((p) => p.options?.length).map((p) => ({ title: `${p.name} input`, options: p.options! })),
    ...outputs.filter((p) => p.options?.length).map((p) => ({ title: `${p.name} output`, options: p.options! })),
    { title: 'General', options: GENERAL },
  ];
}

/** The metadata options lint accepts too, so that a directory can be linted as the package it becomes. */
export const LINT_METADATA_OPTIONS: OptionSpec[] = METADATA.filter((o) => !/--(bump|epoch|iteration)\b/.test(o.flags));

// Not an array yet: unset, or a `--no-X` negation (fpm's --no-depends) given earlier.
const collect = (value: string, previous: unknown) => [...(Array.isArray(previous) ? previous as string[] : []), value];

export function addOption(command: Command, spec: OptionSpec): void {
  const option = new Option(spec.flags, spec.description);
  if (spec.repeatable) option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default);
  command.addOption(option);
}
