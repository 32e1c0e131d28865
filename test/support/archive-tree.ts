// Snapshots of a directory tree, to compare what GNU tar extracts from our output with the tree a
// tarball was made from: type, mode, content digest, link target, and which paths share an inode.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface Snapshot {
  entries: Map<string, string>;
  /** Groups of paths sharing an inode (hardlinks), each sorted, the groups sorted. */
  hardlinks: string[][];
}

export function snapshot(root: string): Snapshot {
  const entries = new Map<string, string>();
  const inodes = new Map<number, string[]>();
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) entries.set(relPath, `symlink -> ${readlinkSync(path)}`);
      else if (st.isDirectory()) {
        entries.set(relPath, `dir ${mode}`);
        walk(path, relPath);
      } else {
        entries.set(relPath, `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`);
        if (st.nlink > 1) inodes.set(st.ino, [...(inodes.get(st.ino) ?? []), relPath]);
      }
    }
  };
  walk(root, '');
  const hardlinks = [...inodes.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
  return { entries, hardlinks };
}
