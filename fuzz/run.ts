// `npm run fuzz -- --cases N [--reader tar|deb|rpm|npm] [--seed S] [--timeout MS] [--max-rss MB] [--save DIR] [--corpus DIR]`
// Structure-aware mutation fuzzing of every reader. Seeds are packages the project's own writers
// build (and, when present, the shared corpus beside the checkout); each case mutates one seed
// (mutate.ts), converts it in a child process (worker.ts) inside a sandbox directory with canary
// files around it, and is classified:
//   ok, error (one clean line) — expected;
//   crash (a JavaScript error, an unhandled event), hang (past --timeout), memory (past --max-rss),
//   leftover (temporary or partial files remain), escape (anything written outside the output dir).
// Failing cases are saved with their message for replay; the exit status is 1 when there is one. A
// worker that dies during a case gets the case again in a fresh process; when it then ends cleanly,
// the case is counted and saved as unrepeatable (reported, not failing the round).
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random, mutateBytes, mutateDeb, mutatePackageJson, mutateRpm, mutateTarball } from './mutate.js';
import type { FuzzCase, FuzzResult } from './worker.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));
/** `../shared/corpus` beside the checkout, as CI has it (--corpus DIR to use another). */
const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

type Outcome = 'ok' | 'error' | 'crash' | 'hang' | 'memory' | 'leftover' | 'escape' | 'unrepeatable';
const BAD: Outcome[] = ['crash', 'hang', 'memory', 'leftover', 'escape'];

interface Reader {
  ext: string;
  targets: string[];
  mutate: (seed: Buffer, rnd: Random) => Buffer | Promise<Buffer>;
}

const READERS: Record<string, Reader> = {
  tar: { ext: 'tar', targets: ['deb', 'rpm', 'tar'], mutate: mutateTarball },
  deb: { ext: 'deb', targets: ['rpm', 'tar', 'deb'], mutate: mutateDeb },
  rpm: { ext: 'rpm', targets: ['deb', 'tar', 'rpm'], mutate: mutateRpm },
  npm: { ext: 'json', targets: ['deb', 'rpm', 'tar'], mutate: mutatePackageJson },
};

interface Settings { cases: number; readers: string[]; seed: number; timeout: number; maxRss: number; save: string; corpus: string }

function parseArgs(argv: string[]): Settings {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const readers = value('--reader')?.split(',') ?? Object.keys(READERS);
  for (const r of readers) if (!READERS[r]) throw new Error(`unknown reader '${r}' (${Object.keys(READERS).join(', ')})`);
  return {
    cases: Number(value('--cases') ?? 100), readers, seed: Number(value('--seed') ?? Date.now() % 100000),
    timeout: Number(value('--timeout') ?? 60_000), maxRss: Number(value('--max-rss') ?? 250), save: value('--save') ?? 'fuzz-findings', corpus: value('--corpus') ?? CORPUS,
  };
}

/** Seed packages: built by pkgshift's own writers from a small tree, plus small corpus packages. */
function buildSeeds(work: string, corpus: string): Record<string, Buffer[]> {
  const root = join(work, 'tree');
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(join(root, 'etc/seed'), { recursive: true });
  mkdirSync(join(root, 'usr/share/doc/seed'), { recursive: true });
  writeFileSync(join(root, 'usr/bin/seed'), '#!/bin/sh\necho seed\n', { mode: 0o755 });
  writeFileSync(join(root, 'etc/seed/seed.conf'), 'key = value\n');
  writeFileSync(join(root, 'usr/share/doc/seed/README'), 'A seed package for the fuzzer.\n'.repeat(20));
  writeFileSync(join(work, 'postinst'), '#!/bin/sh\nset -e\necho installed\n');
  const seeds: Record<string, Buffer[]> = { tar: [], deb: [], rpm: [], npm: [] };
  const build = (type: string, extra: string[], file: string) => {
    const out = join(work, file);
    const r = spawnSync(process.execPath, [CLI, '-s', 'dir', '-t', type, '-n', 'seed', '-v', '1.0', '--iteration', '1', '-a', 'all',
      '-m', 'Seed <seed@example.org>', '--description', 'seed\nfor the fuzzer', '--license', 'MIT', '--after-install', join(work, 'postinst'),
      '--no-lint', '-C', root, '-p', out, ...extra, '.'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building a ${type} seed failed: ${r.stderr}`);
    return readFileSync(out);
  };
  for (const z of ['gzip', 'xz', 'zstd', 'none']) seeds.tar!.push(build('tar', ['--compression', z], `seed-${z}.tar`));
  for (const z of ['gzip', 'xz', 'zstd', 'none']) seeds.deb!.push(build('deb', ['--deb-compression', z], `seed-${z}.deb`));
  for (const z of ['gzip', 'xz', 'zstd', 'none']) seeds.rpm!.push(build('rpm', ['--rpm-compression', z], `seed-${z}.rpm`));
  seeds.npm!.push(Buffer.from(JSON.stringify({
    name: '@scope/seed', version: '1.2.3-beta.1', description: 'A seed\nwith a long description', license: 'MIT',
    homepage: 'https://example.org', author: { name: 'Seed', email: 'seed@example.org' }, maintainers: ['M <m@example.org>'],
    repository: { type: 'git', url: 'git+https://example.org/seed.git' }, engines: { node: '>=18' }, bin: { seed: 'bin/seed.js' }, man: ['man/seed.1'],
  })));
  for (const [kind, dir] of [['deb', 'debs'], ['rpm', 'rpms']] as const) {
    const folder = join(corpus, dir);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const bytes = readFileSync(join(folder, name));
      if (bytes.length <= 256 * 1024) seeds[kind]!.push(bytes);
    }
  }
  return seeds;
}

/** Resident memory of a process in MiB (Linux), or 0 when it cannot be read. */
function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

class Worker {
  private child: ChildProcess | undefined;
  private served = 0;

  async run(c: FuzzCase, settings: Settings): Promise<{ outcome: Outcome; message: string }> {
    if (!this.child || this.served++ >= 300) this.restart(); // a fresh process now and then: no drift between cases
    const child = this.child!;
    return new Promise((resolve) => {
      let peak = 0;
      const finish = (outcome: Outcome, message: string) => {
        clearTimeout(timer);
        clearInterval(watch);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve({ outcome, message });
      };
      const kill = (outcome: Outcome, message: string) => {
        child.kill('SIGKILL');
        this.child = undefined;
        finish(outcome, message);
      };
      const timer = setTimeout(() => kill('hang', `no result after ${settings.timeout} ms`), settings.timeout);
      const watch = setInterval(() => {
        peak = Math.max(peak, rssMiB(child.pid!));
        if (peak > settings.maxRss) kill('memory', `resident memory reached ${peak.toFixed(0)} MiB`);
      }, 50);
      const onMessage = (result: FuzzResult) => {
        if (result.id === c.id) finish(result.outcome, result.message);
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = undefined;
        finish('crash', `the worker exited (${signal ?? code}) during the case`);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(c);
    });
  }

  restart(): void {
    this.child?.kill('SIGKILL');
    this.child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    this.served = 0;
  }

  stop(): void {
    this.child?.kill('SIGKILL');
  }
}

const CANARY = 'canary: nothing may change or join this file\n';

/** What the case left behind, compared with the sandbox it was given. */
function inspect(root: string, box: string, outcome: Outcome): { outcome: Outcome; message: string } | undefined {
  const outside = readdirSync(root).filter((n) => !['box', 'canary', 'seeds'].includes(n));
  const around = readdirSync(box).filter((n) => !['in', 'out', 'tmp', 'canary'].includes(n));
  const canaries = [join(root, 'canary'), join(box, 'canary'), join(box, 'in', 'canary')];
  if (outside.length || around.length || canaries.some((c) => readFileSync(c, 'utf8') !== CANARY) || readdirSync(join(box, 'in')).length !== 2) {
    return { outcome: 'escape', message: `written outside the output directory: ${[...outside, ...around].join(', ') || 'a canary file'}` };
  }
  const temp = readdirSync(join(box, 'tmp'));
  if (temp.length) return { outcome: 'leftover', message: `left in TMPDIR: ${temp.join(', ')}` };
  const out = readdirSync(join(box, 'out'));
  if (outcome === 'error' && out.length) return { outcome: 'leftover', message: `a failed conversion left output: ${out.join(', ')}` };
  if (out.some((n) => n.startsWith('.'))) return { outcome: 'leftover', message: `temporary output left: ${out.join(', ')}` };
  return undefined;
}

const elapsed = (since: number) => ((Date.now() - since) / 1000).toFixed(0);
const describe = (tally: Record<Outcome, number>) => Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(', ');

/** Set by SIGINT/SIGTERM: the round stops after the current case and reports the counts so far. */
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { stopping = true; });

async function main(): Promise<number> {
  const settings = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'pkgshift-fuzz-'));
  const worker = new Worker();
  const counts: Record<string, Record<Outcome, number>> = {};
  let bad = 0;
  try {
    writeFileSync(join(root, 'canary'), CANARY);
    mkdirSync(join(root, 'seeds'));
    const seeds = buildSeeds(join(root, 'seeds'), settings.corpus);
    const started = Date.now();
    // Readers take turns case by case, so that a round stopped early has tried each about as often.
    for (const reader of settings.readers) counts[reader] = { ok: 0, error: 0, crash: 0, hang: 0, memory: 0, leftover: 0, escape: 0, unrepeatable: 0 };
    for (let id = 0; id < settings.cases && !stopping; id++) {
      for (const reader of settings.readers) {
        const spec = READERS[reader]!;
        const tally = counts[reader]!;
        const rnd = new Random(settings.seed * 1_000_003 + id * 7919 + reader.length);
        // A structure-aware mutation of a seed (twice, now and then); bytes it cannot parse get byte mutations.
        const mutate = async (from: Buffer) => {
          try {
            return await spec.mutate(from, rnd);
          } catch {
            return mutateBytes(from, rnd);
          }
        };
        let bytes = await mutate(rnd.pick(seeds[reader]!));
        if (rnd.chance(0.2)) bytes = await mutate(bytes);
        if (rnd.chance(0.05)) bytes = mutateBytes(bytes, rnd);
        const box = join(root, 'box');
        rmSync(box, { recursive: true, force: true });
        for (const dir of ['in', 'out', 'tmp']) mkdirSync(join(box, dir), { recursive: true });
        writeFileSync(join(box, 'canary'), CANARY);
        writeFileSync(join(box, 'in', 'canary'), CANARY);
        const input = join(box, 'in', `input.${spec.ext}`);
        writeFileSync(input, bytes);
        const target = spec.targets[id % spec.targets.length]!;
        let result = await worker.run({ id, reader, target, input, sandbox: box }, settings);
        if (result.message.startsWith('the worker exited')) {
          // Seen once on a loaded machine and not again with the same case: run it again in a fresh
          // worker; a case that then ends cleanly is counted (and saved) as unrepeatable, not hidden.
          const again = await worker.run({ id, reader, target, input, sandbox: box }, settings);
          if (again.outcome === 'ok' || again.outcome === 'error') result = { outcome: 'unrepeatable', message: result.message };
        }
        if (result.outcome === 'ok' || result.outcome === 'error') result = inspect(root, box, result.outcome) ?? result;
        tally[result.outcome]++;
        if (BAD.includes(result.outcome) || result.outcome === 'unrepeatable') {
          if (result.outcome !== 'unrepeatable') bad++;
          mkdirSync(settings.save, { recursive: true });
          const name = `${reader}-${settings.seed}-${id}-${result.outcome}`;
          writeFileSync(join(settings.save, `${name}.${spec.ext}`), bytes);
          writeFileSync(join(settings.save, `${name}.txt`), `pkgshift -s ${reader} -t ${target} ${name}.${spec.ext}\n${result.message}\n`);
          process.stderr.write(`${name}: ${result.message.split('\n')[0]}\n`);
        }
        for (const n of readdirSync(root)) if (!['box', 'canary', 'seeds'].includes(n)) rmSync(join(root, n), { recursive: true, force: true });
      }
      if ((id + 1) % 100 === 0) process.stderr.write(`fuzz: ${id + 1} cases per reader, ${elapsed(started)} s\n`);
    }
    process.stdout.write(`fuzz: seed ${settings.seed}, ${settings.cases} cases per reader asked${stopping ? ', stopped early' : ''}, ${elapsed(started)} s\n`);
    for (const [reader, tally] of Object.entries(counts)) {
      process.stdout.write(`  ${reader.padEnd(4)} ${Object.values(tally).reduce((a, b) => a + b, 0)} cases: ${describe(tally)}\n`);
    }
    if (bad) process.stdout.write(`fuzz: ${bad} failing cases saved in ${settings.save}/\n`);
    return bad ? 1 : 0;
  } finally {
    worker.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
