// What an input or output plugin is. The registry (registry.ts) lists them; the CLI adds each
// plugin's own options (e.g. `--deb-compression`) and passes every option to every plugin, which
// reads what it uses and ignores the rest.
import type { Writable } from 'node:stream';
import type { Diagnostics } from './core/diagnostics.js';
import type { PackageModel } from './core/model.js';
import type { PkgError } from './core/errors.js';
import type { LintFormat, PackageFacts } from './lint/types.js';
import type { DependencyFamily } from './deps/families.js';

export interface OptionSpec {
  /** commander flags: `--deb-compression <kind>`. The value arrives camel-cased: `debCompression`. */
  flags: string;
  description: string;
  default?: string | boolean;
  /** Repeatable options collect into an array. */
  repeatable?: boolean;
  /** The values shell completion offers (the plugin itself checks the value). */
  choices?: readonly string[];
  /** What shell completion offers for the value: file or directory names. */
  value?: 'file' | 'dir';
}

/** The options every plugin may read; plugin options arrive beside them. */
export interface CommonOptions {
  name?: string;
  version?: string;
  iteration?: string;
  epoch?: string;
  bump?: string;
  architecture?: string;
  maintainer?: string;
  vendor?: string;
  url?: string;
  license?: string;
  description?: string;
  category?: string;
  depends?: string[];
  provides?: string[];
  conflicts?: string[];
  replaces?: string[];
  recommends?: string[];
  suggests?: string[];
  configFiles?: string[];
  /** false with --no-default-config-files. */
  defaultConfigFiles?: boolean;
  directories?: string[];
  beforeInstall?: string;
  afterInstall?: string;
  beforeRemove?: string;
  afterRemove?: string;
  /** false with --no-scripts. */
  scripts?: boolean;
  chdir?: string;
  prefix?: string;
  exclude?: string[];
  owner?: string;
  group?: string;
  compression?: string;
}

export type Options = CommonOptions & Record<string, unknown>;

export interface Context {
  diag: Diagnostics;
  sourceDateEpoch?: number;
  verbose: boolean;
  /** Compressed input may expand this many times (--max-expansion; formats/decode.ts). */
  maxExpansion?: number;
  /** A fresh path in this run's private temporary directory (removed when the run ends). */
  tempPath(name: string): string;
}

export interface InputPlugin {
  name: string;
  description: string;
  options?: OptionSpec[];
  /** Whose conventions `pkgshift lint` applies to a package this input reads. */
  lintFormat: LintFormat;
  /**
   * The distribution family whose package names the relations of a package it read use (deb, rpm);
   * none for dir, tar, npm. A package carrying the other format's metadata (--keep-foreign-metadata)
   * is of that format's family.
   */
  dependencyFamily?(pkg: PackageModel): DependencyFamily | undefined;
  /**
   * True for formats that say themselves which files are config files (deb conffiles, rpm %config).
   * For the others, files under /etc become config files (unless --no-default-config-files).
   */
  carriesConfigFlags?: boolean;
  /** True when the first bytes of a file are this input's format (for `-s` omitted). */
  sniff?(head: Uint8Array): boolean;
  read(inputs: string[], options: Options, ctx: Context): Promise<PackageModel>;
  /** The directories the package is built from, whose paths must not leak into its files (lint junk-build-path-leak). */
  buildRoots?(inputs: readonly string[], options: Options): string[];
  /** How a PATH given alone to `lint` or `info` is read, when not as a conversion input (a directory is the package root). */
  packageRoot?(path: string, options: Options): { inputs: string[]; options: Options };
  /** The package's metadata, relations and scripts, its files left unread (files: []): lint of an archive refused as unsafe. */
  readMetadata?(file: string, ctx: Context): Promise<PackageModel>;
  /** What only the package file carries, for lint (the deb's control archive). */
  packageFacts?(file: string, ctx: Context): Promise<PackageFacts>;
  /** The lint rule a refusal to read the file is, when it is a defect of this format's own (a deb whose md5sums do not match). */
  refusalRule?(err: PkgError): string | undefined;
}

/**
 * What an output decided, once, before a byte is written: the package as the format will carry it
 * (the model lint checks), the file name, and the format's own settings (compression, control fields,
 * header content …). Every conversion diagnostic is emitted while planning; writing only streams.
 */
export interface Plan<Settings = unknown> {
  /** The package as written: name, version, relations and scripts translated, defaults filled in. */
  model: PackageModel;
  /** The conventional file name, used when `-p` is absent or names a directory. */
  fileName: string;
  settings: Settings;
}

export interface OutputPlugin<Settings = unknown> {
  name: string;
  description: string;
  options?: OptionSpec[];
  /** The endings of this format's file names (`.deb`); `-p` with another package extension is refused without -f. */
  extensions: readonly string[];
  /** Whose conventions lint applies to the planned package. */
  lintFormat: LintFormat;
  /** The distribution family the package is for: its package names and computed dependencies (--deps). */
  dependencyFamily?: DependencyFamily;
  /**
   * Translates the model and settles everything the write needs; throws on what the format cannot carry.
   * Asynchronous so that a plan may read file content (generated dependencies, digests).
   */
  plan(pkg: PackageModel, options: Options, ctx: Context): Promise<Plan<Settings>>;
  /** Streams the planned package to `out`; the pipeline owns the file, its temporary name and the rename. */
  write(plan: Plan<Settings>, out: Writable, ctx: Context): Promise<void>;
}
