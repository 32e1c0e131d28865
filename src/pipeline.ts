// read → apply options → normalize → write (atomically).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostics } from './core/diagnostics.js';
import { PkgError, describeError } from './core/errors.js';
import type { PackageModel } from './core/model.js';
import { normalize, sourceDateEpoch } from './core/normalize.js';
import { applyMetadataOptions, markConfigFiles } from './metadata-options.js';
import { outputPath, writeAtomically } from './output-file.js';
import type { Context, InputPlugin, Options } from './plugin.js';
import { findInput, findOutput, inputs as inputPlugins } from './registry.js';

export interface ConvertRequest {
  source?: string;
  target: string;
  inputs: string[];
  options: Options & { package?: string; force?: boolean };
}

/** Runs `step` with a context whose temporary directory is removed afterwards, whatever happens. */
export async function withRunContext<T>(diag: Diagnostics, verbose: boolean, step: (ctx: Context) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pkgshift-'));
  let counter = 0;
  const ctx: Context = {
    diag, verbose, sourceDateEpoch: sourceDateEpoch(),
    tempPath: (name) => join(dir, `${counter++}-${name}`),
  };
  try {
    return await step(ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads the inputs into a normalized model, with the command line's metadata applied. */
export async function readPackage(source: string | undefined, inputs: string[], options: Options, ctx: Context): Promise<PackageModel> {
  const input = source ? findInput(source) : await sniffInput(inputs);
  const read = await input.read(inputs, options, ctx);
  const model = normalize(applyMetadataOptions(read, options, ctx.diag), { sourceDateEpoch: ctx.sourceDateEpoch });
  markConfigFiles(model, options.configFiles);
  return model;
}

/** Converts and returns the path written. */
export async function convert(request: ConvertRequest, ctx: Context): Promise<string> {
  const output = findOutput(request.target);
  const model = await readPackage(request.source, request.inputs, request.options, ctx);
  const target = outputPath(request.options.package, output.fileName(model, request.options));
  await writeAtomically(target, request.options.force ?? false, (out) => output.write(model, out, request.options, ctx));
  return target;
}

async function sniffInput(inputs: string[]): Promise<InputPlugin> {
  const first = inputs[0];
  if (!first) throw new PkgError('usage', 'no input given');
  if (first.includes('=') && !existsSync(first)) return findInput('dir'); // a SRC=DEST mapping
  let handle;
  try {
    handle = await open(first, 'r');
  } catch (err) {
    throw new PkgError('input-missing', `cannot open ${first}: ${describeError(err)}`, { cause: err });
  }
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
