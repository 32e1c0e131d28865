// The content pass (LINT.md §8.2): one streaming read per regular file, stopping as soon as what the
// rules need is known. Every file's first 4 KiB decide its kind (ELF, `#!` script, text, static
// library, binary); ELF files get their headers parsed; text files up to 1 MiB are scanned for secrets
// and build paths; hashes are computed only for files whose size collides with another's.
import { createHash, type Hash } from 'node:crypto';
import type { FileEntry, PackageModel } from '../core/model.js';
import { isElf, parseElf } from '../formats/elf.js';
import { SECRET_OVERLAP, secretsIn } from './secrets.js';
import type { ContentFacts, LintContext } from './types.js';

const HEAD = 4096;
const TEXT_SCAN_LIMIT = 1024 * 1024;
const PARALLEL = 4;

export interface ContentNeeds {
  elf: boolean;
  text: boolean;
  duplicates: boolean;
}

export async function scanContent(model: PackageModel, ctx: LintContext, needs: ContentNeeds): Promise<void> {
  const files = model.files.filter((f) => f.type === 'file' && f.source);
  const collides = needs.duplicates ? sizeCollisions(files) : new Set<number>();
  const leakPatterns = ctx.buildRoots.filter((r) => r.length > 4);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      ctx.content.set(file.path, await scanFile(file, {
        ...needs, sha: collides.has(file.size), leakPatterns,
      }));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

function sizeCollisions(files: FileEntry[]): Set<number> {
  const seen = new Set<number>();
  const twice = new Set<number>();
  for (const f of files) {
    if (f.size === 0) continue;
    if (seen.has(f.size)) twice.add(f.size);
    seen.add(f.size);
  }
  return twice;
}

interface FileNeeds extends ContentNeeds {
  sha: boolean;
  leakPatterns: string[];
}

async function scanFile(file: FileEntry, needs: FileNeeds): Promise<ContentFacts> {
  if (file.size === 0) return { kind: 'empty' };
  const source = file.source!;
  const sha = needs.sha ? createHash('sha256') : undefined;
  const hashes: Hash[] = sha ? [sha] : [];
  const headParts: Buffer[] = [];
  let headLength = 0;
  let facts: ContentFacts | undefined;
  let scanText = false;
  let carry = '';
  const found = new Set<string>();
  let buildPath: string | undefined;
  const scan = (text: string) => {
    const window = carry + text;
    for (const kind of secretsIn(window)) found.add(kind);
    buildPath ??= needs.leakPatterns.find((p) => window.includes(p)) ?? buildPathIn(window);
    carry = window.slice(-SECRET_OVERLAP);
  };

  for await (const raw of source.open()) {
    const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    for (const h of hashes) h.update(chunk);
    if (!facts) {
      headParts.push(chunk);
      headLength += chunk.length;
      if (headLength < HEAD && headLength < file.size) continue;
      const head = Buffer.concat(headParts);
      facts = classify(file, head.subarray(0, HEAD));
      scanText = needs.text && (facts.kind === 'text' || facts.kind === 'script') && file.size <= TEXT_SCAN_LIMIT;
      if (scanText) scan(head.toString('latin1'));
      if (facts.kind === 'elf' && needs.elf) {
        try {
          facts.elf = await parseElf(source, head); // the first chunk often holds the whole header set
        } catch (err) {
          facts.elfError = err instanceof Error ? err.message : String(err);
        }
      }
    } else if (scanText) {
      scan(chunk.toString('latin1'));
    }
    if (!scanText && hashes.length === 0) break;
  }
  facts ??= classify(file, Buffer.concat(headParts));
  if (found.size) facts.secrets = [...found];
  if (buildPath) facts.buildPath = buildPath;
  if (sha) facts.sha256 = sha.digest('hex');
  return facts;
}

/** Staging trees other tools leave in files: rpm's BUILDROOT, converters' temp dirs, sbuild's /build. */
export function buildPathIn(text: string): string | undefined {
  const m = /\/(?:rpmbuild\/)?BUILDROOT\/[^\s"'<>]+|\/tmp\/(?:fpm|pkgshift|package-[a-z]+-build)[-.][\w.-]+|\/build\/reproducible-path\//.exec(text);
  return m?.[0];
}

function classify(file: FileEntry, head: Buffer): ContentFacts {
  if (isElf(head)) return { kind: 'elf' };
  if (head.subarray(0, 8).toString('latin1') === '!<arch>\n' && /\.a$/.test(file.path)) return { kind: 'static-lib' };
  if (head[0] === 0x23 && head[1] === 0x21) {
    const end = head.indexOf(0x0a);
    const line = head.toString('utf8', 2, end < 0 ? Math.min(head.length, 256) : Math.min(end, 256));
    return { kind: 'script', shebang: line };
  }
  return { kind: looksLikeText(head) ? 'text' : 'binary' };
}

/** No NUL and at most 2% control characters other than tab, newline, CR, form feed and escape. */
export function looksLikeText(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27) control++;
  }
  return control <= head.length / 50;
}
