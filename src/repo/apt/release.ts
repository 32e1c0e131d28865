// A dist's Release file as apt-ftparchive writes it: what the dist is, when it was made, and the size
// and checksums of every index below it (sizes right-aligned in 16 columns).
import type { Digest } from '../index-file.js';

export interface ReleaseFields {
  dist: string;
  origin?: string;
  label?: string;
  /** Seconds since the epoch. */
  date: number;
  validUntil?: number;
  architectures: string[];
  components: string[];
}

/** RFC 2822 in UTC, as apt writes and reads it: `Sat, 01 Nov 2025 12:00:00 UTC`. */
export function releaseDate(seconds: number): string {
  return new Date(seconds * 1000).toUTCString().replace(/GMT$/, 'UTC');
}

export function renderRelease(fields: ReleaseFields, files: ReadonlyMap<string, Digest>): string {
  const lines: string[] = [];
  if (fields.origin) lines.push(`Origin: ${fields.origin}`);
  if (fields.label) lines.push(`Label: ${fields.label}`);
  lines.push(`Suite: ${fields.dist}`, `Codename: ${fields.dist}`, `Date: ${releaseDate(fields.date)}`);
  if (fields.validUntil !== undefined) lines.push(`Valid-Until: ${releaseDate(fields.validUntil)}`);
  lines.push(`Architectures: ${fields.architectures.join(' ')}`, `Components: ${fields.components.join(' ')}`);
  // Clients fetch indexes by their hash: a repository being updated never hands out a mismatched pair.
  lines.push('Acquire-By-Hash: yes');
  const paths = [...files.keys()].sort();
  for (const [title, key] of [['MD5Sum', 'md5'], ['SHA256', 'sha256']] as const) {
    lines.push(`${title}:`);
    for (const path of paths) {
      const digest = files.get(path)!;
      lines.push(` ${digest[key]} ${String(digest.size).padStart(16)} ${path}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
