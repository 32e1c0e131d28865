// Shell completion scripts for bash, zsh and fish, generated from the program's own commands and
// options (cli/options.ts adds what a value is: a choice, a file, a directory).
import type { Command, Option } from 'commander';
import { optionGroups } from './options.js';

interface CompletedOption {
  short?: string;
  long?: string;
  description: string;
  takesValue: boolean;
  repeatable: boolean;
  choices?: readonly string[];
  value?: 'file' | 'dir';
}

interface CompletedCommand {
  name: string;
  description: string;
  options: CompletedOption[];
  /** What the positional arguments are: files, or a fixed list. */
  args: readonly string[] | 'files';
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

function completedOption(option: Option): CompletedOption {
  const spec = optionGroups().flatMap((g) => g.options).find((s) => s.flags === option.flags);
  const choices = option.argChoices ?? spec?.choices;
  return {
    ...(option.short ? { short: option.short } : {}),
    ...(option.long ? { long: option.long } : {}),
    description: option.description,
    takesValue: option.required || option.optional,
    repeatable: spec?.repeatable === true || option.variadic,
    ...(choices ? { choices } : {}),
    ...(spec?.value ? { value: spec.value } : /<(file|dir|path)>/.test(option.flags) ? { value: option.flags.includes('<dir>') ? 'dir' : 'file' } : {}),
  };
}

function commandsOf(program: Command): { main: CompletedCommand; subcommands: CompletedCommand[] } {
  const describe = (command: Command, args: readonly string[] | 'files'): CompletedCommand => ({
    name: command.name(), description: command.description(), options: command.options.map(completedOption), args,
  });
  const names = program.commands.map((c) => c.name());
  return {
    main: describe(program, 'files'),
    subcommands: program.commands.map((c) => describe(c, c.name() === 'completion' ? SHELLS : c.name() === 'help' ? names : 'files')),
  };
}

const names = (o: CompletedOption) => [o.short, o.long].filter((n): n is string => n !== undefined);

export function completionScript(shell: Shell, program: Command): string {
  const { main, subcommands } = commandsOf(program);
  switch (shell) {
    case 'bash': return bashScript(main, subcommands);
    case 'zsh': return zshScript(main, subcommands);
    case 'fish': return fishScript(main, subcommands);
  }
}

function bashScript(main: CompletedCommand, subcommands: CompletedCommand[]): string {
  const valueCases = (command: CompletedCommand, key: string) => command.options.filter((o) => o.takesValue).map((o) => {
    const patterns = names(o).map((n) => `${key}:${n}`).join('|');
    const reply = o.choices ? `compgen -W '${o.choices.join(' ')}' -- "$cur"` : o.value === 'dir' ? 'compgen -d -- "$cur"' : o.value === 'file' ? 'compgen -f -- "$cur"' : '';
    return `    ${patterns}) ${reply ? `COMPREPLY=($(${reply}))` : 'COMPREPLY=()'}; return ;;`;
  });
  const optionWords = (command: CompletedCommand) => command.options.flatMap(names).join(' ');
  const argWords = (command: CompletedCommand) => (command.args === 'files' ? '' : command.args.join(' '));
  return `# bash completion for pkgshift: source <(pkgshift completion bash)
_pkgshift() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in ${subcommands.map((c) => c.name).join('|')}) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$cmd:$prev" in
${[...valueCases(main, ''), ...subcommands.flatMap((c) => valueCases(c, c.name))].join('\n')}
  esac
  local options args
  case "$cmd" in
${subcommands.map((c) => `    ${c.name}) options='${optionWords(c)}'; args='${argWords(c)}' ;;`).join('\n')}
    *) options='${optionWords(main)}'; args='${subcommands.map((c) => c.name).join(' ')}' ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ -n $args && ( -n $cmd || $COMP_CWORD -eq 1 ) ]]; then
    COMPREPLY=($(compgen -W "$args" -- "$cur"))
    [[ -z $cmd ]] && COMPREPLY+=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _pkgshift pkgshift
`;
}

/** Text inside a single-quoted zsh _arguments spec: brackets and colons escaped. */
const zshText = (text: string) => text.replace(/'/g, "'\\''").replace(/([[\]:\\])/g, '\\$1');

function zshSpecs(command: CompletedCommand): string[] {
  const specs = command.options.flatMap((o) => {
    const all = names(o);
    const exclusion = o.repeatable || all.length < 2 ? (o.repeatable ? '*' : '') : `(${all.join(' ')})`;
    const action = !o.takesValue ? '' : o.choices ? `:value:(${o.choices.join(' ')})` : o.value === 'dir' ? ':directory:_files -/' : o.value === 'file' ? ':file:_files' : ':value: ';
    return all.map((n) => `'${exclusion}${n}[${zshText(o.description)}]${action}'`);
  });
  const args = command.args === 'files' ? "'*:file:_files'" : `'1:argument:(${command.args.join(' ')})'`;
  return [...specs, args];
}

function zshScript(main: CompletedCommand, subcommands: CompletedCommand[]): string {
  return `#compdef pkgshift
# zsh completion for pkgshift: source <(pkgshift completion zsh), after compinit
_pkgshift() {
  local -a commands
  commands=(
${subcommands.map((c) => `    '${c.name}:${zshText(c.description)}'`).join('\n')}
  )
  case $words[2] in
${subcommands.map((c) => `    ${c.name})
      shift words; (( CURRENT-- ))
      _arguments -s \\
        ${zshSpecs(c).join(' \\\n        ')} ;;`).join('\n')}
    *)
      (( CURRENT == 2 )) && [[ $words[2] != -* ]] && _describe command commands
      _arguments -s \\
        ${zshSpecs(main).join(' \\\n        ')} ;;
  esac
}
if [[ $funcstack[1] == _pkgshift ]]; then _pkgshift "$@"; else compdef _pkgshift pkgshift; fi
`;
}

const fishText = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishScript(main: CompletedCommand, subcommands: CompletedCommand[]): string {
  const all = subcommands.map((c) => c.name).join(' ');
  const line = (condition: string, o: CompletedOption) => {
    const flags = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : ''].filter(Boolean).join(' ');
    const value = !o.takesValue ? '' : o.choices ? ` -x -a ${fishText(o.choices.join(' '))}` : o.value === 'dir' ? " -x -a '(__fish_complete_directories)'" : o.value === 'file' ? ' -r -F' : ' -x';
    return `complete -c pkgshift -n ${fishText(condition)} ${flags}${value} -d ${fishText(o.description)}`;
  };
  return [
    '# fish completion for pkgshift: pkgshift completion fish | source',
    `complete -c pkgshift -n '__fish_use_subcommand' -F`,
    ...subcommands.map((c) => `complete -c pkgshift -n '__fish_use_subcommand' -f -a ${c.name} -d ${fishText(c.description)}`),
    ...main.options.map((o) => line(`not __fish_seen_subcommand_from ${all}`, o)),
    ...subcommands.flatMap((c) => [
      ...c.options.map((o) => line(`__fish_seen_subcommand_from ${c.name}`, o)),
      c.args === 'files' ? `complete -c pkgshift -n '__fish_seen_subcommand_from ${c.name}' -F`
        : `complete -c pkgshift -n '__fish_seen_subcommand_from ${c.name}' -f -a ${fishText(c.args.join(' '))}`,
    ]),
    '',
  ].join('\n');
}
