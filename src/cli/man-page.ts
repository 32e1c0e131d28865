// The man page, pkgshift(1), generated from the same definitions as --help: `npm run man` writes
// man/pkgshift.1, which the npm package ships (package.json "man"); a test checks it is current.
import type { Command } from 'commander';
import type { OptionSpec } from '../plugin.js';
import { optionGroups } from './options.js';
import { USAGE } from './help.js';

/** roff text: backslashes and leading dots or quotes escaped, hyphens as minus signs in options. */
const roff = (text: string) => text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');

function optionEntry(flags: string, description: string): string[] {
  return ['.TP', `.B ${roff(flags)}`, roff(description)];
}

const specEntry = (o: OptionSpec) => optionEntry(o.flags, o.description + (o.repeatable && !/repeatable/.test(o.description) ? ' (repeatable)' : ''));

export function manPage(program: Command, version: string): string {
  const lines = [
    `.TH PKGSHIFT 1 "" "pkgshift ${version}" "User Commands"`,
    '.SH NAME',
    'pkgshift \\- convert software packages between dir, tar, npm, deb and rpm, and lint them',
    '.SH SYNOPSIS',
    `.B ${roff(USAGE)}`,
    '.br',
    '.B pkgshift lint|info|completion|help \\fR[\\fIoptions\\fR] [\\fIARGS\\fR...]',
    '.SH DESCRIPTION',
    roff('pkgshift reads a package (a directory, a tarball, an npm package, a .deb or an .rpm) into one model and writes it as a .deb, an .rpm or a tarball, natively, in one Node process. Before writing, it lints the package with the conventions of the output format.'),
    '.SH COMMANDS',
    ...program.commands.flatMap((c) => optionEntry(`${c.name()} ${c.usage()}`, c.description())),
  ];
  for (const group of optionGroups()) lines.push(`.SH ${roff(group.title.toUpperCase())} OPTIONS`.replace(' OPTIONS OPTIONS', ' OPTIONS'), ...group.options.flatMap(specEntry));
  for (const command of program.commands.filter((c) => c.options.length)) {
    lines.push(`.SH ${command.name().toUpperCase()} OPTIONS`, ...command.options.flatMap((o) => optionEntry(o.flags, o.description)));
  }
  lines.push(
    '.SH EXIT STATUS',
    roff('0 success; 1 failure (unreadable input, failed write); 2 usage error; 3 lint findings reached --strict or --fail-on.'),
    '.SH ENVIRONMENT',
    ...optionEntry('SOURCE_DATE_EPOCH', 'timestamps written into packages: two runs write byte-identical output'),
    ...optionEntry('DEBFULLNAME, DEBEMAIL', 'the maintainer when -m is not given'),
    '.SH FILES',
    roff('The format facts pkgshift relies on are in docs/FORMATS.md of its package, the lint rules in docs/LINT.md.'),
    '.SH SEE ALSO',
    '.BR dpkg\\-deb (1),',
    '.BR rpm (8),',
    '.BR lintian (1),',
    '.BR rpmlint (1)',
    '',
  );
  return lines.join('\n');
}
