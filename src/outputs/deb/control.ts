// The `control` file's fields, from the planned model (docs/FORMATS.md §B2.2), in the order dpkg-gencontrol
// writes them (Dpkg::Control::FieldsCore, CTRL_PKG_DEB); fields dpkg does not know come after
// Homepage, in the order given, and Description stays last. The model arrives translated (plan.ts):
// nothing here changes a value or warns.
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import type { Metadata, Relation, RelationKind } from '../../core/model.js';
import { debVersionString } from '../../core/version.js';
import { debArch } from '../../core/arch.js';
import { formatDebRelation } from '../../core/relations.js';
import { checkFieldName, descriptionValue, fromControlForm, type ControlField } from '../../formats/deb/control.js';
import { DPKG_BINARY_HEAD, DPKG_BINARY_TAIL, NO_ALTERNATIVES, RELATION_FIELDS, type RelationKind as DebRelationKind } from '../../formats/deb/vocabulary.js';

/** dpkg's field order for a binary package's control file; `*` marks where unknown fields go. */
const FIELD_ORDER = [...DPKG_BINARY_HEAD, ...DPKG_BINARY_TAIL, '*', 'tag', 'task', 'description'];


/** Fields the output computes or takes from typed model fields; `--deb-field` may not set them. */
const OWNED = new Set(['package', 'version', 'architecture', 'installed-size']);

export interface ControlInputs {
  /** The planned metadata: a valid deb name and version, deb relations, maintainer and summary set. */
  metadata: Metadata;
  installedSize: number;
  /** `--deb-priority`; default `optional`. */
  priority?: string;
  /** --keep-foreign-metadata: an rpm input's tags as X-Rpm-… fields (foreign.ts), plain values. */
  foreignFields?: readonly ControlField[];
  /** `--deb-field 'Name: value'` options, applied last. */
  extraFields?: readonly string[];
}

export function controlFields(input: ControlInputs): ControlField[] {
  const { metadata: m } = input;
  const fields: ControlField[] = [
    ['Package', m.name],
    ['Version', debVersionString(m.version)],
    ['Architecture', debArch(m.arch)],
    ['Maintainer', (m.maintainer ?? '').replace(/\s*\n\s*/g, ' ')],
    ['Installed-Size', String(input.installedSize)],
    ...relationFields(m),
  ];
  // dpkg's Origin is the vendor: "the name of the distribution this package is originating from".
  if (m.vendor) fields.push(['Origin', m.vendor]);
  if (m.section) fields.push(['Section', m.section]);
  if (m.homepage) fields.push(['Homepage', m.homepage]);

  // Format-specific fields the model carries (e.g. Multi-Arch, Source, Essential, Priority from a
  // deb input). Typed model fields win over an extra of the same name.
  for (const [name, value] of Object.entries(m.extras.deb ?? {})) {
    checkFieldName(name);
    if (findField(fields, name) >= 0 || name.toLowerCase() === 'description') continue;
    if (value.trim() !== '') fields.push([name, fromControlForm(value)]);
  }
  fields.push(...(input.foreignFields ?? []));
  if (input.priority !== undefined) setField(fields, ['Priority', input.priority]);
  else if (findField(fields, 'Priority') < 0) fields.push(['Priority', 'optional']);
  for (const raw of input.extraFields ?? []) setField(fields, parseFieldOption(raw));
  if (findField(fields, 'Description') < 0) fields.push(['Description', descriptionValue(m.summary, m.description)]);
  return inDpkgOrder(fields);
}

/** Stable sort by FIELD_ORDER; unknown fields keep their relative order at `*`. */
function inDpkgOrder(fields: readonly ControlField[]): ControlField[] {
  const unknown = FIELD_ORDER.indexOf('*');
  const rank = (name: string) => {
    const at = FIELD_ORDER.indexOf(name.toLowerCase());
    return at >= 0 ? at : unknown;
  };
  return fields.map((field, i) => ({ field, i })).sort((a, b) => rank(a.field[0]) - rank(b.field[0]) || a.i - b.i).map(({ field }) => field);
}

/** Summary and long description as the deb says them: a missing summary is the long text's first line, or a placeholder. */
export function debDescription(m: Metadata, diag: Diagnostics): { summary: string; description: string } {
  let summary = m.summary.trim();
  let extended = m.description;
  if (!summary) {
    const [first = '', ...rest] = extended.trim().split('\n');
    if (first.trim()) {
      summary = first.trim();
      extended = rest.join('\n');
    } else {
      // Not starting with the package name, and with an extended part: lintian makes both errors.
      summary = 'no description given';
      extended = `The package ${m.name} was built without a description (pkgshift placeholder).`;
      diag.warn('description-missing', `no description given (--description): the deb says '${summary}'`, { field: 'description' });
    }
  }
  return { summary, description: extended };
}

function relationFields(m: Metadata): ControlField[] {
  const fields: ControlField[] = [];
  for (const [kind, list] of Object.entries(m.relations) as [RelationKind, Relation[]][]) {
    const field = RELATION_FIELDS[kind as DebRelationKind];
    if (!field) continue;
    const relations = NO_ALTERNATIVES.has(kind as DebRelationKind) ? list.flatMap((r) => [{ ...r, alternatives: undefined }, ...(r.alternatives ?? [])]) : list;
    const text = [...new Set(relations.map(formatDebRelation))].join(', ');
    if (text) fields.push([field, text]);
  }
  return fields;
}

/** Parses `--deb-field 'Name: value'`. */
export function parseFieldOption(raw: string): ControlField {
  const colon = raw.indexOf(':');
  const name = colon > 0 ? raw.slice(0, colon).trim() : '';
  if (!name) throw new PkgError('usage', `--deb-field '${raw}': expected 'Name: value'`);
  checkFieldName(name);
  if (OWNED.has(name.toLowerCase())) {
    throw new PkgError('usage', `--deb-field cannot set ${name}: use -n, -v/--iteration/--epoch or -a (Installed-Size is computed)`);
  }
  return [name, fromControlForm(raw.slice(colon + 1).trim())];
}

function findField(fields: readonly ControlField[], name: string): number {
  return fields.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
}

/** Replaces a field of the same name (any case) in place, or appends it; an empty value removes it. */
function setField(fields: ControlField[], [name, value]: ControlField): void {
  const at = findField(fields, name);
  if (value === '') {
    if (at >= 0) fields.splice(at, 1);
  } else if (at >= 0) {
    fields[at] = [fields[at]![0], value];
  } else {
    fields.push([name, value]);
  }
}
