// What a repository holds, format-neutral: one entry per package file in one place (apt: a dist and
// component; rpm-md: the repository itself). The index file keeps these, so adding a package never
// reads the packages already there.

export interface RepoEntry {
  name: string;
  /** As the format prints it: deb `[epoch:]upstream[-revision]`, rpm `[epoch:]version-release`. */
  version: string;
  /** As the format names it: amd64/all, x86_64/noarch. */
  arch: string;
  /** apt: `dist/component`; rpm-md: empty. */
  scope: string;
  /** Path of the package file inside the repository, '/'-separated. */
  path: string;
  size: number;
  sha256: string;
  /** The package's index text, rendered once when it was added (apt: its Packages stanza; rpm-md: XML). */
  index: Record<string, string>;
}

export function entryLabel(entry: Pick<RepoEntry, 'name' | 'version' | 'arch'>): string {
  return `${entry.name}=${entry.version} (${entry.arch})`;
}

export function sameIdentity(a: RepoEntry, b: RepoEntry): boolean {
  return a.scope === b.scope && a.name === b.name && a.version === b.version && a.arch === b.arch;
}
