// A deb converted to rpm has no %changelog of its own but ships its history as
// /usr/share/doc/NAME/changelog.Debian.gz (Debian Policy §12.7): its entries become the rpm's
// %changelog, so `rpm -q --changelog` shows the same history. The file itself stays in the payload.
import { gunzipSync } from 'node:zlib';
import { parseDebian } from '../../changelog/parse.js';
import type { ChangelogEntry, PackageModel } from '../../core/model.js';
import type { Context } from '../../plugin.js';

/** Changelogs are small; a bigger file is not read (the rpm gets the generated entry). */
const MAX_COMPRESSED = 1024 * 1024;
const MAX_TEXT = 16 * 1024 * 1024;

export async function shippedDebianChangelog(pkg: PackageModel, ctx: Context): Promise<ChangelogEntry[]> {
  const path = `/usr/share/doc/${pkg.metadata.name}/changelog.Debian.gz`;
  const file = pkg.files.find((f) => f.path === path && f.type === 'file' && !f.flags?.has('ghost'));
  if (!file?.source || file.size > MAX_COMPRESSED) return [];
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.source.open()) chunks.push(chunk);
  try {
    return parseDebian(gunzipSync(Buffer.concat(chunks), { maxOutputLength: MAX_TEXT }).toString('utf8'), path);
  } catch (err) {
    ctx.diag.info('changelog-unreadable', `${path} is not a Debian changelog pkgshift reads (${(err as Error).message}): the rpm gets a generated %changelog entry`);
    return [];
  }
}
