// Lints one package file or directory: read through the registry's input plugins (sniffed as the
// pipeline does), plus the deb control archive for the deb-only rules. A reader's refusal of a hostile
// member is itself a finding (path-unsafe-member), as is a deb whose md5sums do not match.
import { basename, resolve } from 'node:path';
import { PkgError, describeError } from '../core/errors.js';
import type { Context, Options } from '../plugin.js';
import { packageRoot, readPackage, sniffInput } from '../pipeline.js';
import { findInput } from '../registry.js';
import { readDebControl } from './deb-control.js';
import { RULES, isPrivateRoot, lintFormatFor, lintModel, type LintFormat } from './index.js';
import type { Override } from './overrides.js';
import type { PackageReport } from './report.js';
import { finding } from './types.js';

export interface LintFileOptions {
  inputType?: string;
  /** Lint with another format's conventions (the conversion target), instead of the input's own. */
  as?: LintFormat;
  overrides?: readonly Override[];
  /** Options handed to the input (name, architecture, chdir …). */
  inputOptions?: Options;
}

const UNSAFE_CODES = new Set(['input-unsafe', 'path-duplicate', 'path-invalid']);

function rule(id: string) {
  return RULES.find((r) => r.id === id)!;
}

export async function lintFile(file: string, options: LintFileOptions, ctx: Context): Promise<PackageReport> {
  const input = options.inputType ? findInput(options.inputType) : await sniffInput([file]);
  const format = options.as ?? lintFormatFor(input.name);
  const isRootDir = input.name === 'dir' && !file.includes('=');
  const root = isRootDir ? packageRoot(file, options.inputOptions ?? {}) : { input: file, options: { ...options.inputOptions } };
  const inputOptions = root.options;
  if (input.name === 'dir' && !inputOptions.name) inputOptions.name = basename(resolve(inputOptions.chdir ?? '.', file)).toLowerCase();
  const refused = (id: string, message: string): PackageReport => {
    const f = finding(rule(id), message, undefined, 'error');
    const suppressed = (options.overrides ?? []).some((o) => o.id.test(id) && !o.path);
    return { file, package: basename(file), format, findings: suppressed ? [] : [f], suppressed: suppressed ? 1 : 0 };
  };
  let model;
  try {
    model = await readPackage(input.name, [root.input], inputOptions, ctx);
  } catch (err) {
    if (err instanceof PkgError && UNSAFE_CODES.has(err.code)) return refused('path-unsafe-member', `the reader refused the archive: ${err.message}`);
    if (err instanceof PkgError && input.name === 'deb' && /md5sum/.test(err.message)) return refused('pkg-deb-md5sums', err.message);
    throw err;
  }
  const deb = input.name === 'deb' ? await readDebControl(file).catch((err: unknown) => {
    ctx.diag.warn('lint-control', `lint: cannot read the control archive of ${file}: ${describeError(err)}`);
    return undefined;
  }) : undefined;
  const buildRoots = input.name === 'dir' ? [isRootDir ? inputOptions.chdir! : resolve(inputOptions.chdir ?? '.', file)].filter(isPrivateRoot) : [];
  const result = await lintModel(model, {
    format, buildRoots,
    ...(deb ? { deb } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(inputOptions.architecture ? { declaredArch: model.metadata.arch } : {}),
    ...(ctx.sourceDateEpoch !== undefined ? { sourceDateEpoch: ctx.sourceDateEpoch } : {}),
  });
  return { file, package: model.metadata.name, format, ...result };
}
