// Lint vocabulary (docs/LINT.md §8.1): findings, rules, and what a rule may look at besides the model.
import type { Diagnostic, MetadataField, Severity } from '../core/diagnostics.js';
import type { FileEntry, PackageModel } from '../core/model.js';
import type { ElfInfo } from '../formats/elf.js';

export type { Severity } from '../core/diagnostics.js';

/** The format whose conventions apply: a package file's own, or the conversion target's. */
export type LintFormat = 'deb' | 'rpm' | 'tar';

/** A lint finding: a diagnostic that always says how to fix it. */
export interface Finding extends Diagnostic {
  hint: string;
  /**
   * About how the package was built (stripping, debug info, rpmbuild's file modes), not about what it
   * installs: a conversion repackages binaries as they are, so it does not show these.
   */
  build?: true;
}

/** The catalogue entry of a rule: stable id, default severity, where it applies, how to fix it. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  formats: readonly LintFormat[];
  /** One line for the README and `--help`. */
  summary: string;
  hint: string;
  /** The rule reads file content (ELF headers, shebangs, text); it runs after the content pass. */
  content?: boolean;
  /**
   * The rule reads only metadata, relations, scripts and the package file's own facts, never the file
   * list: it still runs when the reader refused the archive as unsafe and its files are unknown.
   */
  metadataOnly?: true;
  /** The lintian tags that report the same defect: a package's own lintian overrides of them apply. */
  lintian?: readonly string[];
  /** The rpmlint checks that report the same defect, for the catalogue. */
  rpmlint?: readonly string[];
  /** Why, and the Debian Policy section / Fedora guideline it follows (`pkgshift lint --explain ID`). */
  why?: string;
}

export interface Rule extends RuleInfo {
  check(model: PackageModel, format: LintFormat, ctx: LintContext): Finding[];
}

/** What the content pass learned about one regular file (docs/LINT.md §8.2). */
export interface ContentFacts {
  kind: 'elf' | 'script' | 'text' | 'static-lib' | 'binary' | 'empty';
  /** The `#!` line without the `#!`, CR kept so CRLF can be reported. */
  shebang?: string;
  elf?: ElfInfo;
  /** An ELF that claims to be one but could not be parsed. */
  elfError?: string;
  /** Names of secret kinds found in the text ("RSA private key", "npm token"). */
  secrets?: string[];
  /** The first build-root string found in the text. */
  buildPath?: string;
  /** Content hash, only for files whose size collides with another file's. */
  sha256?: string;
}

/** Facts only the package file carries: the deb control archive (docs/LINT.md §3.11, §3.9, §3.10). */
export interface DebControlFacts {
  members: { name: string; type: string; mode: number; uid: number; gid: number }[];
  md5sums?: Map<string, string>;
  /** Raw md5sums lines that could not be parsed. */
  md5sumsBad?: string[];
  conffiles?: string[];
  /** The ar members of the .deb, in order (debian-binary, control.tar*, data.tar*). */
  archive: string[];
}

/** Facts a package file carries besides its model, from its input plugin. */
export interface PackageFacts {
  deb?: DebControlFacts;
}

export interface LintContext {
  format: LintFormat;
  byPath: Map<string, FileEntry>;
  /** Filled by the content pass before content rules run. */
  content: Map<string, ContentFacts>;
  deb?: DebControlFacts;
  /** Messages of unsafe members the reader refused (path-unsafe-member). */
  unsafe: string[];
  /** Absolute build/staging paths that must not leak into the package. */
  buildRoots: string[];
  /** The architecture the user declared on the command line, for tar (arch-elf-mismatch). */
  declaredArch?: string;
  sourceDateEpoch?: number;
  /** Seconds; the moment the lint runs (future timestamps). */
  now: number;
}

export function finding(rule: RuleInfo, message: string, path?: string, severity: Severity = rule.severity): Finding {
  return path === undefined
    ? { id: rule.id, severity, message, hint: rule.hint }
    : { id: rule.id, severity, path, message, hint: rule.hint };
}

/** A finding about the build of the package (see Finding.build). */
export function buildFinding(rule: RuleInfo, message: string, path?: string, severity: Severity = rule.severity): Finding {
  return { ...finding(rule, message, path, severity), build: true };
}

/** A finding about a metadata field (see Diagnostic.field). */
export function fieldFinding(rule: RuleInfo, field: MetadataField, message: string, severity: Severity = rule.severity): Finding {
  return { ...finding(rule, message, undefined, severity), field };
}

export const ALL: readonly LintFormat[] = ['deb', 'rpm', 'tar'];
export const DEB_RPM: readonly LintFormat[] = ['deb', 'rpm'];
