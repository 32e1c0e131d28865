// Fixtures for the lint tests: a well-made package model (which must lint clean in every format),
// and a tiny synthetic ELF64 writer for header cases no system binary has.
import { nativeArch } from '../../src/core/arch.js';
import { emptyMetadata, type FileEntry, type PackageModel } from '../../src/core/model.js';
import { bufferSource } from '../../src/core/source.js';
import type { DebControlFacts, LintFormat } from '../../src/lint/types.js';

export const MTIME = 1_700_000_000;

export function entry(path: string, type: FileEntry['type'], extra: Partial<FileEntry> = {}): FileEntry {
  return {
    path, type, mode: type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644,
    uid: 0, gid: 0, user: 'root', group: 'root', mtime: MTIME, size: 0, ...extra,
  };
}

export function file(path: string, content: string | Uint8Array, extra: Partial<FileEntry> = {}): FileEntry {
  const source = bufferSource(content, path);
  return entry(path, 'file', { size: source.size, source, ...extra });
}

export function dirs(...paths: string[]): FileEntry[] {
  return paths.map((p) => entry(p, 'dir'));
}

export interface ElfSpec {
  machine?: number;
  type?: number;
  interp?: string;
  rpath?: string;
  runpath?: string;
  symtab?: boolean;
  debug?: boolean;
  needed?: string[];
  soname?: string;
}

/** A minimal little-endian ELF64 with PT_LOAD/PT_INTERP/PT_DYNAMIC and named sections. */
export function makeElf(spec: ElfSpec = {}): Buffer {
  const strings: string[] = [];
  const dynstr = ['\0'];
  const addDyn = (s: string) => { const at = dynstr.join('').length; dynstr.push(s + '\0'); return at; };
  const dynEntries: [number, number][] = [];
  for (const lib of spec.needed ?? []) dynEntries.push([1, addDyn(lib)]);
  if (spec.soname !== undefined) dynEntries.push([14, addDyn(spec.soname)]);
  if (spec.rpath !== undefined) dynEntries.push([15, addDyn(spec.rpath)]);
  if (spec.runpath !== undefined) dynEntries.push([29, addDyn(spec.runpath)]);
  const dynstrBytes = Buffer.from(dynstr.join(''), 'latin1');
  const interp = Buffer.from((spec.interp ?? '/lib64/ld-linux-x86-64.so.2') + '\0', 'latin1');
  const sectionNames = ['', '.shstrtab', '.dynstr', '.text', ...(spec.symtab ? ['.symtab'] : []), ...(spec.debug ? ['.debug_info'] : [])];
  const shstr = Buffer.from(sectionNames.map((n) => n + '\0').join(''), 'latin1');
  strings.push(...sectionNames);
  const phnum = 3;
  const phoff = 64;
  const interpOff = phoff + phnum * 56;
  const dynstrOff = interpOff + interp.length;
  const dynOff = Math.ceil((dynstrOff + dynstrBytes.length) / 8) * 8;
  const dyn: [number, number][] = [[5, dynstrOff], [10, dynstrBytes.length], ...dynEntries, [0, 0]];
  const shstrOff = dynOff + dyn.length * 16;
  const shoff = Math.ceil((shstrOff + shstr.length) / 8) * 8;
  const shnum = sectionNames.length;
  const total = shoff + shnum * 64;
  const b = Buffer.alloc(total);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; b[5] = 1; b[6] = 1;
  b.writeUInt16LE(spec.type ?? 3, 16);
  b.writeUInt16LE(spec.machine ?? 62, 18);
  b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(BigInt(phoff), 32);
  b.writeBigUInt64LE(BigInt(shoff), 40);
  b.writeUInt16LE(64, 52); b.writeUInt16LE(56, 54); b.writeUInt16LE(phnum, 56);
  b.writeUInt16LE(64, 58); b.writeUInt16LE(shnum, 60); b.writeUInt16LE(1, 62);
  const ph = (i: number, type: number, off: number, size: number) => {
    const at = phoff + i * 56;
    b.writeUInt32LE(type, at);
    b.writeBigUInt64LE(BigInt(off), at + 8);
    b.writeBigUInt64LE(BigInt(off), at + 16);
    b.writeBigUInt64LE(BigInt(size), at + 32);
  };
  ph(0, 1, 0, total); ph(1, 3, interpOff, interp.length); ph(2, 2, dynOff, dyn.length * 16);
  interp.copy(b, interpOff);
  dynstrBytes.copy(b, dynstrOff);
  dyn.forEach(([tag, value], i) => { b.writeBigUInt64LE(BigInt(tag), dynOff + i * 16); b.writeBigUInt64LE(BigInt(value), dynOff + i * 16 + 8); });
  shstr.copy(b, shstrOff);
  let nameAt = 0;
  sectionNames.forEach((name, i) => {
    const at = shoff + i * 64;
    b.writeUInt32LE(nameAt, at);
    nameAt += name.length + 1;
    if (i === 1) { b.writeUInt32LE(3, at + 4); b.writeBigUInt64LE(BigInt(shstrOff), at + 24); b.writeBigUInt64LE(BigInt(shstr.length), at + 32); }
    if (i === 2) { b.writeUInt32LE(3, at + 4); b.writeBigUInt64LE(BigInt(dynstrOff), at + 24); b.writeBigUInt64LE(BigInt(dynstrBytes.length), at + 32); }
  });
  return b;
}

/** e_machine of the build host, so that the clean package's ELF matches its architecture. */
export const NATIVE_MACHINE: Record<string, number> = { amd64: 62, arm64: 183, i386: 3, ppc64el: 21, s390x: 22, riscv64: 243 };

export interface CleanPackage {
  model: PackageModel;
  deb: DebControlFacts;
}

/** A well-made package: every rule must stay quiet on it, in every format. */
export function cleanPackage(format: LintFormat): CleanPackage {
  const name = 'hello-tool';
  const arch = NATIVE_MACHINE[nativeArch()] ? nativeArch() : 'amd64';
  const files: FileEntry[] = [
    ...dirs('/etc', '/usr', '/usr/bin', '/usr/lib', `/usr/lib/${name}`, '/usr/share', '/usr/share/doc', `/usr/share/doc/${name}`),
    file(`/etc/${name}.conf`, 'greeting = hello\n', { flags: new Set(['config', 'noreplace']) }),
    file(`/usr/bin/${name}`, `#!/bin/sh\nexec /usr/lib/${name}/helper "$@"\n`, { mode: 0o755 }),
    entry('/usr/bin/hello', 'symlink', { target: name }),
    file(`/usr/lib/${name}/helper`, makeElf({ machine: NATIVE_MACHINE[arch] ?? 62 }), { mode: 0o755 }),
    file(`/usr/share/doc/${name}/copyright`, 'Copyright 2024 Jane Doe\nLicense: MIT\n', { flags: new Set(['license']) }),
    file(`/usr/share/doc/${name}/README`, 'Say hello.\n', { flags: new Set(['doc']) }),
  ];
  const model: PackageModel = {
    metadata: {
      ...emptyMetadata(), name, version: { upstream: '1.2.0', release: '1' }, arch,
      summary: 'greet the world politely', description: 'hello-tool prints a friendly greeting.\nIt reads its greeting from /etc.',
      maintainer: 'Jane Doe <jane@example.org>', homepage: 'https://example.org/hello-tool', license: 'MIT', section: 'utils',
      relations: { depends: [{ name: 'libc6', op: '>=', version: '2.36' }] },
    },
    files,
    scripts: [{ phase: 'postInstall', interpreter: '/bin/sh', body: '#!/bin/sh\nset -e\necho "configured $1"\n', convention: format === 'rpm' ? 'rpm' : 'deb' }],
  };
  const deb: DebControlFacts = {
    members: [
      { name: 'control', type: 'file', mode: 0o644, uid: 0, gid: 0 },
      { name: 'md5sums', type: 'file', mode: 0o644, uid: 0, gid: 0 },
      { name: 'conffiles', type: 'file', mode: 0o644, uid: 0, gid: 0 },
      { name: 'postinst', type: 'file', mode: 0o755, uid: 0, gid: 0 },
    ],
    md5sums: new Map(files.filter((f) => f.type === 'file' && !f.path.startsWith('/etc/')).map((f) => [f.path, '0123456789abcdef0123456789abcdef'])),
    md5sumsBad: [],
    conffiles: [`/etc/${name}.conf`],
    archive: ['debian-binary', 'control.tar.xz', 'data.tar.xz'],
  };
  return { model, deb };
}
