// The repository's own index of what it holds (`.pkgshift/index.json`): every package entry with its
// rendered index text, and the content-addressed index files of the last two publications (kept so
// that a client who fetched the previous top-level index can still fetch what it names).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PkgError, describeError } from '../core/errors.js';
import type { RepoEntry } from './entry.js';

export type RepoKind = 'apt' | 'rpm-md';

export interface RepoState {
  kind: RepoKind;
  entries: RepoEntry[];
  /** Content-addressed index files of the current and previous publication. */
  published: string[];
  previous: string[];
}

export const STATE_PATH = '.pkgshift/index.json';

export function loadState(root: string, kind: RepoKind): RepoState {
  let text: string;
  try {
    text = readFileSync(join(root, STATE_PATH), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind, entries: [], published: [], previous: [] };
    throw new PkgError('input-unreadable', `reading the repository index ${join(root, STATE_PATH)}: ${describeError(err)}`);
  }
  let state: RepoState;
  try {
    state = JSON.parse(text) as RepoState;
  } catch {
    throw new PkgError('input-invalid', `the repository index ${join(root, STATE_PATH)} is damaged (not JSON)`);
  }
  if (state.kind !== kind) throw new PkgError('usage', `${root} is an ${state.kind} repository, not ${kind}`);
  return state;
}

export function serializeState(state: RepoState): string {
  return `${JSON.stringify(state, null, 1)}\n`;
}
