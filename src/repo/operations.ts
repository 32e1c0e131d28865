// Adding, removing, pruning and listing, the same for every repository format. A format says how to
// read a package and how to publish the indexes; this file decides what the repository holds next.
import { existsSync, statSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { PkgError } from '../core/errors.js';
import { sourceDateEpoch } from '../core/normalize.js';
import { entryLabel, sameIdentity, type RepoEntry } from './entry.js';
import { type CopiedFile, copyHashing } from './package-copy.js';
import { Staging } from './staging.js';
import { type RepoKind, type RepoState, STATE_PATH, loadState, serializeState } from './state.js';

/** A package file read by a format, before it is copied in. */
export interface InspectedPackage {
  name: string;
  version: string;
  arch: string;
  /** Where it goes, relative to the repository root. */
  path: string;
  /** The index text, once the copy's size and hashes and its time in the repository are known. */
  render(copy: CopiedFile, mtime: number): Record<string, string>;
}

export interface RepoFormat {
  kind: RepoKind;
  /** Reads the package's metadata; a file that is not such a package fails with one line. */
  inspect(source: string, scope: string): Promise<InspectedPackage>;
  compareVersions(a: string, b: string): number;
  /**
   * Stages the indexes for `entries` in every scope of `scopes` (also those now empty): content-addressed
   * files with `staging.place` (returned, to be kept for one more generation), top-level files (the ones
   * clients start from) with `placeLast`.
   */
  publish(entries: RepoEntry[], scopes: string[], staging: Staging, time: number): Promise<string[]>;
}

export interface RepoRequest {
  root: string;
  scope: string;
  add: string[];
  remove: string[];
  prune?: number;
  replace: boolean;
  /** Progress lines (`added …`, `removed …`). */
  say(line: string): void;
}

/** The time a run stamps on what it writes: SOURCE_DATE_EPOCH, else now. */
export function publishTime(): number {
  return sourceDateEpoch() ?? Math.floor(Date.now() / 1000);
}

export function listEntries(root: string, kind: RepoKind): RepoEntry[] {
  return loadState(root, kind).entries;
}

export async function updateRepository(format: RepoFormat, request: RepoRequest): Promise<void> {
  const { root } = request;
  if (existsSync(root) && !statSync(root).isDirectory()) throw new PkgError('usage', `the repository ${root} is not a directory`);
  const staging = new Staging(root);
  try {
    const state = loadState(root, format.kind);
    const entries = [...state.entries];
    const removed: RepoEntry[] = [];
    let changed = false;
    for (const source of request.add) {
      const result = await addPackage(format, request, entries, source, staging);
      changed ||= result;
    }
    for (const spec of request.remove) removed.push(...removeSpec(entries, request, spec));
    if (request.prune !== undefined) removed.push(...prune(format, entries, request.scope, request.prune));
    for (const entry of removed) request.say(`removed ${entryLabel(entry)} from ${where(entry)}`);
    if (!changed && removed.length === 0) {
      staging.discard();
      return;
    }
    const scopes = [...new Set([request.scope, ...state.entries.map((e) => e.scope), ...entries.map((e) => e.scope)])];
    const published = await format.publish(entries, scopes, staging, publishTime());
    const next: RepoState = { kind: format.kind, entries, published, previous: state.published };
    await staging.writeText(STATE_PATH, serializeState(next));
    const inUse = new Set([...entries.map((e) => e.path), ...published, ...state.published]);
    const obsolete = [...removed.map((e) => e.path), ...state.previous].filter((path) => !inUse.has(path));
    await staging.commit(obsolete);
  } catch (err) {
    staging.abort();
    throw err;
  }
}

function where(entry: RepoEntry): string {
  return entry.scope || 'the repository';
}

/** Adds one package file; false when the very same file is already there. */
async function addPackage(format: RepoFormat, request: RepoRequest, entries: RepoEntry[], source: string,
  staging: Staging): Promise<boolean> {
  if (!existsSync(source)) throw new PkgError('input-missing', `${source}: no such file`);
  const inspected = await format.inspect(source, request.scope);
  const staged = staging.tempPath();
  const copy = await copyHashing(source, staged);
  const mtime = sourceDateEpoch() ?? Math.floor(statSync(source).mtimeMs / 1000);
  await utimes(staged, mtime, mtime);
  const entry: RepoEntry = {
    name: inspected.name, version: inspected.version, arch: inspected.arch, scope: request.scope,
    path: inspected.path, size: copy.size, sha256: copy.sha256, index: {},
  };
  const label = `${entryLabel(entry)}`;
  const existing = entries.findIndex((e) => sameIdentity(e, entry));
  if (existing >= 0 && entries[existing]!.sha256 === copy.sha256) {
    request.say(`unchanged ${label}: already in ${where(entry)}`);
    return false;
  }
  if (existing >= 0 && !request.replace) {
    throw new PkgError('usage', `${source}: ${label} is already in ${where(entry)} with different content (use --replace to replace it)`);
  }
  const sharing = entries.find((e, i) => i !== existing && e.path === entry.path && e.sha256 !== copy.sha256);
  if (sharing) {
    throw new PkgError('usage', `${source}: ${entry.path} is also in ${where(sharing)} with different content; remove it there first`);
  }
  entry.index = inspected.render(copy, mtime);
  if (existing >= 0) entries.splice(existing, 1, entry);
  else entries.push(entry);
  if (!entries.some((e) => e !== entry && e.path === entry.path)) staging.place(staged, entry.path);
  request.say(`${existing >= 0 ? 'replaced' : 'added'} ${label} in ${where(entry)}`);
  return true;
}

/** `NAME=VERSION`: every architecture of that version in the scope. */
function removeSpec(entries: RepoEntry[], request: RepoRequest, spec: string): RepoEntry[] {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) throw new PkgError('usage', `--remove takes NAME=VERSION, not '${spec}'`);
  const [name, version] = [spec.slice(0, eq), spec.slice(eq + 1)];
  const removed = entries.filter((e) => e.scope === request.scope && e.name === name && e.version === version);
  if (removed.length === 0) throw new PkgError('usage', `${name}=${version} is not in ${request.scope || 'the repository'}`);
  for (const entry of removed) entries.splice(entries.indexOf(entry), 1);
  return removed;
}

/** Keeps the `keep` newest versions of every package name and architecture in the scope. */
function prune(format: RepoFormat, entries: RepoEntry[], scope: string, keep: number): RepoEntry[] {
  if (!Number.isInteger(keep) || keep < 1) throw new PkgError('usage', `--prune takes a number of versions to keep (1 or more), not ${keep}`);
  const groups = new Map<string, RepoEntry[]>();
  for (const entry of entries) {
    if (entry.scope !== scope) continue;
    const key = `${entry.name}\0${entry.arch}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const removed: RepoEntry[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => format.compareVersions(b.version, a.version));
    removed.push(...group.slice(keep));
  }
  for (const entry of removed) entries.splice(entries.indexOf(entry), 1);
  return removed;
}
