// The architecture an ELF file was built for, from its first 20 bytes (e_ident + e_type +
// e_machine, see elf(5)), as a neutral (Debian) name. Inputs use it to tell a tarball of binaries
// from an architecture-independent one without asking the user.

/** Bytes needed from the start of a file. */
export const ELF_HEAD_BYTES = 20;

const EM_386 = 3, EM_MIPS = 8, EM_PPC64 = 21, EM_S390 = 22, EM_ARM = 40, EM_X86_64 = 62,
  EM_AARCH64 = 183, EM_RISCV = 243, EM_LOONGARCH = 258;

/** The neutral architecture of an ELF object, undefined when `head` is not ELF or the machine is unknown. */
export function elfArch(head: Uint8Array): string | undefined {
  if (head.length < ELF_HEAD_BYTES || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return undefined;
  const is64 = head[4] === 2;
  const little = head[5] === 1;
  const machine = little ? head[18]! | (head[19]! << 8) : (head[18]! << 8) | head[19]!;
  switch (machine) {
    case EM_X86_64: return is64 ? 'amd64' : undefined; // x32 has no package architecture here
    case EM_386: return 'i386';
    case EM_AARCH64: return 'arm64';
    case EM_ARM: return 'armhf'; // armel and armhf share e_machine; armhf is what is built today
    case EM_PPC64: return little ? 'ppc64el' : undefined;
    case EM_S390: return is64 ? 's390x' : undefined;
    case EM_RISCV: return is64 ? 'riscv64' : undefined;
    case EM_LOONGARCH: return 'loong64';
    case EM_MIPS: return is64 && little ? 'mips64el' : undefined;
    default: return undefined;
  }
}

/** Collects the ELF architectures seen, to decide a package's architecture once at the end. */
export class ArchVote {
  private readonly seen = new Map<string, string>();

  add(head: Uint8Array, member: string): void {
    const arch = elfArch(head);
    if (arch && !this.seen.has(arch)) this.seen.set(arch, member);
  }

  /** The architecture found, or undefined for none; the first of several (with the list, to warn). */
  result(): { arch?: string; conflicting: string[] } {
    const all = [...this.seen.entries()].map(([arch, member]) => `${arch} (${member})`);
    const first = this.seen.keys().next();
    return { arch: first.done ? undefined : first.value, conflicting: all.length > 1 ? all : [] };
  }
}
