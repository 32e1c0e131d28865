// --keep-foreign-metadata for a deb: what an rpm input said that no deb field carries, as `X-Rpm-…`
// control fields (deb-control(5): dpkg keeps X- fields in its database and otherwise ignores them),
// so that converting the deb back to rpm gives the rpm's tags again (inputs/deb/foreign.ts).
// Without the option the deb holds nothing of the kind.
import type { Diagnostics } from '../../core/diagnostics.js';
import type { Metadata } from '../../core/model.js';
import { rpmRelationsLostInDeb } from '../../core/relations-translate.js';
import { groupSurvivesSection } from '../../core/section-group.js';
import { debVersionString, rpmEvrString } from '../../core/version.js';
import type { ControlField } from '../../formats/deb/control.js';

export const RPM_FIELD_PREFIX = 'X-Rpm-';

/** What describes the build that wrote the rpm file: every rpm written has its own (outputs/rpm/main-header.ts). */
const BUILD_FACTS = new Set(['BuildHost', 'BuildTime']);

export interface ForeignRpm {
  /** The metadata as read, before the deb plan translated it. */
  input: Metadata;
  /** The deb's planned metadata. */
  planned: Metadata;
  /** Whether the changelog.Debian.gz written gives the %changelog back (changelog.ts). */
  changelogSurvives: boolean;
}

/** The X-Rpm-… fields for a package read from an rpm (it has rpm extras); none for any other. */
export function rpmOnlyFields({ input, planned, changelogSurvives }: ForeignRpm, keep: boolean, diag: Diagnostics): ControlField[] {
  const tags = input.extras.rpm;
  if (!tags) return [];
  const fields: ControlField[] = Object.entries(tags)
    .filter(([key, value]) => value !== '' && !BUILD_FACTS.has(key) && !(key === 'Group' && groupSurvivesSection(value)) && !(key === 'Changelog' && changelogSurvives))
    .map(([key, value]) => [`${RPM_FIELD_PREFIX}${key}`, fieldValue(value)]);
  // A Packager that is not `Name <email>` is not the deb's Maintainer (plan.ts).
  if (input.maintainer && input.maintainer !== planned.maintainer) fields.push([`${RPM_FIELD_PREFIX}Packager`, fieldValue(input.maintainer)]);
  if (debVersionString(input.version) !== debVersionString(planned.version)) fields.push([`${RPM_FIELD_PREFIX}Version`, rpmEvrString(input.version)]);
  if (rpmRelationsLostInDeb(input)) fields.push([`${RPM_FIELD_PREFIX}Relations`, JSON.stringify(input.relations)]);
  if (!keep) {
    if (fields.length) diag.info('foreign-metadata-dropped', `rpm tags deb has no field for are left out (--keep-foreign-metadata keeps them): ${fields.map(([name]) => name.slice(RPM_FIELD_PREFIX.length)).join(', ')}`);
    return [];
  }
  return fields;
}

/**
 * A control field keeps neither trailing blanks nor a line that is only `.` (deb-control(5)); a value
 * that has them (a changelog line ending in a space), or that starts with `"`, is written as a JSON
 * string, which inputs/deb/foreign.ts reads back.
 */
function fieldValue(value: string): string {
  const [first = '', ...rest] = value.split('\n');
  const plain = first === first.trim() && rest.every((line) => line === line.trimEnd() && line !== '.') && !value.startsWith('"');
  return plain ? value : JSON.stringify(value);
}
