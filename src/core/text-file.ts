// Small text files named on the command line or in a config (scripts, changelogs, lists, units):
// read whole, with an error that names what the file is for.
import { readFileSync } from 'node:fs';
import { PkgError, describeError } from './errors.js';

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new PkgError('input-unreadable', `reading ${what} ${path}: ${describeError(err)}`, { cause: err });
  }
}
