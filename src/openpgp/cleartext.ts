// Cleartext signed messages (RFC 4880 §7, RFC 9580 §7): what apt reads as InRelease.
import { createHash } from 'node:crypto';
import { armor } from './armor.js';
import { HASHES, SIG_TYPE } from './algorithms.js';
import { type SignOptions, finishSignature } from './signature.js';
import type { SigningKey } from './signing-key.js';

/**
 * `text` clear-signed. The signature is a text-mode one over the canonical text: lines end in CRLF,
 * trailing spaces and tabs are not signed, and the line break before the signature belongs to the
 * armor, not the text. Lines starting with '-' are dash-escaped.
 */
export function clearSign(key: SigningKey, text: string, options: SignOptions = {}): string {
  const hashName = options.hash ?? 'sha256';
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split(/\r?\n/);
  const hash = createHash(HASHES[hashName].node);
  hash.update(lines.map((line) => line.replace(/[ \t]+$/, '')).join('\r\n'), 'utf8');
  const signature = finishSignature(key, SIG_TYPE.text, hash, options);
  const escaped = lines.map((line) => (line.startsWith('-') ? `- ${line}` : line));
  return [
    '-----BEGIN PGP SIGNED MESSAGE-----',
    `Hash: ${hashName.toUpperCase()}`,
    '',
    ...escaped,
    armor('SIGNATURE', signature),
  ].join('\n');
}
