// Main header → neutral metadata and scripts (docs/FORMATS.md §B1.4, §B7.2). What has no neutral
// meaning goes to extras.rpm: Group, Distribution, BuildHost, BuildTime, SourceRPM, Prefixes,
// BugURL, the changelog (as `rpm --changelog` prints it) and trigger scriptlets (JSON).
import { neutralArch } from '../../core/arch.js';
import { rpmChangelogText } from '../../changelog/rpm.js';
import { sectionForGroup } from '../../core/section-group.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { emptyMetadata, type Metadata, type Script, type ScriptPhase } from '../../core/model.js';
import type { RpmHeader } from '../../formats/rpm/header-read.js';
import { ReadTag, Tag } from '../../formats/rpm/tags.js';
import { relationsFromHeader } from './relations.js';
import { SCRIPTLETS, operatorOf, type ScriptletTags } from '../../formats/rpm/vocabulary.js';

export function metadataFromHeader(header: RpmHeader, diag: Diagnostics): Metadata {
  const name = header.string(Tag.NAME);
  const version = header.string(Tag.VERSION);
  if (!name) throw new Error('the header has no NAME');
  if (!version) throw new Error('the header has no VERSION');
  const metadata = emptyMetadata();
  metadata.name = name;
  metadata.version = { upstream: version, release: header.string(Tag.RELEASE) || undefined };
  if (metadata.version.release === undefined) delete metadata.version.release;
  const epoch = header.number(Tag.EPOCH);
  if (epoch !== undefined) metadata.version.epoch = epoch;
  metadata.arch = neutralArch(header.string(Tag.ARCH) ?? 'noarch', diag);
  metadata.summary = header.string(Tag.SUMMARY) ?? '';
  metadata.description = header.string(Tag.DESCRIPTION) ?? '';
  const optional: [keyof Metadata, number][] = [
    ['maintainer', Tag.PACKAGER], ['vendor', Tag.VENDOR], ['homepage', Tag.URL], ['license', Tag.LICENSE],
  ];
  for (const [field, tag] of optional) {
    const value = header.string(tag);
    if (value) (metadata as unknown as Record<string, string>)[field] = value;
  }
  const v = metadata.version;
  metadata.relations = relationsFromHeader(header, name, `${v.epoch !== undefined ? `${v.epoch}:` : ''}${v.upstream}-${v.release ?? ''}`);
  const extras: Record<string, string> = {};
  const kept: [string, number][] = [
    ['Group', Tag.GROUP], ['Distribution', Tag.DISTRIBUTION], ['BuildHost', Tag.BUILDHOST],
    ['SourceRPM', Tag.SOURCERPM], ['BugURL', Tag.BUGURL], ['DistURL', Tag.DISTURL],
  ];
  for (const [key, tag] of kept) {
    const value = header.string(tag);
    if (value) extras[key] = value;
  }
  const buildTime = header.number(Tag.BUILDTIME);
  if (buildTime !== undefined) extras.BuildTime = String(buildTime);
  const prefixes = header.strings(Tag.PREFIXES);
  if (prefixes.length) extras.Prefixes = prefixes.join('\n');
  const changelog = changelogText(header);
  if (changelog) extras.Changelog = changelog;
  const triggers = triggerList(header);
  if (triggers.length) extras.Triggers = JSON.stringify(triggers);
  if (header.has(ReadTag.FILETRIGGERSCRIPTS) || header.has(ReadTag.TRANSFILETRIGGERSCRIPTS)) {
    diag.warn('rpm-file-triggers-dropped', `${name}: rpm file triggers have no neutral meaning and are left out`);
  }
  if (extras.Group) {
    const section = sectionForGroup(extras.Group);
    if (section) metadata.section = section;
  }
  if (Object.keys(extras).length) metadata.extras.rpm = extras;
  return metadata;
}

/** Scriptlets with their interpreter (`*PROG`, default /bin/sh; `<lua>` kept as is, body as text). */
export function scriptsFromHeader(header: RpmHeader): Script[] {
  const scripts: Script[] = [];
  for (const [phase, tags] of Object.entries(SCRIPTLETS) as [ScriptPhase, ScriptletTags][]) {
    const body = header.string(tags.body);
    const prog = header.strings(tags.prog);
    if (body === undefined && prog.length === 0) continue;
    scripts.push({ phase, interpreter: prog[0] || '/bin/sh', body: body ?? '', convention: 'rpm' });
  }
  return scripts;
}

interface Trigger {
  /** triggerin / triggerun / triggerpostun / triggerprein, from the sense flags. */
  type: string;
  name: string;
  op?: string;
  version?: string;
  interpreter: string;
  body: string;
}

const TRIGGER_TYPES: [number, string][] = [[1 << 16, 'triggerin'], [1 << 17, 'triggerun'], [1 << 18, 'triggerpostun'], [1 << 25, 'triggerprein']];

function triggerList(header: RpmHeader): Trigger[] {
  const bodies = header.strings(ReadTag.TRIGGERSCRIPTS);
  const progs = header.strings(ReadTag.TRIGGERSCRIPTPROG);
  const names = header.strings(ReadTag.TRIGGERNAME);
  const versions = header.strings(ReadTag.TRIGGERVERSION);
  const flags = header.numbers(ReadTag.TRIGGERFLAGS);
  const indexes = header.numbers(ReadTag.TRIGGERINDEX);
  return names.map((name, i) => {
    const bits = flags[i] ?? 0;
    const index = indexes[i] ?? 0;
    const trigger: Trigger = {
      type: TRIGGER_TYPES.find(([bit]) => bits & bit)?.[1] ?? 'trigger',
      name, interpreter: progs[index] || '/bin/sh', body: bodies[index] ?? '',
    };
    const op = operatorOf(bits);
    if (op && versions[i]) Object.assign(trigger, { op, version: versions[i] });
    return trigger;
  });
}

function changelogText(header: RpmHeader): string {
  const times = header.numbers(Tag.CHANGELOGTIME);
  const texts = header.strings(Tag.CHANGELOGTEXT);
  return rpmChangelogText(header.strings(Tag.CHANGELOGNAME).map((name, i) => ({ time: times[i] ?? 0, name, text: texts[i] ?? '' })));
}
