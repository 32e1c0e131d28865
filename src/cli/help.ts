// The help texts: `pkgshift --help` (grouped: input and output, metadata, …, then each input's and
// each output's own options) and the help of each subcommand, from the same definitions the parser uses.
import type { Command } from 'commander';
import type { OptionSpec } from '../plugin.js';
import { inputs, outputs } from '../registry.js';
import { optionGroups } from './options.js';

export const USAGE = 'pkgshift -s TYPE -t TYPE [options] [INPUT...]';

const COLUMN = 34;

function row(left: string, right: string): string {
  return left.length >= COLUMN - 2 ? `  ${left}\n${' '.repeat(COLUMN)}${right}` : `  ${left.padEnd(COLUMN - 2)}${right}`;
}

export function optionRow(spec: OptionSpec): string {
  return row(spec.flags, spec.description + (spec.repeatable && !/repeatable/.test(spec.description) ? ' (repeatable)' : ''));
}

/** One line per subcommand: its name and arguments, and its description. */
export function commandRows(commands: readonly Command[]): string[] {
  return commands.map((c) => row(`${c.name()} ${c.usage()}`, c.description()));
}

export function mainHelp(commands: readonly Command[]): string {
  const lines = [
    `Usage: ${USAGE}`,
    '       pkgshift COMMAND [options] [ARGS...]',
    '',
    'Convert software packages between formats, natively, and lint them.',
    `Inputs: ${inputs.map((p) => p.name).join(', ')}. Outputs: ${outputs.map((p) => p.name).join(', ')}.`,
    '',
    'Commands:',
    ...commandRows(commands),
  ];
  for (const group of optionGroups()) lines.push('', `${group.title}:`, ...group.options.map(optionRow));
  lines.push('', 'Exit codes: 0 success, 1 failure, 2 usage error, 3 lint findings (--strict).', '');
  return lines.join('\n');
}
