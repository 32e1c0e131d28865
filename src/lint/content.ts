// The content pass (docs/LINT.md §8.2): one streaming read per regular file, stopping as soon as what the
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
  const scanner = new FileScanner(file, needs);
  const whole = source.readWhole?.();
  if (whole) {
    scanner.feed(whole);
  } else {
    for await (const chunk of source.open()) if (!scanner.feed(chunk)) break;
  }
  const facts = scanner.finish();
  if (facts.kind === 'elf' && needs.elf) {
    try {
      facts.elf = await parseElf(source, scanner.head); // the first chunk often holds the whole header set
    } catch (err) {
      facts.elfError = err instanceof Error ? err.message : String(err);
    }
  }
  return facts;
}

/** What one file's bytes say, fed chunk by chunk: its kind from the first 4 KiB, then secrets, build paths and its hash. */
class FileScanner {
  /** The first chunks read, at least 4 KiB unless the file is smaller: ELF parsing starts from them. */
  head: Buffer = Buffer.alloc(0);
  private readonly headParts: Buffer[] = [];
  private headLength = 0;
  private facts: ContentFacts | undefined;
  private scanText = false;
  private carry = '';
  private readonly found = new Set<string>();
  private buildPath: string | undefined;
  private readonly sha: Hash | undefined;

  constructor(private readonly file: FileEntry, private readonly needs: FileNeeds) {
    if (needs.sha) this.sha = createHash('sha256');
  }

  /** Takes the next chunk; false once nothing more is needed. */
  feed(raw: Uint8Array): boolean {
    const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    this.sha?.update(chunk);
    if (!this.facts) {
      this.headParts.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < HEAD && this.headLength < this.file.size) return true;
      const head = this.headParts.length === 1 ? chunk : Buffer.concat(this.headParts);
      this.decide(head);
      if (this.scanText) this.scan(head.toString('latin1'));
    } else if (this.scanText) {
      this.scan(chunk.toString('latin1'));
    }
    return this.scanText || this.sha !== undefined;
  }

  finish(): ContentFacts {
    if (!this.facts) this.decide(Buffer.concat(this.headParts));
    const facts = this.facts!;
    if (this.found.size) facts.secrets = [...this.found];
    if (this.buildPath) facts.buildPath = this.buildPath;
    if (this.sha) facts.sha256 = this.sha.digest('hex');
    return facts;
  }

  private decide(head: Buffer): void {
    this.head = head;
    const facts = classify(this.file, head.subarray(0, HEAD));
    this.facts = facts;
    this.scanText = this.needs.text && (facts.kind === 'text' || facts.kind === 'script') && this.file.size <= TEXT_SCAN_LIMIT;
  }

  private scan(text: string): void {
    const window = this.carry + text;
    for (const kind of secretsIn(window)) this.found.add(kind);
    this.buildPath ??= this.needs.leakPatterns.find((p) => window.includes(p)) ?? buildPathIn(window);
    this.carry = window.slice(-SECRET_OVERLAP);
  }
}

/** Text every build path below contains. */
const BUILD_PATH_KEYS = ['BUILDROOT/', '/tmp/', '/build/reproducible-path/'];

/** Staging trees other tools leave in files: rpm's BUILDROOT, converters' temp dirs, sbuild's /build. */
export function buildPathIn(text: string): string | undefined {
  if (!BUILD_PATH_KEYS.some((key) => text.includes(key))) return undefined; // includes() is much cheaper than the pattern
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
  for (let i = 0; i < head.length; i++) {
    const byte = head[i]!;
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27) control++;
  }
  return control <= head.length / 50;
}
