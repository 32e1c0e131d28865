// Suppression (DESIGN.md §1.7): by id (`--suppress id,id`) and by an overrides file whose lines are
// `id [path-glob]`, like lintian overrides (an optional leading `package:` is accepted and ignored).
// Globs use src/core/glob.ts: `*` stays within one path segment, `**` crosses segments.
import { readFileSync } from 'node:fs';
import { PkgError, describeError } from '../core/errors.js';
import { globToRegExp } from '../core/glob.js';
import type { Diagnostic } from '../core/diagnostics.js';

export interface Override {
  id: RegExp;
  path?: RegExp;
  /** Where it came from, for messages: `FILE:LINE` or `--suppress`. */
  origin: string;
}

export function suppressionsFromIds(ids: readonly string[]): Override[] {
  return ids.flatMap((list) => list.split(',')).map((id) => id.trim()).filter(Boolean)
    .map((id) => ({ id: globToRegExp(id), origin: '--suppress' }));
}

export function parseOverrides(text: string, origin: string): Override[] {
  const out: Override[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const words = line.replace(/^[a-z0-9][a-z0-9+.-]*(?: \([^)]*\))?:\s+/, '').split(/\s+/);
    const [id, glob] = words;
    if (!id || words.length > 2) throw new PkgError('usage', `${origin}:${i + 1}: expected 'id [path-glob]', found '${raw.trim()}'`);
    const path = glob === undefined ? undefined : globToRegExp(glob.startsWith('/') ? glob : `/${glob}`);
    out.push(path ? { id: globToRegExp(id), path, origin: `${origin}:${i + 1}` } : { id: globToRegExp(id), origin: `${origin}:${i + 1}` });
  });
  return out;
}

export function readOverrides(file: string): Override[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PkgError('input-missing', `reading overrides ${file}: ${describeError(err)}`, { cause: err });
  }
  return parseOverrides(text, file);
}

export function isSuppressed(f: Diagnostic, overrides: readonly Override[]): boolean {
  return overrides.some((o) => o.id.test(f.id) && (!o.path || (f.path !== undefined && o.path.test(f.path))));
}

/** An id that every finding of the rule is suppressed by (no path restriction): the rule need not run. */
export function ruleFullySuppressed(id: string, overrides: readonly Override[]): boolean {
  return overrides.some((o) => !o.path && o.id.test(id));
}
