// fpm's --template-scripts: scripts are ERB templates. pkgshift renders only value substitution —
// `<%= key %>` (or `<%= @key %>`) with a --template-value or a package attribute — and `<%# comments %>`;
// any other construct would be Ruby code, which pkgshift never runs: it is an error naming it.
import { PkgError } from '../core/errors.js';

const TAG = /<%([=#-]?)([\s\S]*?)-?%>/g;
const PLAIN = /^@?([A-Za-z_][A-Za-z0-9_]*)$/;

/** `KEY=VALUE` options as a map; a bad one is a usage error. */
export function templateValues(raw: readonly string[] = []): Map<string, string> {
  const values = new Map<string, string>();
  for (const item of raw) {
    const eq = item.indexOf('=');
    const key = item.slice(0, eq);
    if (eq <= 0 || !PLAIN.test(key)) throw new PkgError('usage', `--template-value '${item}': expected KEY=VALUE with KEY a plain name`);
    values.set(key, item.slice(eq + 1));
  }
  return values;
}

/** Renders `text` (the script `where`); an unknown key or a non-value construct is an error naming it and its line. */
export function renderTemplate(text: string, values: ReadonlyMap<string, string>, where: string): string {
  return text.replace(TAG, (whole, kind: string, inner: string, offset: number) => {
    const line = text.slice(0, offset).split('\n').length;
    if (kind === '#') return '';
    const name = PLAIN.exec(inner.trim())?.[1];
    if (kind !== '=' || !name) {
      throw new PkgError('usage', `${where} line ${line}: '${whole}' is not a plain value; pkgshift's templates substitute only <%= key %> (no Ruby code)`);
    }
    const value = values.get(name);
    if (value === undefined) {
      throw new PkgError('usage', `${where} line ${line}: no value for '${name}' (give --template-value ${name}=VALUE; known: ${[...values.keys()].join(', ')})`);
    }
    return value;
  });
}
