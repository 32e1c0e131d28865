// Arguments from files, as fpm reads them: a `.fpm` file in the working directory holds options
// (shell words, read before the command line's, so the command line wins); `--inputs FILE` lists
// inputs and `--exclude-file FILE` exclude patterns, one a line.
import { existsSync } from 'node:fs';
import { PkgError } from '../core/errors.js';
import { readTextFile } from '../core/text-file.js';

export const DOT_FPM = '.fpm';

/** The words of `.fpm` in `dir`, or none when there is no such file. */
export function dotFpmArgs(dir = '.'): string[] {
  const path = `${dir}/${DOT_FPM}`;
  if (!existsSync(path)) return [];
  return shellWords(readTextFile(path, 'options file'), DOT_FPM);
}

/** `--fpm-options-file FILE` replaced by the words of FILE, in its place (fpm). */
export function withOptionsFiles(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = arg.startsWith('--fpm-options-file=') ? arg.slice('--fpm-options-file='.length) : undefined;
    const file = inline ?? (arg === '--fpm-options-file' ? argv[++i] : undefined);
    if (file === undefined) out.push(arg);
    else out.push(...shellWords(readTextFile(file, '--fpm-options-file'), file));
  }
  return out;
}

/** Non-empty lines of a list file (`--inputs`, `--exclude-file`); `#` comments and blank lines skipped. */
export function listFile(path: string, option: string): string[] {
  return readTextFile(path, option).split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}


/** Splits text into words as a POSIX shell does (quotes, backslashes, `#` comments), without expansion. */
export function shellWords(text: string, where: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) word ??= '';
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) word += text[++i] === '\n' ? '' : text[i]!;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      const next = text[++i];
      if (next !== undefined && next !== '\n') word = (word ?? '') + next;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      while (i < text.length && text[i] !== '\n') i++;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new PkgError('usage', `${where}: unterminated ${quote} quote`);
  if (word !== undefined) words.push(word);
  return words;
}
