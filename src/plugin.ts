// What an input or output plugin is. The registry (registry.ts) lists them; the CLI adds each
// plugin's own options (e.g. `--deb-compression`) and passes every option to every plugin, which
// reads what it uses and ignores the rest.
import type { Writable } from 'node:stream';
import type { Diagnostics } from './core/diagnostics.js';
import type { PackageModel } from './core/model.js';

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
  /** A fresh path in this run's private temporary directory (removed when the run ends). */
  tempPath(name: string): string;
}

export interface InputPlugin {
  name: string;
  description: string;
  options?: OptionSpec[];
  /**
   * True for formats that say themselves which files are config files (deb conffiles, rpm %config).
   * For the others, files under /etc become config files (unless --no-default-config-files).
   */
  carriesConfigFlags?: boolean;
  /** True when the first bytes of a file are this input's format (for `-s` omitted). */
  sniff?(head: Uint8Array): boolean;
  read(inputs: string[], options: Options, ctx: Context): Promise<PackageModel>;
}

export interface OutputPlugin {
  name: string;
  description: string;
  options?: OptionSpec[];
  /** The endings of this format's file names (`.deb`); `-p` with another package extension is refused without -f. */
  extensions: readonly string[];
  /** The conventional file name, used when `-p` is absent or names a directory. */
  fileName(pkg: PackageModel, options: Options): string;
  /**
   * The model as this format will carry it (versions, relations and scripts translated, defaults filled
   * in), so that lint checks what is written. write() accepts either model: translation is idempotent.
   */
  prepare?(pkg: PackageModel, options: Options, ctx: Context): PackageModel;
  /** Streams the package to `out`; the pipeline owns the file, its temporary name and the rename. */
  write(pkg: PackageModel, out: Writable, options: Options, ctx: Context): Promise<void>;
}
