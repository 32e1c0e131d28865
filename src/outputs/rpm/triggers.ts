// Triggers as rpm header entries (docs/FORMATS.md §B7.4), laid out as rpmbuild lays them out: per
// scriptlet a body and an interpreter (file triggers also a priority); per watched path or package a
// name, the index of its scriptlet, a version (empty for paths) and the flags saying when it runs.
import type { FileTrigger, PackageTrigger } from '../../core/file-triggers.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { RPMSENSE, RpmType } from '../../formats/rpm/tags.js';
import { FILE_TRIGGER_SENSE, FILE_TRIGGER_TAGS, PACKAGE_TRIGGER_SENSE, PACKAGE_TRIGGER_TAGS, SENSE, type Operator, type TriggerTags } from '../../formats/rpm/vocabulary.js';
import type { Dependencies } from './dependencies.js';

const LUA = '<lua>';

interface Watch {
  name: string;
  version: string;
  flags: number;
  index: number;
}

function entries(tags: TriggerTags, scripts: readonly { interpreter: string; body: string }[], watches: readonly Watch[], deps: Dependencies): HeaderEntry[] {
  for (const { interpreter } of scripts) {
    if (interpreter === LUA) deps.features.add('BuiltinLuaScripts');
    else deps.add('require', { name: interpreter.split(/\s+/)[0]!, flags: RPMSENSE.INTERP, version: '' });
  }
  return [
    { tag: tags.scripts, type: RpmType.STRING_ARRAY, value: scripts.map((s) => s.body) },
    { tag: tags.prog, type: RpmType.STRING_ARRAY, value: scripts.map((s) => s.interpreter) },
    { tag: tags.name, type: RpmType.STRING_ARRAY, value: watches.map((w) => w.name) },
    { tag: tags.index, type: RpmType.INT32, value: watches.map((w) => w.index) },
    { tag: tags.version, type: RpmType.STRING_ARRAY, value: watches.map((w) => w.version) },
    { tag: tags.flags, type: RpmType.INT32, value: watches.map((w) => w.flags) },
  ];
}

export function fileTriggerEntries(triggers: readonly FileTrigger[], deps: Dependencies): HeaderEntry[] {
  const out: HeaderEntry[] = [];
  for (const [kind, tags] of Object.entries(FILE_TRIGGER_TAGS)) {
    const group = triggers.filter((t) => t.transaction === (kind === 'trans'));
    if (group.length === 0) continue;
    const watches = group.flatMap((t, index) => t.paths.map((name) => ({ name, index, version: '', flags: FILE_TRIGGER_SENSE[t.when] })));
    out.push(...entries(tags, group, watches, deps), { tag: tags.priorities, type: RpmType.INT32, value: group.map((t) => t.priority) });
  }
  return out;
}

/** Package triggers as read from an rpm (one per watched package): those sharing a script get one scriptlet again. */
export function packageTriggerEntries(triggers: readonly PackageTrigger[], deps: Dependencies): HeaderEntry[] {
  if (triggers.length === 0) return [];
  const scripts: PackageTrigger[] = [];
  const watches = triggers.map((t) => {
    let index = scripts.findIndex((s) => s.type === t.type && s.interpreter === t.interpreter && s.body === t.body);
    if (index < 0) index = scripts.push(t) - 1;
    const flags = (PACKAGE_TRIGGER_SENSE[t.type] ?? 0) | (t.op ? SENSE[t.op as Operator] : 0);
    return { name: t.name, version: t.op ? t.version ?? '' : '', flags, index };
  });
  return entries(PACKAGE_TRIGGER_TAGS, scripts, watches, deps);
}
