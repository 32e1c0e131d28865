// Private keys and tokens that must never ship (junk-secret, docs/LINT.md §3.5). The patterns are
// specific enough to stay quiet on documentation: a PEM private-key armour line with its five
// dashes (rpmlint's pem-private-key has four and never fires, §5.6), and token formats with fixed
// prefixes and lengths.

// `keys`: text every match contains, looked for first because includes() is far cheaper than a pattern.
const CONTENT_PATTERNS: { kind: string; keys: string[]; re: RegExp }[] = [
  { kind: 'private key', keys: ['PRIVATE KEY'], re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'GitHub token', keys: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], re: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/ },
  { kind: 'GitLab token', keys: ['glpat-'], re: /\bglpat-[A-Za-z0-9_-]{20}\b/ },
  { kind: 'AWS access key', keys: ['AKIA', 'ASIA'], re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'Slack token', keys: ['xox'], re: /\bxox[abpors]-[0-9]{6,}-[0-9A-Za-z-]{10,}/ },
  { kind: 'npm token', keys: ['npm_', '_authToken'], re: /\bnpm_[A-Za-z0-9]{36}\b|_authToken\s*=\s*[^\s$"'{]{8,}/ },
  { kind: 'PyPI token', keys: ['pypi-AgEI'], re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  { kind: 'Stripe secret key', keys: ['sk_live_'], re: /\bsk_live_[0-9A-Za-z]{24,}\b/ },
];

/** The longest match any pattern needs, so chunked scanning keeps this much overlap. */
export const SECRET_OVERLAP = 256;

/** Secret kinds found in a piece of text. */
export function secretsIn(text: string): string[] {
  return CONTENT_PATTERNS.filter(({ keys, re }) => keys.some((key) => text.includes(key)) && re.test(text)).map(({ kind }) => kind);
}

/** A secret recognisable by its file name alone: SSH private keys, dotenv, PyPI credentials. */
export function secretByName(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(base)) return 'SSH private key';
  if (base === '.env' || /^\.env\.(?!example$|sample$|template$|dist$)[\w.-]+$/.test(base)) return 'dotenv file';
  if (base === '.pypirc') return 'PyPI credentials (.pypirc)';
  if (base === '.netrc') return 'netrc credentials';
  return undefined;
}
