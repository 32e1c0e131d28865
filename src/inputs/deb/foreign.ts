// What an rpm said that deb has no field for, kept by pkgshift's --keep-foreign-metadata as `X-Rpm-…`
// control fields (outputs/deb/foreign.ts): the rpm's tags, Packager, version and relations come back
// into the model, so that converting the deb back to an rpm loses nothing.
import type { Metadata } from '../../core/model.js';
import { relationsFromJson } from '../../core/relations.js';
import { parseDebVersion } from '../../core/version.js';
import { RPM } from '../../deps/families.js';

const PREFIX = /^x-rpm-/i;

export function isRpmField(name: string): boolean {
  return PREFIX.test(name);
}

/**
 * Applies the X-Rpm-… fields (plain values, by name without the prefix); throws an Error naming what is
 * malformed. Such a deb is read as the rpm it was made from: the deb-only fields pkgshift wrote for it
 * (a default Priority) are not the rpm's and are left out.
 */
export function applyRpmFields(fields: ReadonlyMap<string, string>, metadata: Metadata): void {
  if (fields.size === 0) return;
  delete metadata.extras.deb;
  // Read as an rpm, so in rpm's terms: a version without revision was release 0 (X-Rpm-Version overrides).
  metadata.version = RPM.adoptVersion(metadata.version);
  const tags: Record<string, string> = {};
  for (const [key, written] of fields) {
    const value = written.startsWith('"') ? jsonString(written, key) : written;
    switch (key.toLowerCase()) {
      case 'packager': metadata.maintainer = value; break;
      case 'version': metadata.version = parseDebVersion(value); break;
      case 'relations': metadata.relations = relations(value); break;
      default: tags[key] = value;
    }
  }
  if (Object.keys(tags).length) metadata.extras.rpm = tags;
}

function relations(text: string): Metadata['relations'] {
  try {
    return relationsFromJson(JSON.parse(text), 'X-Rpm-Relations');
  } catch (err) {
    throw new Error(err instanceof SyntaxError ? 'X-Rpm-Relations is not JSON' : (err as Error).message);
  }
}

/** A value outputs/deb/foreign.ts wrote as a JSON string because a control field could not hold it as it was. */
function jsonString(text: string, key: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string') throw new Error(`X-Rpm-${key} starts with '"' but is not a JSON string`);
  return value;
}
