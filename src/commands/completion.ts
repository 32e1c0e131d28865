// `pkgshift completion bash|zsh|fish`: prints the shell completion script (README "Shell completion").
import { Command } from 'commander';
import { PkgError } from '../core/errors.js';
import { SHELLS, completionScript, type Shell } from '../cli/completion-script.js';

export function completionCommand(program: Command): Command {
  return new Command('completion')
    .description('print a shell completion script: source <(pkgshift completion bash)')
    .usage(SHELLS.join('|'))
    .argument('<shell>', SHELLS.join(', '))
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) throw new PkgError('usage', `completion: unknown shell '${shell}' (use ${SHELLS.join(', ')})`);
      process.stdout.write(completionScript(shell as Shell, program));
    });
}
