// Which directories an rpm owns: system directories are left to the base system, unless leaving one out
// would lose it (base-files' empty /tmp, /var/spool; /tmp's sticky bit).
import assert from 'node:assert/strict';
import test from 'node:test';
import type { FileEntry } from '../../src/core/model.js';
import { ownsDirectory } from '../../src/outputs/rpm/file-list.js';

const dir = (path: string, mode = 0o755, implicit = false): FileEntry => ({
  path, type: 'dir', mode, uid: 0, gid: 0, user: 'root', group: 'root', mtime: 0, size: 0, ...(implicit ? { implicit } : {}),
});
const file = (path: string): FileEntry => ({ ...dir(path), type: 'file', mode: 0o644 });

test('a system directory is owned only when the package names it and would otherwise lose it', () => {
  const files = [dir('/usr'), dir('/usr/bin'), file('/usr/bin/tool'), dir('/tmp', 0o1777), dir('/var', 0o755, true),
    dir('/var/spool'), dir('/var/mail', 0o2775), file('/var/mail/.keep'), dir('/var/cache', 0o755, true)];
  const owned = files.filter((f) => f.type === 'dir' && ownsDirectory(f, [], files)).map((f) => f.path);
  // /usr and /usr/bin hold the package's files (rpm creates them anyway); /var and /var/cache were only implied.
  assert.deepEqual(owned, ['/tmp', '/var/spool', '/var/mail']);
});
