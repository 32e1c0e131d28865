// The lint engine (LINT.md §8): rules are pure functions over the package model. Cheap rules
// (metadata, paths, modes, owners) run first; one content pass then reads only what the enabled
// content rules need, and the content rules run over its facts.
import type { FileEntry, PackageModel } from '../core/model.js';
import { scanContent } from './content.js';
import { isSuppressed, ruleFullySuppressed, type Override } from './overrides.js';
import { confRules } from './rules/conf.js';
import { elfRules } from './rules/elf.js';
import { junkRules } from './rules/junk.js';
import { metaRules } from './rules/meta.js';
import { mscriptRules } from './rules/mscript.js';
import { nameRules } from './rules/name.js';
import { pathRules } from './rules/path.js';
import { permRules } from './rules/perm.js';
import { pkgRules } from './rules/pkg.js';
import { scriptRules } from './rules/script.js';
import { symlinkRules } from './rules/symlink.js';
import type { DebControlFacts, Finding, LintContext, LintFormat, Rule, Severity } from './types.js';

export type { Finding, LintFormat, Severity } from './types.js';

/** The catalogue, in report order (LINT.md §3). */
export const RULES: readonly Rule[] = [
  ...metaRules, ...permRules, ...pathRules, ...nameRules, ...junkRules, ...symlinkRules,
  ...elfRules, ...scriptRules, ...mscriptRules, ...confRules, ...pkgRules,
];

export interface LintOptions {
  format: LintFormat;
  deb?: DebControlFacts;
  unsafe?: string[];
  buildRoots?: string[];
  declaredArch?: string;
  sourceDateEpoch?: number;
  overrides?: readonly Override[];
  now?: number;
}

export interface LintResult {
  findings: Finding[];
  suppressed: number;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export async function lintModel(whole: PackageModel, options: LintOptions): Promise<LintResult> {
  // An rpm lists only the directories it owns: parents normalize added to reach a file are not in it.
  const model = options.format === 'rpm' ? { ...whole, files: whole.files.filter((f) => !f.implicit) } : whole;
  const overrides = options.overrides ?? [];
  const ctx: LintContext = {
    format: options.format,
    byPath: new Map(model.files.map((e): [string, FileEntry] => [e.path, e])),
    content: new Map(),
    unsafe: options.unsafe ?? [],
    buildRoots: options.buildRoots ?? [],
    now: options.now ?? Math.floor(Date.now() / 1000),
  };
  if (options.deb) ctx.deb = options.deb;
  if (options.declaredArch) ctx.declaredArch = options.declaredArch;
  if (options.sourceDateEpoch !== undefined) ctx.sourceDateEpoch = options.sourceDateEpoch;

  // Cheap rules always run, so the suppressed count is exact; a content rule suppressed outright is
  // skipped, and the content pass reads only what the remaining ones need.
  const enabled = RULES.filter((r) => r.formats.includes(options.format) && !(r.content && ruleFullySuppressed(r.id, overrides)));
  const all: Finding[] = [];
  for (const rule of enabled.filter((r) => !r.content)) all.push(...rule.check(model, options.format, ctx));
  const content = enabled.filter((r) => r.content);
  if (content.length) {
    const on = (id: string) => content.some((r) => r.id === id);
    await scanContent(model, ctx, {
      elf: content.some((r) => r.id.startsWith('arch-') || r.id.startsWith('elf-')),
      text: on('junk-secret') || on('junk-build-path-leak'),
      duplicates: on('junk-duplicate-files'),
    });
    for (const rule of content) all.push(...rule.check(model, options.format, ctx));
  }
  const findings = all.filter((f) => !isSuppressed(f, overrides));
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.id.localeCompare(b.id) || (a.path ?? '').localeCompare(b.path ?? ''));
  return { findings, suppressed: all.length - findings.length };
}

/**
 * A staging directory worth looking for in the package's text: an absolute path of at least two
 * segments that is not itself a system location (packaging `/usr` must not flag every `/usr` string).
 */
export function isPrivateRoot(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 2) return false;
  return !['usr', 'etc', 'opt', 'var', 'lib', 'bin', 'sbin', 'srv', 'boot'].includes(parts[0]!);
}
