// Speed benchmark (`npm run bench -- speed [--quick]`): pkgshift against the tool each conversion
// replaces (GNU tar, dpkg-deb, rpmbuild, alien) and against the codec floor — the compressor's own CLI
// at the same level and thread count on the same uncompressed tar stream, plus sha256sum over it.
// Every figure is a whole process's CPU seconds (user + sys) and peak RSS from /usr/bin/time -v; runs
// alternate (pkgshift, peer, floor, pkgshift, …) and each ratio is the median of per-round ratios, so
// that a machine whose load drifts still gives comparable figures. Rows whose peer is not installed
// show only the floor. Inputs are built here, deterministically:
//   small  — 20,000 small text files, 88 MiB (300 files with --quick);
//   golang — the file tree of Debian's golang-1.19-src package (apt-get download, cached under
//            ~/.cache/pkgshift-bench; skipped when it cannot be fetched, and with --quick);
//   big    — four big files, 1 GiB in all (8 MiB with --quick).
// --tree=small,golang,big runs only the rows of those inputs, --only=TEXT,… only rows whose label contains
// one of the TEXTs (e.g. --only=zstd,no compression); --rounds=N sets the rounds (default 3, 1 with --quick).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const CACHE = join(homedir(), '.cache', 'pkgshift-bench');
const GOLANG = 'golang-1.19-src';
/** Both cores, as pkgshift uses by default for xz and zstd. */
const THREADS = 2;

type Codec = 'none' | 'zstd' | 'xz';
type Tree = 'small' | 'golang' | 'big';

interface Case {
  tree: Tree;
  from: 'dir' | 'deb';
  target: 'tar' | 'deb' | 'rpm';
  codec: Codec;
  level: number;
  lint: boolean;
}

const CASES: Case[] = [
  { tree: 'small', from: 'dir', target: 'tar', codec: 'none', level: 0, lint: true },
  { tree: 'small', from: 'dir', target: 'deb', codec: 'none', level: 0, lint: true },
  { tree: 'small', from: 'dir', target: 'deb', codec: 'none', level: 0, lint: false },
  { tree: 'small', from: 'dir', target: 'deb', codec: 'zstd', level: 3, lint: true },
  { tree: 'small', from: 'dir', target: 'deb', codec: 'xz', level: 6, lint: true },
  { tree: 'small', from: 'dir', target: 'rpm', codec: 'xz', level: 6, lint: true },
  { tree: 'small', from: 'dir', target: 'rpm', codec: 'zstd', level: 3, lint: true },
  { tree: 'golang', from: 'dir', target: 'deb', codec: 'zstd', level: 3, lint: true },
  { tree: 'golang', from: 'dir', target: 'rpm', codec: 'zstd', level: 3, lint: true },
  { tree: 'golang', from: 'deb', target: 'rpm', codec: 'zstd', level: 3, lint: true },
  { tree: 'big', from: 'dir', target: 'tar', codec: 'none', level: 0, lint: true },
  { tree: 'big', from: 'dir', target: 'deb', codec: 'zstd', level: 3, lint: true },
  { tree: 'big', from: 'dir', target: 'rpm', codec: 'zstd', level: 3, lint: true },
];

interface Run {
  cpu: number;
  peakMiB: number;
}

interface Row {
  label: string;
  peer?: string;
  ours: Run[];
  peers: Run[];
  floors: Run[];
}

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

function run(command: string[], env?: NodeJS.ProcessEnv): Run {
  const r = spawnSync('/usr/bin/time', ['-v', ...command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(env && { env }) });
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return { cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'), peakMiB: field('Maximum resident set size \\(kbytes\\)') / 1024 };
}

// ---- inputs ---------------------------------------------------------------------------------------

/**
 * Deterministic source-like text from a fixed pseudo-random sequence: words of a 4,096-word
 * made-up vocabulary, numbers and line breaks, which compresses about as well as source code (4-5×).
 */
class TextMaker {
  private seed = 1;
  private readonly words: string[];
  constructor() {
    this.words = Array.from({ length: 4096 }, () => Array.from({ length: this.size(2, 9) }, () => String.fromCharCode(97 + this.size(0, 26))).join(''));
  }
  /** mulberry32: 32-bit state, full period, good enough spread for text that must not repeat. */
  private random(): number {
    let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  size(min: number, spread: number): number {
    return min + Math.floor(this.random() * spread);
  }
  text(size: number): string {
    const parts: string[] = [];
    let length = 0;
    while (length < size) {
      let word = this.words[this.size(0, this.words.length)]! + (this.random() < 0.12 ? '\n' : ' ');
      if (this.random() < 0.05) word += `${this.size(0, 1e6)} `;
      parts.push(word);
      length += word.length;
    }
    return parts.join('').slice(0, size);
  }
}

/** `count` files averaging 4.6 KiB under usr/share/bench, 100 to a directory. */
function smallTree(stage: string, count: number): void {
  const maker = new TextMaker();
  for (let i = 0; i < count; i++) {
    const dir = join(stage, 'usr/share/bench', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.txt`), maker.text(maker.size(200, 8800)));
  }
}

/** Four files of `total / 4` bytes each under opt/bench: text-like, so that every codec has work to do. */
function bigTree(stage: string, total: number): void {
  mkdirSync(join(stage, 'opt/bench'), { recursive: true });
  const block = Buffer.from(new TextMaker().text(4 * 1024 * 1024));
  for (let f = 0; f < 4; f++) {
    const fd = openSync(join(stage, 'opt/bench', `part${f}.dat`), 'w');
    try {
      for (let left = total / 4; left > 0; left -= block.length) {
        // A different rotation of the block each time: repeats farther apart than any codec's window.
        const at = (left * 7919 + f * 104729) % block.length;
        const piece = Buffer.concat([block.subarray(at), block.subarray(0, at)]);
        writeSync(fd, piece, 0, Math.min(piece.length, left));
      }
    } finally {
      closeSync(fd);
    }
  }
}

/** The golang-1.19-src deb, downloaded once into the cache; undefined when it cannot be had. */
function golangDeb(): string | undefined {
  const cached = () => (existsSync(CACHE) ? readdirSync(CACHE).find((f) => f.startsWith(`${GOLANG}_`) && f.endsWith('.deb')) : undefined);
  if (!cached() && has('apt-get')) {
    mkdirSync(CACHE, { recursive: true });
    spawnSync('apt-get', ['download', GOLANG], { cwd: CACHE, stdio: 'ignore', timeout: 300_000 });
  }
  const name = cached();
  return name ? join(CACHE, name) : undefined;
}

const CONTROL = 'Package: bench\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Bench <bench@example.org>\nDescription: benchmark tree\n generated by npm run bench\n';

interface Input {
  /** A staging directory: the package's files, plus DEBIAN/control for dpkg-deb. */
  stage: string;
  /** Its top-level entries other than DEBIAN: what pkgshift and the peers package. */
  tops: string[];
  /** The same files as one uncompressed GNU tar stream: what the floor compresses. */
  stream: string;
  deb?: string;
}

function makeInput(work: string, tree: Tree, quick: boolean): Input | undefined {
  const stage = join(work, tree);
  let deb: string | undefined;
  if (tree === 'small') smallTree(stage, quick ? 300 : 20_000);
  else if (tree === 'big') bigTree(stage, quick ? 8 * 1024 * 1024 : 1024 ** 3);
  else {
    deb = quick ? undefined : golangDeb();
    if (!deb || !has('dpkg-deb')) return undefined;
    mkdirSync(stage);
    if (spawnSync('dpkg-deb', ['-x', deb, stage]).status !== 0) return undefined;
  }
  const tops = readdirSync(stage).sort();
  mkdirSync(join(stage, 'DEBIAN'));
  writeFileSync(join(stage, 'DEBIAN/control'), CONTROL);
  const stream = join(work, `${tree}.tar`);
  spawnSync('tar', ['--format=gnu', '-cf', stream, '-C', stage, ...tops]);
  return { stage, tops, stream, ...(deb && { deb }) };
}

// ---- commands -------------------------------------------------------------------------------------

const DPKG_CODEC: Record<Codec, string> = { none: 'none', zstd: 'zstd', xz: 'xz' };
const RPM_PAYLOAD: Record<Codec, string> = { none: 'ufdio', zstd: 'zstdio', xz: 'xzdio' };

function ourCommand(c: Case, input: Input, out: string): string[] {
  const common = [process.execPath, CLI, '-t', c.target, '-p', out, '-f', ...(c.lint ? [] : ['--no-lint'])];
  const codec = c.target === 'tar' ? ['--compression', c.codec, ...(c.codec === 'none' ? [] : ['--compression-level', String(c.level)])]
    : [`--${c.target}-compression`, c.codec, ...(c.codec === 'none' ? [] : [`--${c.target}-compression-level`, String(c.level)])];
  if (c.from === 'deb') return [...common, ...codec, '-s', 'deb', input.deb!];
  return [...common, ...codec, '-s', 'dir', '-n', 'bench', '-v', '1.0-1', '-a', 'all', '-C', input.stage, ...input.tops];
}

/** The tool the conversion replaces, with the same codec and level; undefined when it is not installed. */
function peerCommand(c: Case, input: Input, out: string, work: string): { name: string; command: string[] } | undefined {
  if (c.target === 'tar' && c.codec === 'none') return { name: 'GNU tar', command: ['tar', '--format=gnu', '-cf', out, '-C', input.stage, ...input.tops] };
  if (c.target === 'deb' && has('dpkg-deb')) {
    return { name: 'dpkg-deb', command: ['dpkg-deb', '--root-owner-group', `-Z${DPKG_CODEC[c.codec]}`, ...(c.codec === 'none' ? [] : [`-z${c.level}`]), '--build', input.stage, out] };
  }
  const payload = `w${c.level}.${RPM_PAYLOAD[c.codec]}`;
  if (c.target === 'rpm' && c.from === 'deb' && has('alien') && has('rpmbuild')) {
    // alien runs rpmbuild, which takes the payload compression from the macros file in $HOME.
    writeFileSync(join(work, '.rpmmacros'), `%_binary_payload ${payload}\n%__os_install_post %{nil}\n`);
    return { name: 'alien', command: ['sh', '-c', `cd "${work}" && HOME="${work}" exec alien --to-rpm --keep-version "${input.deb}" >/dev/null`] };
  }
  if (c.target === 'rpm' && c.from === 'dir' && has('rpmbuild')) {
    const spec = join(work, 'bench.spec');
    writeFileSync(spec, [
      'Name: bench', 'Version: 1.0', 'Release: 1', 'Summary: benchmark tree', 'License: MIT', 'BuildArch: noarch', '',
      '%description', 'generated by npm run bench', '',
      // Hard links: the copy into the build root is not packaging work.
      '%install', ...input.tops.map((t) => `cp -al "${join(input.stage, t)}" "%{buildroot}/"`), '',
      '%files', '%defattr(-,root,root)', ...input.tops.map((t) => `/${t}`), '',
    ].join('\n'));
    return {
      name: 'rpmbuild',
      command: ['rpmbuild', '-bb', '--quiet', '--define', `_topdir ${join(work, 'rpmbuild')}`, '--define', `_rpmdir ${join(work, 'rpms')}`,
        '--define', `_binary_payload ${payload}`, '--define', '__os_install_post %{nil}', '--define', '_build_id_links none', spec],
    };
  }
  return undefined;
}

/** The compressor alone at the same level and thread count on the uncompressed tar stream, plus sha256sum. */
function floorCommand(c: Case, input: Input): string[] | undefined {
  if (c.codec === 'none' || !has(c.codec)) return undefined;
  return ['sh', '-c', `${c.codec} -${c.level} -T${THREADS} -q -c "${input.stream}" >/dev/null && sha256sum "${input.stream}" >/dev/null`];
}

// ---- running and reporting --------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function label(c: Case, tree: string): string {
  const codec = c.codec === 'none' ? 'no compression' : `${c.codec} -${c.level}`;
  return `${c.from}→${c.target}, ${codec}, ${tree}${c.lint ? '' : ' (--no-lint)'}`;
}

export function runSpeedBench(args: readonly string[]): string {
  const quick = args.includes('--quick');
  const only = args.find((a) => a.startsWith('--tree='))?.slice('--tree='.length).split(',');
  const rowsWith = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? (quick ? 1 : 3));
  const work = mkdtempSync(join(tmpdir(), 'pkgshift-bench-'));
  const rows: Row[] = [];
  const trees: Record<Tree, string> = {
    small: quick ? '300 small files' : '20,000 small files (88 MiB)',
    golang: `${GOLANG} tree`,
    big: quick ? '4 files, 8 MiB' : '4 files, 1 GiB',
  };
  try {
    for (const tree of (['small', 'golang', 'big'] as const).filter((t) => !only || only.includes(t))) {
      const input = makeInput(work, tree, quick);
      if (!input) continue;
      const cases = CASES.filter((k) => k.tree === tree && (k.from === 'dir' || input.deb)
        && (!rowsWith || rowsWith.some((text) => label(k, trees[tree]).includes(text))));
      for (const c of cases) {
        const ours = join(work, `out.${c.target}`);
        const peer = peerCommand(c, input, join(work, `peer.${c.target}`), work);
        const floor = floorCommand(c, input);
        const row: Row = { label: label(c, trees[tree]), ours: [], peers: [], floors: [], ...(peer && { peer: peer.name }) };
        for (let round = 0; round < rounds; round++) {
          row.ours.push(run(ourCommand(c, input, ours)));
          if (peer) row.peers.push(run(peer.command));
          if (floor) row.floors.push(run(floor));
          rmSync(join(work, 'rpms'), { recursive: true, force: true });
          rmSync(join(work, 'rpmbuild'), { recursive: true, force: true });
          for (const f of readdirSync(work).filter((n) => n.endsWith('.rpm'))) rmSync(join(work, f));
        }
        rows.push(row);
        process.stderr.write(`speed: ${row.label} done\n`);
      }
      rmSync(input.stage, { recursive: true, force: true });
      rmSync(input.stream, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return formatRows(rows, rounds);
}

function formatRows(rows: readonly Row[], rounds: number): string {
  // /usr/bin/time counts in hundredths of a second: a run below that has no ratio.
  const ratio = (a: Run[], b: Run[]) => (b.length && b.every((r) => r.cpu > 0) ? `${median(a.map((r, i) => r.cpu / b[i]!.cpu)).toFixed(2)}×` : '—');
  const cpu = (runs: Run[]) => (runs.length ? median(runs.map((r) => r.cpu)).toFixed(2) : '—');
  const peak = (runs: Run[]) => (runs.length ? median(runs.map((r) => r.peakMiB)).toFixed(0) : '—');
  const head = '| case | pkgshift CPU s | peer | peer CPU s | pkgshift / peer (CPU) | floor CPU s | pkgshift / floor (CPU) | peak RSS MiB pkgshift / peer / floor |\n'
    + '|---|---|---|---|---|---|---|---|\n';
  const lines = rows.map((r) => `| ${r.label} | ${cpu(r.ours)} | ${r.peer ?? '—'} | ${cpu(r.peers)} | ${ratio(r.ours, r.peers)} | ${cpu(r.floors)} | ${ratio(r.ours, r.floors)} | ${peak(r.ours)} / ${peak(r.peers)} / ${peak(r.floors)} |`);
  return `${head}${lines.join('\n')}\n\nCPU = user + sys of the whole process, medians of ${rounds} alternated round${rounds === 1 ? '' : 's'}; `
    + `ratios are medians of per-round ratios. Floor = the codec's CLI at the same level with -T${THREADS} on the same uncompressed tar, plus sha256sum.\n`;
}
