// The format-neutral package model every input reads into and every output writes from.
// Owners and modes live here, never on a staging disk (docs/ARCHITECTURE.md).

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | DeviceType | 'fifo';

/** Device nodes: a character or block special file standing for device `major:minor`. */
export type DeviceType = 'char-device' | 'block-device';

/** Devices and FIFOs: entries with neither content nor target (every output writes them as nodes). */
export function isSpecial(type: EntryType): type is DeviceType | 'fifo' {
  return type === 'char-device' || type === 'block-device' || type === 'fifo';
}

export type FileFlag = 'config' | 'noreplace' | 'missingok' | 'doc' | 'license' | 'ghost';

/** Content up to this size may be read whole, synchronously (ContentSource.readWhole). */
export const SMALL_CONTENT = 64 * 1024;

/** Re-openable content: each open() streams the bytes from the start; nothing is held in memory. */
export interface ContentSource {
  size: number;
  open(): AsyncIterable<Uint8Array>;
  /**
   * The whole content in one synchronous read, offered only by small sources (at most SMALL_CONTENT bytes):
   * for a package of many small files, a promise per chunk costs more than the read itself.
   */
  readWhole?(): Uint8Array;
  /** Where the bytes come from, for error messages ("build/bin/tool", "data.tar.xz in foo.deb"). */
  describe: string;
}

export interface FileEntry {
  /** Canonical absolute POSIX path ("/usr/bin/foo"), no trailing slash except "/" itself. */
  path: string;
  type: EntryType;
  /** Permission bits incl. setuid/setgid/sticky (0o7777); the type lives in `type`. */
  mode: number;
  uid: number;
  gid: number;
  user: string;
  group: string;
  /** Seconds since the epoch. */
  mtime: number;
  /** Bytes of content for files; 0 for everything else. */
  size: number;
  /** Symlink target verbatim, or for a hardlink the path of the file holding the content. */
  target?: string;
  /** Files only. */
  source?: ContentSource;
  flags?: Set<FileFlag>;
  /** File capabilities (security.capability, rpm FILECAPS) as libcap prints them: `cap_net_raw=ep`. */
  capabilities?: string;
  /** Character and block devices only: the device number the node stands for. */
  device?: { major: number; minor: number };
  /** Added by normalize because a child needed it; no input named it (rpm does not own such dirs). */
  implicit?: boolean;
}

export type RelationOp = '<<' | '<=' | '=' | '>=' | '>>';

export interface Relation {
  name: string;
  op?: RelationOp;
  version?: string;
  /** Architecture qualifier as written in deb syntax (`foo:any`). */
  arch?: string;
  /** Further alternatives: `name | alternatives[0] | …` (deb `|`, rpm `(a or b)`). */
  alternatives?: Relation[];
}

export type RelationKind =
  | 'depends' | 'preDepends' | 'recommends' | 'suggests' | 'enhances' | 'supplements'
  | 'conflicts' | 'breaks' | 'provides' | 'replaces' | 'obsoletes';

export const RELATION_KINDS: readonly RelationKind[] = [
  'depends', 'preDepends', 'recommends', 'suggests', 'enhances', 'supplements',
  'conflicts', 'breaks', 'provides', 'replaces', 'obsoletes',
];

export interface Version {
  epoch?: number;
  upstream: string;
  /** deb revision / rpm release / fpm iteration. */
  release?: string;
}

export interface ChangelogEntry {
  /** The version the entry describes, as written (`1.2-1`). */
  version: string;
  /** Seconds since the epoch. */
  date: number;
  /** `Name <email>`. */
  author: string;
  /** One text per change, without its bullet; continuation lines joined with '\n'. */
  changes: string[];
  /** deb only: target distribution(s) and urgency (`unstable`, `medium` when absent). */
  distribution?: string;
  urgency?: string;
}

export interface Metadata {
  name: string;
  version: Version;
  /** Neutral architecture name (see core/arch.ts): `all`, `amd64`, `arm64`, … */
  arch: string;
  summary: string;
  /** Extended description, without the summary line. */
  description: string;
  maintainer?: string;
  vendor?: string;
  homepage?: string;
  license?: string;
  section?: string;
  relations: Partial<Record<RelationKind, Relation[]>>;
  /** Release history, newest first (deb changelog.Debian.gz, rpm %changelog). */
  changelog?: ChangelogEntry[];
  /** What has no neutral meaning, per format: extras.deb["Multi-Arch"], extras.rpm["Group"]. */
  extras: Record<string, Record<string, string>>;
}

export type ScriptPhase =
  | 'preInstall' | 'postInstall' | 'preRemove' | 'postRemove'
  | 'preTransaction' | 'postTransaction' | 'verify';

export const SCRIPT_PHASES: readonly ScriptPhase[] = [
  'preInstall', 'postInstall', 'preRemove', 'postRemove', 'preTransaction', 'postTransaction', 'verify',
];

export interface Script {
  phase: ScriptPhase;
  /** `/bin/sh`, `/usr/bin/perl`, `<lua>` … */
  interpreter: string;
  /** The script text, including its `#!` line when it has one. */
  body: string;
  /** Whose argument convention the body assumes: deb verbs, rpm `$1` counts, or none (fpm-style input). */
  convention: 'deb' | 'rpm' | 'neutral';
}

export interface PackageModel {
  metadata: Metadata;
  files: FileEntry[];
  scripts: Script[];
}

export function emptyMetadata(): Metadata {
  return {
    name: '', version: { upstream: '' }, arch: 'all', summary: '', description: '',
    relations: {}, extras: {},
  };
}
