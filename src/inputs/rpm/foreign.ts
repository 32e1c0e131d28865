// What a deb said that rpm has no tag for, kept by pkgshift's --keep-foreign-metadata in one header
// tag (outputs/rpm/foreign.ts): the deb's control fields, control files, relations and version come
// back into the model, so that converting the rpm back to a deb loses nothing.
import type { Metadata } from '../../core/model.js';
import { relationsFromJson } from '../../core/relations.js';
import { parseDebVersion } from '../../core/version.js';
import { DEBIAN } from '../../deps/families.js';
import type { RpmHeader } from '../../formats/rpm/header-read.js';
import { FOREIGN_DEB_TAG } from '../../formats/rpm/foreign-tag.js';

/**
 * Applies the tag to metadata read from the same header; throws an Error naming what is malformed.
 * Such an rpm is read as the deb it was made from: the rpm-only tags pkgshift wrote for it (BuildHost,
 * the Group of its Section, a changelog from its changelog.Debian.gz …) are not the deb's and are left out.
 */
export function applyForeignDeb(header: RpmHeader, metadata: Metadata): void {
  const text = header.string(FOREIGN_DEB_TAG);
  if (text === undefined) return;
  delete metadata.extras.rpm;
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    throw new Error(`pkgshift's foreign-metadata tag ${FOREIGN_DEB_TAG} is not JSON`);
  }
  const { fields, controlFiles, relations, version } = (content ?? {}) as Record<string, unknown>;
  if (fields !== undefined) metadata.extras.deb = stringRecord(fields, 'fields');
  if (controlFiles !== undefined) metadata.extras['deb-control-files'] = stringRecord(controlFiles, 'controlFiles');
  if (relations !== undefined) metadata.relations = relationsFromJson(relations, 'the foreign-metadata relations');
  if (version !== undefined) {
    if (typeof version !== 'string' || !version) throw new Error('the foreign-metadata version is not a string');
    metadata.version = parseDebVersion(version);
  } else {
    // Read as a deb, so in Debian's terms: release 0 is what a native version became.
    metadata.version = DEBIAN.adoptVersion(metadata.version);
  }
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new Error(`the foreign-metadata ${what} are not name → text pairs`);
  }
  return { ...(value as Record<string, string>) };
}
