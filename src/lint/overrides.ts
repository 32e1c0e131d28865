// Suppression (README "Lint"): by id (`--suppress id,id`), by an overrides file whose lines are
// `id [path-glob]` (an optional leading `package:` is accepted and ignored), and by the package's own
// lintian overrides (/usr/share/lintian/overrides/NAME), which apply to the rules reporting the same
// defect as the overridden lintian tag. Globs in pkgshift's own overrides use src/core/glob.ts (`*`
// within one segment, `**` across); lintian's `*` matches anything, as lintian's does.
import { readFileSync } from 'node:fs';
import { PkgError, describeError } from '../core/errors.js';
import { globToRegExp } from '../core/glob.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { RuleInfo } from './types.js';

export interface Override {
  id: RegExp;
  path?: RegExp;
  /** Where it came from, for messages: `FILE:LINE`, `--suppress`, or the package's lintian overrides file. */
  origin: string;
  /** The override as written, for messages. */
  text: string;
  /** Findings it has silenced so far (across every file of one run). */
  uses: number;
}

export function suppressionsFromIds(ids: readonly string[]): Override[] {
  return ids.flatMap((list) => list.split(',')).map((id) => id.trim()).filter(Boolean)
    .map((id) => ({ id: globToRegExp(id), origin: '--suppress', text: id, uses: 0 }));
}

export function parseOverrides(text: string, origin: string): Override[] {
  const out: Override[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const words = line.replace(/^[a-z0-9][a-z0-9+.-]*(?: \([^)]*\))?:\s+/, '').split(/\s+/);
    const [id, glob] = words;
    if (!id || words.length > 2) throw new PkgError('usage', `${origin}:${i + 1}: expected 'id [path-glob]', found '${raw.trim()}'`);
    const override: Override = { id: globToRegExp(id), origin: `${origin}:${i + 1}`, text: words.join(' '), uses: 0 };
    if (glob !== undefined) override.path = globToRegExp(glob.startsWith('/') ? glob : `/${glob}`);
    out.push(override);
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

/** Where a package keeps the overrides lintian reads for it (lintian's manual, "Overrides"). */
export function lintianOverridesPath(name: string): string {
  return `/usr/share/lintian/overrides/${name}`;
}

/** A lintian context glob: `*` matches any text, `?` one character; the path is package-absolute. */
function lintianGlob(glob: string): RegExp {
  const body = glob.replace(/^\/?/, '/').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * A package's lintian overrides as pkgshift overrides: `[pkg[ arch][ type]: ]tag [context] [[pointer]]`.
 * The path is the bracketed pointer (lintian ≥ 2.111), else the first context word that looks like a
 * path (older overrides: `setuid-binary bin/su 4755 root/root`). Tags no rule reports are left out.
 */
export function parseLintianOverrides(text: string, origin: string, rules: readonly RuleInfo[]): Override[] {
  const out: Override[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const body = line.replace(/^[^\s:]*(?:\s+\[[^\]]*\])?(?:\s+(?:binary|udeb|source))?:\s*/, '');
    const [tag, ...context] = body.split(/\s+/);
    const ids = rules.filter((r) => tag && r.lintian?.includes(tag)).map((r) => r.id);
    if (!ids.length) return;
    const pointer = /\[([^\]]+)\]\s*$/.exec(body)?.[1];
    const legacy = pointer === undefined ? context.find((w) => /^[\w.*?+-]+\/[\w.*?/+@-]+$/.test(w) && !/^(?:root|[a-z_][a-z0-9_-]*)\/(?:root|[a-z_][a-z0-9_-]*)$/.test(w) || w === '*') : undefined;
    const glob = pointer ?? legacy;
    const override: Override = { id: new RegExp(`^(?:${ids.join('|')})$`), origin: `${origin}:${i + 1}`, text: line, uses: 0 };
    if (glob !== undefined && glob !== '*') override.path = lintianGlob(glob);
    out.push(override);
  });
  return out;
}

/** Whether any override silences the finding; each one that does counts the use. */
export function isSuppressed(f: Pick<Diagnostic, 'id' | 'path'>, overrides: readonly Override[]): boolean {
  return overrides.map((o) => suppresses(o, f)).some(Boolean);
}

/** Whether an override silences the finding; counts the use. */
export function suppresses(o: Override, f: Pick<Diagnostic, 'id' | 'path'>): boolean {
  const hit = o.id.test(f.id) && (!o.path || (f.path !== undefined && o.path.test(f.path)));
  if (hit) o.uses++;
  return hit;
}

/** Overrides whose id matches no rule of the catalogue: a typo, or a rule that was renamed. */
export function unknownOverrides(overrides: readonly Override[], rules: readonly RuleInfo[]): Override[] {
  return overrides.filter((o) => !rules.some((r) => o.id.test(r.id)));
}
