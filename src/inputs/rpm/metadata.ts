// Main header → neutral metadata and scripts (docs/FORMATS.md §B1.4, §B7.2). What has no neutral
// meaning goes to extras.rpm: Group, Distribution, BuildHost, BuildTime, SourceRPM, Prefixes,
// BugURL, the changelog (as `rpm --changelog` prints it), trigger and file trigger scriptlets (JSON).
import { neutralArch } from '../../core/arch.js';
import { rpmChangelogText } from '../../changelog/rpm.js';
import { sectionForGroup } from '../../core/section-group.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { emptyMetadata, type Metadata, type Script, type ScriptPhase } from '../../core/model.js';
import { scriptProvides } from '../../core/script-translate.js';
import type { RpmHeader } from '../../formats/rpm/header-read.js';
import { Tag } from '../../formats/rpm/tags.js';
import { relationsFromHeader } from './relations.js';
import { DEFAULT_FILE_TRIGGER_PRIORITY, FILE_TRIGGER_SENSE, FILE_TRIGGER_TAGS, PACKAGE_TRIGGER_SENSE, PACKAGE_TRIGGER_TAGS, SCRIPTLETS, operatorOf, type FileTriggerWhen, type ScriptletTags, type TriggerTags } from '../../formats/rpm/vocabulary.js';
import { withRpmFileTriggers, type FileTrigger, type PackageTrigger } from '../../core/file-triggers.js';

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
  const selfEvr = `${v.epoch !== undefined ? `${v.epoch}:` : ''}${v.upstream}-${v.release ?? ''}`;
  metadata.relations = relationsFromHeader(header, name, selfEvr, scriptsFromHeader(header).flatMap(scriptProvides));
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
  if (extras.Group) {
    const section = sectionForGroup(extras.Group);
    if (section) metadata.section = section;
  }
  const withTriggers = withRpmFileTriggers(extras, fileTriggers(header));
  if (Object.keys(withTriggers).length) metadata.extras.rpm = withTriggers;
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


/** A trigger list's parallel arrays: per scriptlet its body and interpreter, per watch its name, version, flags and scriptlet. */
function triggerArrays(header: RpmHeader, tags: TriggerTags) {
  const progs = header.strings(tags.prog);
  return {
    bodies: header.strings(tags.scripts), interpreter: (index: number) => progs[index] || '/bin/sh',
    names: header.strings(tags.name), versions: header.strings(tags.version),
    flags: header.numbers(tags.flags), indexes: header.numbers(tags.index),
  };
}

function triggerList(header: RpmHeader): PackageTrigger[] {
  const { bodies, interpreter, names, versions, flags, indexes } = triggerArrays(header, PACKAGE_TRIGGER_TAGS);
  return names.map((name, i) => {
    const bits = flags[i] ?? 0;
    const index = indexes[i] ?? 0;
    const trigger: PackageTrigger = {
      type: Object.entries(PACKAGE_TRIGGER_SENSE).find(([, bit]) => bits & bit)?.[0] ?? 'trigger',
      name, interpreter: interpreter(index), body: bodies[index] ?? '',
    };
    const op = operatorOf(bits);
    if (op && versions[i]) Object.assign(trigger, { op, version: versions[i] });
    return trigger;
  });
}

/** %filetrigger… and %transfiletrigger… scriptlets: one body each, one NAME (path prefix) per watched path. */
function fileTriggers(header: RpmHeader): FileTrigger[] {
  return Object.entries(FILE_TRIGGER_TAGS).flatMap(([kind, tags]) => {
    const { bodies, interpreter, names, flags, indexes } = triggerArrays(header, tags);
    const priorities = header.numbers(tags.priorities);
    return bodies.map((body, i): FileTrigger => {
      const bits = flags[indexes.indexOf(i)] ?? 0;
      const when = (Object.entries(FILE_TRIGGER_SENSE).find(([, bit]) => bits & bit)?.[0] ?? 'in') as FileTriggerWhen;
      const paths = names.filter((_, n) => indexes[n] === i);
      return { transaction: kind === 'trans', when, paths, priority: priorities[i] ?? DEFAULT_FILE_TRIGGER_PRIORITY, interpreter: interpreter(i), body };
    });
  });
}

/** `* Www Mmm dd yyyy name\ntext` entries, newest first, as `rpm -q --changelog` prints them. */
function changelogText(header: RpmHeader): string {
  const times = header.numbers(Tag.CHANGELOGTIME);
  const texts = header.strings(Tag.CHANGELOGTEXT);
  return rpmChangelogText(header.strings(Tag.CHANGELOGNAME).map((name, i) => ({ time: times[i] ?? 0, name, text: texts[i] ?? '' })));
}
