// Lints one package file or directory: read through the registry's input plugins (sniffed as the
// pipeline does), plus what only the file carries (the plugin's package facts, e.g. the deb control
// archive). A reader's refusal of a hostile member is itself a finding (path-unsafe-member), beside
// every finding the package's metadata still allows; a refusal the plugin names a rule for (a deb
// whose md5sums do not match) is that rule's finding.
import { basename } from 'node:path';
import { Diagnostics } from '../core/diagnostics.js';
import { PkgError, describeError } from '../core/errors.js';
import type { Context, Options } from '../plugin.js';
import { chooseInput, readPackage } from '../pipeline.js';
import { RULES, isPrivateRoot, lintModel, type LintFormat } from '../lint/index.js';
import { suppresses, type Override } from '../lint/overrides.js';
import type { PackageReport } from '../lint/report.js';
import { finding, type PackageFacts } from '../lint/types.js';

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
  const input = await chooseInput(options.inputType, [file]);
  const format = options.as ?? input.lintFormat;
  const given = { inputs: [file], options: { ...options.inputOptions } };
  const { inputs, options: inputOptions } = input.packageRoot?.(file, given.options) ?? given;
  const refused = (id: string, message: string): PackageReport => {
    const f = finding(rule(id), message, undefined, 'error');
    const suppressed = (options.overrides ?? []).map((o) => suppresses(o, f)).some(Boolean);
    return { file, package: basename(file), format, findings: suppressed ? [] : [f], suppressed: suppressed ? 1 : 0 };
  };
  let model;
  let unsafe: string | undefined;
  try {
    model = await readPackage(input, inputs, inputOptions, ctx);
  } catch (err) {
    if (!(err instanceof PkgError)) throw err;
    if (!UNSAFE_CODES.has(err.code)) {
      const own = input.refusalRule?.(err);
      if (own) return refused(own, err.message);
      throw err;
    }
    unsafe = `the reader refused the archive: ${err.message}`;
    // Its metadata is still judged; the failed read has already said what reading it says.
    model = await input.readMetadata?.(file, { ...ctx, diag: new Diagnostics() }).catch(() => undefined);
    if (!model) return refused('path-unsafe-member', unsafe);
  }
  const facts: PackageFacts = input.packageFacts ? await input.packageFacts(file, ctx).catch((err: unknown) => {
    ctx.diag.warn('lint-control', `lint: cannot read the control archive of ${file}: ${describeError(err)}`);
    return {};
  }) : {};
  const buildRoots = (input.buildRoots?.(inputs, inputOptions) ?? []).filter(isPrivateRoot);
  const result = await lintModel(model, {
    format, buildRoots, ...facts,
    ...(unsafe ? { unsafe: [unsafe], metadataOnly: true } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(inputOptions.architecture ? { declaredArch: model.metadata.arch } : {}),
    ...(ctx.sourceDateEpoch !== undefined ? { sourceDateEpoch: ctx.sourceDateEpoch } : {}),
  });
  return { file, package: model.metadata.name, format, ...result };
}
