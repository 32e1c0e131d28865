// read → apply options → normalize → dependencies (src/deps) → plan → lint → write (atomically).
import { existsSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Diagnostics } from './core/diagnostics.js';
import { createRunDir, untrack } from './core/cleanup.js';
import { PkgError } from './core/errors.js';
import type { PackageModel } from './core/model.js';
import { normalize, sourceDateEpoch } from './core/normalize.js';
import { resolveDependencies } from './deps/index.js';
import type { DependencyFamily } from './deps/families.js';
import { openInput, statInput } from './core/source.js';
import { contentSize, countedContent, progress } from './core/progress.js';
import { DEFAULT_MAX_EXPANSION } from './formats/decode.js';
import { applyMetadataOptions, checkDirectories, markConfigFiles } from './metadata-options.js';
import { applyFileAttributes } from './fpm/file-attributes.js';
import { expandPackagePath, pathValues } from './fpm/package-path.js';
import { checkExtension, checkPackageOption, checkWritable, outputPath, writeAtomically } from './output-file.js';
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

/** Where a run keeps its temporary files, and the --max-expansion option as given. */
export interface RunSettings {
  workdir?: string;
  maxExpansion?: unknown;
}

/** Runs `step` with a context whose temporary directory is removed afterwards, whatever happens. */
export async function withRunContext<T>(diag: Diagnostics, verbose: boolean, step: (ctx: Context) => Promise<T>,
  settings: RunSettings = {}): Promise<T> {
  const ratio = maxExpansionOption(settings.maxExpansion);
  if (settings.workdir !== undefined && !existsSync(settings.workdir)) {
    throw new PkgError('usage', `--workdir ${settings.workdir}: no such directory`);
  }
  const dir = createRunDir(settings.workdir);
  let counter = 0;
  const ctx: Context = {
    diag, verbose, sourceDateEpoch: sourceDateEpoch(), maxExpansion: ratio,
    tempPath: (name) => join(dir, `${counter++}-${name}`),
  };
  try {
    return await step(ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    untrack(dir);
  }
}

function maxExpansionOption(raw: unknown): number {
  if (raw === undefined) return DEFAULT_MAX_EXPANSION;
  const ratio = Number(raw);
  if (!Number.isFinite(ratio) || ratio < 1) throw new PkgError('usage', `--max-expansion must be a number of at least 1, not '${String(raw)}'`);
  return ratio;
}

/** The input plugin `-s` names, else the one whose format the first input is. */
export async function chooseInput(source: string | undefined, inputs: string[]): Promise<InputPlugin> {
  return source ? findInput(source) : sniffInput(inputs);
}

/** Reads the inputs into a normalized model, with the command line's metadata applied. */
export async function readPackage(input: InputPlugin, inputs: string[], options: Options, ctx: Context): Promise<PackageModel> {
  progress.step(`reading ${inputs.map((i) => basename(i)).join(' ')}`);
  const read = await input.read(inputs, options, ctx);
  return finishModel(read, options, ctx, !input.carriesConfigFlags);
}

/** A model read by an input (or from a config file) with the command line's metadata and file options applied, normalized. */
export function finishModel(read: PackageModel, options: Options, ctx: Context, etcIsConfig: boolean): PackageModel {
  const model = normalize(applyMetadataOptions(read, options, ctx.diag), { sourceDateEpoch: ctx.sourceDateEpoch });
  markConfigFiles(model, options.configFiles, etcIsConfig && options.defaultConfigFiles !== false ? ['/etc'] : []);
  applyFileAttributes(model, (options.rpmAttr as string[] | undefined) ?? []);
  checkDirectories(model, options.directories);
  return model;
}

/** Converts and returns the path written. */
export async function convert(request: ConvertRequest, ctx: Context): Promise<string> {
  checkPackageOption(request.options.package, findOutput(request.target), request.options.force ?? false);
  const input = await chooseInput(request.source, request.inputs);
  const read = await readPackage(input, request.inputs, request.options, ctx);
  const buildRoots = (input.buildRoots?.(request.inputs, request.options) ?? []).filter(isPrivateRoot);
  return writePackage(read, request, ctx, { family: input.dependencyFamily?.(read), buildRoots });
}

/**
 * Resolves dependencies, plans, lints and writes `read` as the request's target; returns the path written.
 * `family` is the input's distribution family (for the --deps policy); `buildRoots` is where lint looks for build leftovers.
 */
export async function writePackage(read: PackageModel, request: ConvertRequest, ctx: Context, from: { family?: DependencyFamily | undefined; buildRoots: string[] }): Promise<string> {
  const output = findOutput(request.target);
  const resolved = await resolveDependencies(read, { from: from.family, to: output.dependencyFamily, options: request.options }, ctx);
  const plan = await output.plan(countedContent(resolved), request.options, ctx);
  const template = request.options.package;
  const expanded = template === undefined ? undefined : expandPackagePath(template, pathValues(output.name, plan.model, plan.fileName));
  const target = outputPath(expanded, plan.fileName, plan.model.metadata);
  if (template !== undefined) checkExtension(target, output, request.options.force ?? false);
  checkWritable(target, request.options.force ?? false);
  if (request.options.lint !== false) {
    progress.step('checking', contentSize(plan.model));
    await lintBeforeWriting(plan.model, { format: output.lintFormat, buildRoots: from.buildRoots }, request, ctx);
  }
  progress.step(`writing ${basename(target)}`, contentSize(plan.model));
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
  if ((await statInput(first)).isDirectory()) return findInput('dir');
  const handle = await openInput(first);
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead === 0) throw new PkgError('input-invalid', `${first} is empty: it is not a package`);
    const found = inputPlugins.find((p) => p.sniff?.(head.subarray(0, bytesRead)));
    if (!found) throw new PkgError('usage', `cannot tell what kind of package ${first} is: give -s TYPE`);
    return found;
  } finally {
    await handle.close();
  }
}
