// The files dependency generators look at: ELF objects (headers parsed) and `#!` scripts (first
// line), found by reading each regular file's first bytes; nothing else of a file is read.
import type { FileEntry } from '../core/model.js';
import { isElf, parseElf, type ElfInfo } from '../formats/elf.js';
import { readRanges } from '../formats/ranges.js';

const HEAD = 4096;
const PARALLEL = 4;

export interface ScannedFile {
  path: string;
  mode: number;
  elf?: ElfInfo;
  /** The `#!` line without `#!`, for scripts. */
  shebang?: string;
}

/** ELF files and scripts among `files`, in the order given; `symbols` also reads ELF symbol tables. */
export async function scanFiles(files: readonly FileEntry[], options: { symbols?: boolean } = {}): Promise<ScannedFile[]> {
  const regular = files.filter((f) => f.type === 'file' && f.source && f.size >= 4);
  const found: (ScannedFile | undefined)[] = new Array(regular.length);
  let next = 0;
  const worker = async () => {
    while (next < regular.length) {
      const at = next++;
      found[at] = await scanFile(regular[at]!, options.symbols ?? false);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return found.filter((f): f is ScannedFile => f !== undefined);
}

async function scanFile(file: FileEntry, symbols: boolean): Promise<ScannedFile | undefined> {
  const [head] = await readRanges(file.source!, [{ start: 0, length: HEAD }]);
  if (!head) return undefined;
  if (isElf(head)) {
    try {
      return { path: file.path, mode: file.mode, elf: await parseElf(file.source!, head, { symbols }) };
    } catch {
      return undefined; // not a usable ELF object: the generators skip it, as theirs do
    }
  }
  if (head[0] === 0x23 && head[1] === 0x21) {
    const end = head.indexOf(0x0a);
    return { path: file.path, mode: file.mode, shebang: head.toString('utf8', 2, end < 0 ? head.length : end) };
  }
  return undefined;
}
