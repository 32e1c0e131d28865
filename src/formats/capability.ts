// File capabilities (capabilities(7)), in the two forms packages carry them: the text rpm's FILECAPS
// holds (`cap_net_raw=ep`, as libcap's cap_to_text prints it) and the binary `security.capability`
// extended attribute a tar stores in a `SCHILY.xattr.security.capability` PAX record (vfs_cap_data:
// le32 magic_etc — revision 2 `0x02000000` or 3 `0x03000000`, bit 0 "effective" — then permitted and
// inheritable as two le32 words each, low word first; revision 3 adds a le32 root uid).

/** Capability numbers, from linux/capability.h. */
const NAMES = [
  'chown', 'dac_override', 'dac_read_search', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap',
  'linux_immutable', 'net_bind_service', 'net_broadcast', 'net_admin', 'net_raw', 'ipc_lock', 'ipc_owner',
  'sys_module', 'sys_rawio', 'sys_chroot', 'sys_ptrace', 'sys_pacct', 'sys_admin', 'sys_boot', 'sys_nice',
  'sys_resource', 'sys_time', 'sys_tty_config', 'mknod', 'lease', 'audit_write', 'audit_control', 'setfcap',
  'mac_override', 'mac_admin', 'syslog', 'wake_alarm', 'block_suspend', 'audit_read', 'perfmon', 'bpf',
  'checkpoint_restore',
].map((n) => `cap_${n}`);

const REVISION_2 = 0x02000000;
const REVISION_3 = 0x03000000;
const EFFECTIVE = 0x1;

interface CapSets {
  permitted: bigint;
  inheritable: bigint;
  effective: boolean;
}

/** `cap_a,cap_b=ep cap_c+i` → the sets; throws an Error naming what it cannot read. */
function parseText(text: string): CapSets {
  const sets: CapSets = { permitted: 0n, inheritable: 0n, effective: false };
  for (const clause of text.trim().split(/\s+/)) {
    const m = /^([a-z_0-9,]*)([=+-])([eip]*)$/i.exec(clause);
    if (!m) throw new Error(`cannot read the capability clause '${clause}'`);
    const [, names = '', op, flags = ''] = m;
    let bits = 0n;
    for (const name of names.toLowerCase().split(',').filter(Boolean)) {
      if (name === 'all') bits |= (1n << BigInt(NAMES.length)) - 1n;
      else {
        const i = NAMES.indexOf(name);
        if (i < 0) throw new Error(`unknown capability '${name}'`);
        bits |= 1n << BigInt(i);
      }
    }
    if (names === '' && op === '=') bits = (1n << BigInt(NAMES.length)) - 1n; // `=ep` means all
    const apply = (set: bigint, on: boolean) => (op === '-' ? (on ? set & ~bits : set) : op === '=' ? (on ? set | bits : set & ~bits) : on ? set | bits : set);
    sets.permitted = apply(sets.permitted, flags.includes('p'));
    sets.inheritable = apply(sets.inheritable, flags.includes('i'));
    if (flags.includes('e')) sets.effective = op !== '-';
  }
  return sets;
}

/** The text form of capability sets, as libcap's cap_to_text groups them (`cap_net_admin,cap_net_raw=ep`). */
function toText({ permitted, inheritable, effective }: CapSets): string {
  const groups = new Map<string, string[]>();
  NAMES.forEach((name, i) => {
    const bit = 1n << BigInt(i);
    const flags = `${effective && permitted & bit ? 'e' : ''}${inheritable & bit ? 'i' : ''}${permitted & bit ? 'p' : ''}`;
    if (flags) groups.set(flags, [...(groups.get(flags) ?? []), name]);
  });
  return [...groups].map(([flags, names]) => `${names.join(',')}=${flags}`).join(' ');
}

/** The `security.capability` xattr value (revision 2) for a capability text. */
export function capabilityXattr(text: string): Buffer {
  const sets = parseText(text);
  const out = Buffer.alloc(20);
  out.writeUInt32LE(REVISION_2 | (sets.effective ? EFFECTIVE : 0), 0);
  out.writeUInt32LE(Number(sets.permitted & 0xffffffffn), 4);
  out.writeUInt32LE(Number(sets.inheritable & 0xffffffffn), 8);
  out.writeUInt32LE(Number(sets.permitted >> 32n), 12);
  out.writeUInt32LE(Number(sets.inheritable >> 32n), 16);
  return out;
}

/** The capability text of a `security.capability` xattr value; throws an Error when it is not one. */
export function capabilityText(xattr: Uint8Array): string {
  const bytes = Buffer.from(xattr);
  if (bytes.length < 20) throw new Error(`a security.capability value of ${bytes.length} bytes is too short`);
  const magic = bytes.readUInt32LE(0);
  const revision = magic & 0xff000000;
  if (revision !== REVISION_2 && revision !== REVISION_3) throw new Error(`unknown security.capability revision 0x${revision.toString(16)}`);
  const word = (at: number) => BigInt(bytes.readUInt32LE(at));
  return toText({
    effective: (magic & EFFECTIVE) !== 0,
    permitted: word(4) | (word(12) << 32n),
    inheritable: word(8) | (word(16) << 32n),
  });
}

/** A capability text in libcap's canonical form (what rpm and getcap print); throws an Error when unreadable. */
export function canonicalCapabilities(text: string): string {
  return toText(parseText(text));
}
