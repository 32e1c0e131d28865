// The Maintainer field when the model has none: from DEBFULLNAME / DEBEMAIL (or NAME / EMAIL), as
// dch and the other Debian tools read them. Without an address, a placeholder that is plainly one,
// never a guessed `user@host`.
import type { Diagnostics } from '../../core/diagnostics.js';
import { PLACEHOLDER_MAINTAINER } from '../../core/placeholders.js';


/** Splits `Name <addr>` into its parts; a bare address has no name. */
function parseAddress(text: string): { name?: string; email: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (m) return m[1] ? { name: m[1], email: m[2]! } : { email: m[2]! };
  return { email: text.trim() };
}

export function defaultMaintainer(env: NodeJS.ProcessEnv, diag: Diagnostics): string {
  const rawEmail = env.DEBEMAIL || env.EMAIL || '';
  const { name: nameInEmail, email } = parseAddress(rawEmail);
  if (!/^[^@\s<>]+@[^@\s<>]+$/.test(email)) {
    diag.warn('maintainer-placeholder',
      `no maintainer given (-m 'Name <email>', or DEBFULLNAME and DEBEMAIL): writing the placeholder '${PLACEHOLDER_MAINTAINER}'`, { field: 'maintainer' });
    return PLACEHOLDER_MAINTAINER;
  }
  const name = (env.DEBFULLNAME || env.NAME || nameInEmail || '').trim();
  if (!name) {
    const local = email.slice(0, email.indexOf('@'));
    diag.warn('maintainer-name-guessed', `no maintainer name (DEBFULLNAME): using '${local}' from ${email}`);
    return `${local} <${email}>`;
  }
  diag.info('maintainer-from-environment', `maintainer from the environment: ${name} <${email}>`);
  return `${name} <${email}>`;
}

/** True for `Name <addr@host>`, the form deb-control(5) asks for. */
export function isWellFormedMaintainer(text: string): boolean {
  return /^[^<>]*[^<>\s][^<>]*<[^<>\s]+@[^<>\s]+>$/.test(text.trim());
}
