// `pkgshift lint --explain ID`: a rule's catalogue entry (docs/LINT.md has the same for every rule).
import { PkgError } from '../core/errors.js';
import { RULES } from './index.js';

export function explainRule(id: string): string {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new PkgError('usage', `lint: no rule '${id}' (pkgshift lint --list-rules lists them)`);
  const lines = [
    `${rule.id} (${rule.severity}; ${rule.formats.join(', ')})`,
    `  checks: ${rule.summary}`,
    ...(rule.why ? [`  why:    ${rule.why}`] : []),
    `  fix:    ${rule.hint}`,
    ...(rule.lintian?.length ? [`  lintian: ${rule.lintian.join(', ')} (a package's lintian overrides of these apply)`] : []),
    ...(rule.rpmlint?.length ? [`  rpmlint: ${rule.rpmlint.join(', ')}`] : []),
  ];
  return lines.join('\n') + '\n';
}
