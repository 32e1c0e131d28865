// read → apply options → normalize → dependencies (src/deps) → plan → lint → write (atomically).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostics } from './core/diagnostics.js';
import { track, untrack } from './core/cleanup.js';
import { PkgError } from './core/errors.js';
import type { PackageModel } from './core/model.js';
import { normalize, sourceDateEpoch } from './core/normalize.js';
import { resolveDependencies } from './deps/index.js';
import { openInput } from './core/source.js';
import { applyMetadataOptions, markConfigFiles } from './metadata-options.js';
import { checkWritable, outputPath, writeAtomically } from './output-file.js';
import type { Context, InputPlugin, Options } from './plugin.js';
import { findInput, findOutput, inputs as inputPlugins } from './registry.js';
import { isPrivateRoot, lintModel, type Finding, type LintFormat } from './lint/index.js';
import type { Override } from './lint/overrides.js';

export interface ConvertRequest {
  source?: string;
  target: string;
  inputs: string[];
  options: Options & { package?: string; force?: boolean; lint?: boolean; strict?: boolean };
  /** Lint findings these match are not reported and do not count for --strict. */
  overrides?: readonly Override[];
  /** Receives the lint findings on the model about to be written (README "Lint"). */
  onLint?: (pkg: PackageModel, findings: Finding[]) => void;
}

/** Runs `step` with a context whose temporary directory is removed afterwards, whatever happens. */
export async function withRunContext<T>(diag: Diagnostics, verbose: boolean, step: (ctx: Context) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pkgshift-'));
  track(dir);
  let counter = 0;
  const ctx: Context = {
    diag, verbose, sourceDateEpoch: sourceDateEpoch(),
    tempPath: (name) => join(dir, `${counter++}-${name}`),
  };
  try {
    return await step(ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    untrack(dir);
  }
}

/** The input plugin `-s` names, else the one whose format the first input is. */
export async function chooseInput(source: string | undefined, inputs: string[]): Promise<InputPlugin> {
  return source ? findInput(source) : sniffInput(inputs);
}

/** Reads the inputs into a normalized model, with the command line's metadata applied. */
export async function readPackage(input: InputPlugin, inputs: string[], options: Options, ctx: Context): Promise<PackageModel> {
  const read = await input.read(inputs, options, ctx);
  const model = normalize(applyMetadataOptions(read, options, ctx.diag), { sourceDateEpoch: ctx.sourceDateEpoch });
  const etc = !input.carriesConfigFlags && options.defaultConfigFiles !== false ? ['/etc'] : [];
  markConfigFiles(model, options.configFiles, etc);
  return model;
}

/** Converts and returns the path written. */
export async function convert(request: ConvertRequest, ctx: Context): Promise<string> {
  const output = findOutput(request.target);
  const input = await chooseInput(request.source, request.inputs);
  const read = await readPackage(input, request.inputs, request.options, ctx);
  const resolved = await resolveDependencies(read, { source: input.name, target: output.name, options: request.options }, ctx);
  const plan = await output.plan(resolved, request.options, ctx);
  const target = outputPath(request.options.package, plan.fileName);
  checkWritable(target, request.options.force ?? false);
  if (request.options.lint !== false) {
    const buildRoots = (input.buildRoots?.(request.inputs, request.options) ?? []).filter(isPrivateRoot);
    await lintBeforeWriting(plan.model, { format: output.lintFormat, buildRoots }, request, ctx);
  }
  await writeAtomically(target, request.options.force ?? false, (out) => output.write(plan, out, ctx));
  return target;
}

/**
 * Lints the planned package (what the writer will write), with the target format's conventions. It runs
 * before the write so that `--strict` fails (exit 3) without leaving an output file or touching an existing one.
 */
async function lintBeforeWriting(model: PackageModel, lint: { format: LintFormat; buildRoots: string[] }, request: ConvertRequest, ctx: Context): Promise<void> {
  const { findings } = await lintModel(model, {
    ...lint,
    ...(request.overrides ? { overrides: request.overrides } : {}),
    conversion: true,
    ...(request.options.architecture ? { declaredArch: model.metadata.arch } : {}),
    ...(ctx.sourceDateEpoch !== undefined ? { sourceDateEpoch: ctx.sourceDateEpoch } : {}),
  });
  request.onLint?.(model, findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (request.options.strict && errors) {
    throw new PkgError('lint-failed', `--strict: lint found ${errors} error${errors === 1 ? '' : 's'}; nothing was written`);
  }
}

export async function sniffInput(inputs: string[]): Promise<InputPlugin> {
  const first = inputs[0];
  if (!first) throw new PkgError('usage', 'no input given');
  if (first.includes('=') && !existsSync(first)) return findInput('dir'); // a SRC=DEST mapping
  const handle = await openInput(first);
  try {
    if ((await handle.stat()).isDirectory()) return findInput('dir');
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const found = inputPlugins.find((p) => p.sniff?.(head.subarray(0, bytesRead)));
    if (!found) throw new PkgError('usage', `cannot tell what kind of package ${first} is: give -s TYPE`);
    return found;
  } finally {
    await handle.close();
  }
}
