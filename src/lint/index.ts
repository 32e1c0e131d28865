// The lint engine (docs/LINT.md §8): rules are pure functions over the package model. Cheap rules
// (metadata, paths, modes, owners) run first; one content pass then reads only what the enabled
// content rules need, and the content rules run over its facts.
import type { FileEntry, PackageModel } from '../core/model.js';
import { scanContent } from './content.js';
import { lintianOverridesPath, parseLintianOverrides, suppresses, type Override } from './overrides.js';
import { confRules } from './rules/conf.js';
import { elfRules } from './rules/elf.js';
import { junkRules } from './rules/junk.js';
import { libRules } from './rules/lib.js';
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

/** The catalogue, in report order (docs/LINT.md §3). */
export const RULES: readonly Rule[] = [
  ...metaRules, ...permRules, ...pathRules, ...nameRules, ...junkRules, ...symlinkRules,
  ...elfRules, ...libRules, ...scriptRules, ...mscriptRules, ...confRules, ...pkgRules,
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
  /** Linting a conversion's result: findings about how the package was built are not shown. */
  conversion?: boolean;
  /** The model has no files because the reader refused them (`unsafe` says why): only metadataOnly rules run. */
  metadataOnly?: boolean;
}

export interface LintResult {
  findings: Finding[];
  suppressed: number;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export async function lintModel(whole: PackageModel, options: LintOptions): Promise<LintResult> {
  // An rpm lists only the directories it owns: parents normalize added to reach a file are not in it.
  const model = options.format === 'rpm' ? { ...whole, files: whole.files.filter((f) => !f.implicit) } : whole;
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

  const enabled = RULES.filter((r) => r.formats.includes(options.format) && (r.metadataOnly || !options.metadataOnly));
  const all: Finding[] = [];
  for (const rule of enabled.filter((r) => !r.content)) all.push(...rule.check(model, options.format, ctx));
  const content = enabled.filter((r) => r.content);
  if (content.length) {
    const on = (id: string) => content.some((r) => r.id === id);
    await scanContent(model, ctx, {
      elf: content.some((r) => /^(?:arch|elf|lib|perm)-/.test(r.id)),
      text: on('junk-secret') || on('junk-build-path-leak'),
      duplicates: on('junk-duplicate-files'),
    });
    for (const rule of content) all.push(...rule.check(model, options.format, ctx));
  }
  const shown = options.conversion ? all.filter((f) => !f.build) : all;
  const overrides = [...(options.overrides ?? []), ...await packageOverrides(model)];
  // Every override is tried on every finding, so that each one's use count is exact.
  const findings = shown.filter((f) => overrides.map((o) => suppresses(o, f)).every((hit) => !hit));
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.id.localeCompare(b.id) || (a.path ?? '').localeCompare(b.path ?? ''));
  return { findings, suppressed: shown.length - findings.length };
}

/** The lintian overrides the package ships for itself (small text: read whole, at most 1 MiB). */
async function packageOverrides(model: PackageModel): Promise<Override[]> {
  const path = lintianOverridesPath(model.metadata.name);
  const file = model.files.find((f) => f.path === path && f.type === 'file');
  if (!file?.source || file.size > 1024 * 1024) return [];
  const chunks: Buffer[] = [];
  for await (const chunk of file.source.open()) chunks.push(Buffer.from(chunk));
  return parseLintianOverrides(Buffer.concat(chunks).toString('utf8'), path, RULES);
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
