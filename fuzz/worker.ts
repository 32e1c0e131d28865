// The fuzzer's child process: converts one mutated input at a time, in-process, inside a sandbox
// directory, and reports how it ended. The parent (run.ts) owns the timeout and the memory watch,
// and kills this process when a case hangs or grows too large.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostics } from '../src/core/diagnostics.js';
import { PkgError, printable } from '../src/core/errors.js';
import { normalize } from '../src/core/normalize.js';
import { npmMetadata, parsePackageJson } from '../src/inputs/npm/metadata.js';
import { outputPath } from '../src/output-file.js';
import { convert, withRunContext } from '../src/pipeline.js';
import { findOutput } from '../src/registry.js';

export interface FuzzCase {
  id: number;
  reader: string;
  target: string;
  /** The mutated input, inside the sandbox's `in/`. */
  input: string;
  /** The sandbox: `out/` receives the package, `tmp/` is TMPDIR. */
  sandbox: string;
}

export interface FuzzResult {
  id: number;
  outcome: 'ok' | 'error' | 'crash';
  message: string;
}

/** An error is clean when it is ours, one line as printed, and not a JavaScript error in disguise. */
function classify(err: unknown): FuzzResult['outcome'] {
  if (!(err instanceof PkgError)) return 'crash';
  const text = printable(err.message);
  if (text.length > 1100 || /\n/.test(text)) return 'crash';
  if (/is not a function|is not iterable|Cannot read properties|undefined \(reading|Maximum call stack|ERR_[A-Z_]+/.test(text)) return 'crash';
  return 'error';
}

async function runCase(c: FuzzCase): Promise<void> {
  process.env.TMPDIR = join(c.sandbox, 'tmp');
  const out = join(c.sandbox, 'out');
  mkdirSync(out, { recursive: true });
  const diag = new Diagnostics(() => undefined);
  if (c.reader === 'npm') {
    // package.json → metadata → the output's file name (npm itself is not run per case).
    const metadata = npmMetadata(parsePackageJson(readFileSync(c.input, 'utf8'), 'package.json'), 'node', diag);
    const model = normalize({ metadata, files: [], scripts: [] }, {});
    const output = findOutput(c.target);
    const plan = await output.plan(model, {}, { diag, verbose: false, tempPath: (n: string) => join(c.sandbox, 'tmp', n) });
    outputPath(`${out}/`, plan.fileName, plan.model.metadata);
    return;
  }
  await withRunContext(diag, false, (ctx) => convert({
    source: c.reader, target: c.target, inputs: [c.input],
    options: { package: `${out}/`, debCompression: 'gzip', rpmCompression: 'gzip', compression: 'gzip', ...(c.reader === 'tar' ? { name: 'fuzz', version: '1' } : {}) },
  }, ctx));
}

let current: number | undefined;
const report = (result: FuzzResult) => process.send?.(result);

// Anything that escapes the pipeline's own error handling is a crash of the current case.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    if (current !== undefined) report({ id: current, outcome: 'crash', message: `${event}: ${err instanceof Error ? err.stack : String(err)}` });
    current = undefined;
  });
}

process.on('message', (c: FuzzCase) => {
  current = c.id;
  runCase(c).then(
    () => ({ id: c.id, outcome: 'ok' as const, message: '' }),
    (err: unknown) => ({ id: c.id, outcome: classify(err), message: err instanceof Error ? (err instanceof PkgError ? err.message : err.stack ?? err.message) : String(err) }),
  ).then((result) => {
    if (current === c.id) report(result);
    current = undefined;
  });
});
