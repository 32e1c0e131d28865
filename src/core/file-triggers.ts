// Triggers: scripts a package runs when another package's files under a path come or go (docs/FORMATS.md
// §B7.4). rpm has them as scriptlets of their own (%filetriggerin -- /path …, kept in extras.rpm as JSON,
// as are its package triggers, %triggerin -- glibc); dpkg as `interest /path` lines in the `triggers`
// control file, which make dpkg call the package's postinst with `triggered "/path …"`.
import { RICH_OPERATOR, type FileTriggerWhen, type Operator } from '../formats/rpm/vocabulary.js';
import type { Metadata } from './model.js';

/** An rpm file trigger scriptlet. */
export interface FileTrigger {
  /** %transfiletrigger… (once per transaction) rather than %filetrigger… (once per package with matching files). */
  transaction: boolean;
  when: FileTriggerWhen;
  /** Path prefixes it watches. */
  paths: string[];
  /** rpm's `-P`: higher runs first. */
  priority: number;
  interpreter: string;
  body: string;
}

const EXTRA = 'FileTriggers';

/** The spec-file spelling, for messages and labels: `%transfiletriggerin -P 1000000 -- /usr/share/foo`. */
export function fileTriggerLabel(trigger: Pick<FileTrigger, 'transaction' | 'when' | 'paths'> & { priority?: number }): string {
  const priority = trigger.priority === undefined ? '' : ` -P ${trigger.priority}`;
  return `%${trigger.transaction ? 'trans' : ''}filetrigger${trigger.when}${priority} -- ${trigger.paths.join(' ')}`;
}

const LABEL = /^%(trans)?filetrigger(in|un|postun) -P (-?\d+) -- (\/.*)$/;

export function parseFileTriggerLabel(label: string): Omit<FileTrigger, 'interpreter' | 'body'> | undefined {
  const m = LABEL.exec(label);
  if (!m) return undefined;
  return { transaction: m[1] !== undefined, when: m[2] as FileTriggerWhen, priority: Number(m[3]), paths: m[4]!.split(' ') };
}

/** The rpm file triggers a package carries (read from an rpm, or translated for one). */
export function rpmFileTriggers(metadata: Metadata): FileTrigger[] {
  const text = metadata.extras.rpm?.[EXTRA];
  return text ? (JSON.parse(text) as FileTrigger[]) : [];
}

/** `extras.rpm` with the file triggers set (none: removed). */
export function withRpmFileTriggers(extras: Record<string, string> | undefined, triggers: readonly FileTrigger[]): Record<string, string> {
  const { [EXTRA]: _old, ...rest } = extras ?? {};
  return triggers.length ? { ...rest, [EXTRA]: JSON.stringify(triggers) } : rest;
}

/** An rpm package trigger (`%triggerin -- glibc >= 2.3`): one per package name it watches. */
export interface PackageTrigger {
  /** triggerin / triggerun / triggerpostun / triggerprein. */
  type: string;
  name: string;
  op?: string;
  version?: string;
  interpreter: string;
  body: string;
}

export function rpmPackageTriggers(metadata: Metadata): PackageTrigger[] {
  const text = metadata.extras.rpm?.Triggers;
  return text ? (JSON.parse(text) as PackageTrigger[]) : [];
}

/** The spec-file spelling: `%triggerin -- glibc >= 2.3`. */
export function packageTriggerLabel(trigger: PackageTrigger): string {
  return `%${trigger.type} -- ${trigger.name}${trigger.op ? ` ${RICH_OPERATOR[trigger.op as Operator]} ${trigger.version}` : ''}`;
}

/** A line of a deb `triggers` control file (deb-triggers(5)): `interest-noawait /usr/share/foo`. */
export interface DebTriggerLine {
  directive: string;
  name: string;
}

export function debTriggerLines(text: string | undefined): DebTriggerLine[] {
  const lines: DebTriggerLine[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const [directive, name] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (directive && name) lines.push({ directive, name });
  }
  return lines;
}

const INTEREST = /^interest(?:-await|-noawait)?$/;

/**
 * dpkg's `ldconfig` trigger: every package shipping public shared libraries activates it (dh_makeshlibs
 * writes `activate-noawait ldconfig`), and libc-bin, interested in it, runs ldconfig. rpm distributions
 * watch the library directories instead (Fedora's glibc: `%transfiletriggerin -- /lib /usr/lib /lib64 /usr/lib64`).
 */
export const LDCONFIG_TRIGGER = 'ldconfig';
const LIBRARY_DIRS = ['/lib', '/usr/lib', '/lib64', '/usr/lib64'];

/** The paths an rpm file trigger watches for a deb `interest` line: its path, or the library directories for `ldconfig`. */
export function watchedPaths(line: DebTriggerLine): string[] | undefined {
  if (!INTEREST.test(line.directive)) return undefined;
  if (line.name === LDCONFIG_TRIGGER) return LIBRARY_DIRS;
  return line.name.startsWith('/') && isPlainPath(line.name) ? [line.name] : undefined;
}

/** A path a shell script can name unquoted and dpkg accepts as a trigger name (no blanks, no quoting). */
export function isPlainPath(path: string): boolean {
  return /^\/[A-Za-z0-9._+@%,:\/-]*$/.test(path);
}
