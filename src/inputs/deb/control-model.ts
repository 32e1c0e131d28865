// control fields → neutral metadata (docs/FORMATS.md §B2.2). Fields with a neutral meaning go to typed
// fields; Installed-Size is dropped (every deb writer recomputes it); all others are kept verbatim
// in extras.deb, continuation lines included, so the deb output writes them back unchanged.
import { PLACEHOLDER_MAINTAINER } from '../../core/placeholders.js';
import { neutralArch } from '../../core/arch.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { emptyMetadata, type Metadata } from '../../core/model.js';
import { parseDebVersion } from '../../core/version.js';
import { parseRelationList } from '../../core/relations.js';
import { foldedValue, fromControlForm, unfoldDescription, type ControlField } from '../../formats/deb/control.js';
import { applyRpmFields, isRpmField } from './foreign.js';
import { relationKindOf } from '../../formats/deb/vocabulary.js';

const DROPPED = new Set(['installed-size']);

export function metadataFromControl(fields: readonly ControlField[], diag: Diagnostics): Metadata {
  const metadata = emptyMetadata();
  const extras: Record<string, string> = {};
  const rpmFields = new Map<string, string>();
  for (const [name, value] of fields) {
    const key = name.toLowerCase();
    const relationKind = relationKindOf(name);
    if (relationKind) {
      const list = parseRelationList(foldedValue(value));
      if (list.length) metadata.relations[relationKind] = list;
      continue;
    }
    switch (key) {
      case 'package': metadata.name = foldedValue(value); break;
      case 'version': metadata.version = parseDebVersion(foldedValue(value)); break;
      case 'architecture': metadata.arch = neutralArch(foldedValue(value), diag); break;
      case 'maintainer':
        // pkgshift's own placeholder is no maintainer: a round trip through a deb must not invent one.
        if (foldedValue(value) !== PLACEHOLDER_MAINTAINER) metadata.maintainer = foldedValue(value);
        break;
      case 'homepage': metadata.homepage = foldedValue(value); break;
      case 'section': metadata.section = foldedValue(value); break;
      case 'origin': metadata.vendor = foldedValue(value); break;
      case 'description': Object.assign(metadata, unfoldDescription(value)); break;
      default:
        if (isRpmField(name)) rpmFields.set(name.slice('X-Rpm-'.length), fromControlForm(value));
        else if (!DROPPED.has(key)) extras[name] = value;
    }
  }
  if (!metadata.name) throw new Error("the control file has no 'Package' field");
  if (!metadata.version.upstream) throw new Error("the control file has no 'Version' field");
  if (Object.keys(extras).length) metadata.extras.deb = extras;
  applyRpmFields(rpmFields, metadata);
  return metadata;
}

