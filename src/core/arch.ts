// Architecture names (docs/FORMATS.md §B6). The neutral name of an architecture is its Debian name;
// each row lists the rpm name and the other spellings accepted on input.
import type { Diagnostics } from './diagnostics.js';

interface ArchRow {
  neutral: string;
  rpm: string;
  aliases: string[];
  /** Node's process.arch for the machine, for `native`. */
  node?: string;
}

const ARCHES: readonly ArchRow[] = [
  { neutral: 'all', rpm: 'noarch', aliases: ['any-arch', 'independent'] },
  { neutral: 'amd64', rpm: 'x86_64', aliases: ['x64', 'em64t', 'x86-64'], node: 'x64' },
  { neutral: 'i386', rpm: 'i686', aliases: ['i486', 'i586', 'ia32', 'x86', '386'], node: 'ia32' },
  { neutral: 'arm64', rpm: 'aarch64', aliases: [], node: 'arm64' },
  { neutral: 'armhf', rpm: 'armv7hl', aliases: ['armv7l', 'arm7'], node: 'arm' },
  { neutral: 'armel', rpm: 'armv5tel', aliases: ['armv6l', 'armv6hl', 'arm5', 'arm6'] },
  { neutral: 'ppc64el', rpm: 'ppc64le', aliases: [], node: 'ppc64' },
  { neutral: 's390x', rpm: 's390x', aliases: ['s390'], node: 's390x' },
  { neutral: 'riscv64', rpm: 'riscv64', aliases: [], node: 'riscv64' },
  { neutral: 'mips64el', rpm: 'mips64el', aliases: ['mips64le'], node: 'mips64el' },
  { neutral: 'loong64', rpm: 'loongarch64', aliases: [], node: 'loong64' },
];

function rowFor(name: string): ArchRow | undefined {
  const lower = name.toLowerCase();
  return ARCHES.find((row) => row.neutral === lower || row.rpm === lower || row.aliases.includes(lower));
}

/** The neutral name for `native`, `all`, or a name of either family; unknown names pass through with a warning. */
export function neutralArch(name: string, diag?: Diagnostics): string {
  if (name === 'native') return nativeArch();
  const row = rowFor(name);
  if (row) return row.neutral;
  diag?.warn('arch-unknown', `architecture '${name}' is not one pkgshift knows; it is written as given`);
  return name;
}

export function nativeArch(): string {
  return ARCHES.find((row) => row.node === process.arch)?.neutral ?? process.arch;
}

export function debArch(neutral: string): string {
  return rowFor(neutral)?.neutral ?? neutral;
}

export function rpmArch(neutral: string): string {
  return rowFor(neutral)?.rpm ?? neutral;
}
