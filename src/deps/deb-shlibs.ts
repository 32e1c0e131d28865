// The Depends dpkg-shlibdeps computes for a package's ELF files: for each soname a binary needs
// (and the package does not ship itself), the library's dependency template at the highest minimal
// version among the symbols the binary uses, and at least the library's smallest version.
import { basename } from 'node:path';
import type { Relation } from '../core/model.js';
import { parseRelation } from '../core/relations.js';
import { compareDeb } from '../core/version-compare.js';
import { ET_DYN, ET_EXEC, type ElfInfo } from '../formats/elf.js';
import { builtinLibrary, type LibraryInfo, type SymbolVersion } from './library-info.js';
import type { ScannedFile } from './scan.js';

/** Where library facts come from: the host's dpkg database first (when given), else the built-in table. */
export type LibraryLookup = (soname: string, binary: ElfInfo) => LibraryInfo | undefined;

export interface ShlibsResult {
  depends: Relation[];
  /** Sonames neither the package, the database nor the table knows: no dependency for them. */
  unknown: string[];
}

export function shlibsDepends(files: readonly ScannedFile[], lookup: LibraryLookup = builtinLibrary): ShlibsResult {
  const shipped = new Set(files.flatMap((f) => (f.elf?.type === ET_DYN ? [f.elf.soname ?? basename(f.path)] : [])));
  // Dependency (one relation of a template, `#MINVER#` still in it) → the highest version asked.
  const wanted = new Map<string, string>();
  const want = (template: string, version: string) => {
    for (const dep of template.split(',').map((d) => d.trim()).filter(Boolean)) {
      const had = wanted.get(dep);
      if (had === undefined || (version && compareDeb(version, had) > 0)) wanted.set(dep, version);
    }
  };
  const unknown = new Set<string>();
  for (const file of files) {
    const elf = file.elf;
    if (!elf || (elf.type !== ET_DYN && elf.type !== ET_EXEC)) continue;
    const libraries: LibraryInfo[] = [];
    for (const soname of elf.needed) {
      if (shipped.has(soname)) continue;
      const library = lookup(soname, elf);
      if (!library) { unknown.add(soname); continue; }
      libraries.push(library);
      want(library.templates[0]!, library.min);
    }
    const raise = (library: LibraryInfo, version: SymbolVersion) => want(library.templates[version.template] ?? library.templates[0]!, version.minver);
    // Symbols files: each undefined symbol binds to the first needed library that lists it.
    for (const symbol of libraries.some((l) => l.bySymbol) ? elf.undefinedSymbols ?? [] : []) {
      for (const library of libraries) {
        const version = library.bySymbol ? library.lookup(symbol) : undefined;
        if (version) { raise(library, version); break; }
      }
    }
    // Other sources know versions by symbol version node only: the nodes the binary needs from the library.
    for (const library of libraries.filter((l) => !l.bySymbol)) {
      for (const need of elf.versionNeeds.filter((n) => n.file === library.soname)) {
        for (const node of need.versions) {
          const version = library.lookup(`@${node}`);
          if (version) raise(library, version);
        }
      }
    }
  }
  return { depends: simplified(wanted), unknown: [...unknown].sort() };
}

/** `#MINVER#` filled in; of several `>=` on one package only the highest, and no unversioned twin. */
function simplified(wanted: Map<string, string>): Relation[] {
  // dpkg-shlibdeps writes no version for a minimal version of 0 (Perl reads '0' as false).
  const relations = [...wanted].map(([dep, version]) => parseRelation(version && version !== '0' ? dep.replace('#MINVER#', `(>= ${version})`) : dep.replace('#MINVER#', '')));
  const strongest = new Map<string, Relation>();
  const rest: Relation[] = [];
  for (const r of relations) {
    if (r.alternatives?.length || (r.op && r.op !== '>=')) { rest.push(r); continue; }
    const had = strongest.get(r.name);
    if (!had || (r.version && (!had.version || compareDeb(r.version, had.version) > 0))) strongest.set(r.name, r);
  }
  return [...strongest.values(), ...rest].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
