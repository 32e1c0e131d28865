// File triggers as rpm header entries (docs/FORMATS.md §B7.4), laid out as rpmbuild lays them out: per
// scriptlet a body, an interpreter and a priority; per watched path a name, the index of its scriptlet,
// an empty version and the flags saying when it runs.
import type { FileTrigger } from '../../core/file-triggers.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { RPMSENSE, RpmType } from '../../formats/rpm/tags.js';
import { FILE_TRIGGER_SENSE, FILE_TRIGGER_TAGS } from '../../formats/rpm/vocabulary.js';
import type { Dependencies } from './dependencies.js';

const LUA = '<lua>';

export function fileTriggerEntries(triggers: readonly FileTrigger[], deps: Dependencies): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  for (const [kind, tags] of Object.entries(FILE_TRIGGER_TAGS)) {
    const group = triggers.filter((t) => t.transaction === (kind === 'trans'));
    if (group.length === 0) continue;
    const paths = group.flatMap((t, index) => t.paths.map((path) => ({ path, index, flags: FILE_TRIGGER_SENSE[t.when] })));
    entries.push(
      { tag: tags.scripts, type: RpmType.STRING_ARRAY, value: group.map((t) => t.body) },
      { tag: tags.prog, type: RpmType.STRING_ARRAY, value: group.map((t) => t.interpreter) },
      { tag: tags.priorities, type: RpmType.INT32, value: group.map((t) => t.priority) },
      { tag: tags.name, type: RpmType.STRING_ARRAY, value: paths.map((p) => p.path) },
      { tag: tags.index, type: RpmType.INT32, value: paths.map((p) => p.index) },
      { tag: tags.version, type: RpmType.STRING_ARRAY, value: paths.map(() => '') },
      { tag: tags.flags, type: RpmType.INT32, value: paths.map((p) => p.flags) },
    );
    for (const t of group) {
      if (t.interpreter === LUA) deps.features.add('BuiltinLuaScripts');
      else deps.add('require', { name: t.interpreter, flags: RPMSENSE.INTERP, version: '' });
    }
  }
  return entries;
}
