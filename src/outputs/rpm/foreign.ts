// --keep-foreign-metadata for an rpm: what a deb input said that no rpm tag carries, kept as JSON in
// one header tag rpm ignores (formats/rpm/foreign-tag.ts), so that converting the rpm back to a deb
// gives the deb's fields again. Without the option the rpm holds nothing of the kind.
import type { Metadata } from '../../core/model.js';
import { debVersionString, toRpmVersion, rpmEvrString } from '../../core/version.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { FOREIGN_DEB_TAG } from '../../formats/rpm/foreign-tag.js';
import { RpmType } from '../../formats/rpm/tags.js';
import type { Diagnostics } from '../../core/diagnostics.js';

/** The tag's content (inputs/rpm/foreign.ts reads it). */
export interface ForeignDeb {
  /** Control fields rpm has no tag for (Priority, Essential, Multi-Arch, Source, X-… ), in control-file form. */
  fields?: Record<string, string>;
  /** Control files (triggers, shlibs, debconf templates …). */
  controlFiles?: Record<string, string>;
  /** Every relation in the deb's order (rpm sorts its lists, turns Breaks into Conflicts, drops a bare Replaces …). */
  relations: Metadata['relations'];
  /** The deb version, when the rpm's version-release does not give it back (a native version has no revision). */
  version?: string;
}

/** The tag, for a package read from a deb (it has deb extras); nothing for any other. */
export function foreignDebEntries(m: Metadata, keep: boolean, diag: Diagnostics): HeaderEntry[] {
  const fields = m.extras.deb;
  if (!fields) return [];
  if (!keep) {
    diag.info('foreign-metadata-dropped', `deb fields rpm has no tag for are left out (--keep-foreign-metadata keeps them): ${Object.keys(fields).join(', ')}`);
    return [];
  }
  const content: ForeignDeb = { fields, relations: m.relations };
  const controlFiles = m.extras['deb-control-files'];
  if (controlFiles && Object.keys(controlFiles).length) content.controlFiles = controlFiles;
  const rpm = toRpmVersion(m.version);
  if (m.version.release === undefined || rpmEvrString({ epoch: rpm.epoch, upstream: rpm.version, release: rpm.release }) !== rpmEvrString(m.version)) {
    content.version = debVersionString(m.version);
  }
  return [{ tag: FOREIGN_DEB_TAG, type: RpmType.STRING, value: JSON.stringify(content) }];
}
