// What dpkg-shlibdeps knows of one shared library: the dependency it turns into (`libc6 #MINVER#`,
// alternatives selected by a symbol's template index), the smallest version it asks for, and the
// version each symbol or symbol version raises it to. Read from a symbols file, a shlibs file, or
// pkgshift's built-in table (deb-policy §8.6, deb-symbols(5), deb-shlibs(5)).
import { GLIBC_NODE, GLIBC_PACKAGE, GLIBC_SONAMES, SHLIBS_TABLE } from '../formats/deb/shlibs-table.js';

export interface SymbolVersion {
  minver: string;
  /** Index into `templates`: 0 the main dependency, n the n-th `|` alternative line. */
  template: number;
}

export interface LibraryInfo {
  soname: string;
  /** Dependency templates; `#MINVER#` becomes ` (>= version)`. */
  templates: string[];
  /** The smallest version any use of the library needs ('' for none). */
  min: string;
  /** True when lookup() takes symbols (`name@NODE`), false when only version nodes (`@NODE`). */
  bySymbol: boolean;
  lookup(symbol: string): SymbolVersion | undefined;
}

/** Parses a deb-symbols(5) file: one section per soname, `soname template`, `| alternative`, ` symbol minver [id]`. */
export function parseSymbolsFile(text: string, compare: (a: string, b: string) => number): Map<string, LibraryInfo> {
  const libraries = new Map<string, LibraryInfo>();
  let current: { soname: string; templates: string[]; symbols: Map<string, SymbolVersion> } | undefined;
  const finish = () => {
    if (!current) return;
    const { soname, templates, symbols } = current;
    const versions = [...symbols.values()].map((s) => s.minver);
    const min = versions.reduce((low, v) => (low === undefined || compare(v, low) < 0 ? v : low), undefined as string | undefined) ?? '';
    libraries.set(soname, { soname, templates, min, bySymbol: true, lookup: (symbol) => symbols.get(symbol) });
  };
  for (const line of text.split('\n')) {
    if (line.startsWith(' ') && current) {
      const [symbol, minver, id] = line.trim().split(/\s+/);
      // Tagged patterns (`(c++)`, `(regex)`, …) are not matched here; `(optional)`-style tags on a plain name are.
      const name = symbol?.startsWith('(') ? line.trim().replace(/^\([^)]*\)/, '').split(/\s+/)[0] : symbol;
      if (name && minver && !symbol!.startsWith('(c++') && !symbol!.startsWith('(regex')) {
        current.symbols.set(name, { minver, template: id ? Number(id) : 0 });
      }
    } else if (line.startsWith('|') && current) {
      current.templates.push(line.slice(1).trim());
    } else if (line.startsWith('*') || line.startsWith('#') || !line.trim()) {
      continue;
    } else {
      finish();
      const [soname = '', ...template] = line.trim().split(/\s+/);
      current = { soname, templates: [template.join(' ')], symbols: new Map() };
    }
  }
  finish();
  return libraries;
}

/** dpkg's split of a soname into the name and version a shlibs file lists: `libfoo.so.1` → libfoo 1, `libfoo-1.2.so` → libfoo 1.2. */
export function splitSoname(soname: string): [string, string] | undefined {
  const dotted = /^(.*)\.so\.(.*)$/.exec(soname);
  if (dotted) return [dotted[1]!, dotted[2]!];
  const dashed = /^(.*)-(\d.*)\.so$/.exec(soname);
  return dashed ? [dashed[1]!, dashed[2]!] : undefined;
}

/** The entry for `soname` in a deb-shlibs(5) file (`[type:] name version dependencies`), regular packages only. */
export function shlibsEntry(text: string, soname: string): LibraryInfo | undefined {
  const split = splitSoname(soname);
  if (!split) return undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*(?:(\S+):\s+)?(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m || m[1] || line.trimStart().startsWith('#')) continue;
    if (m[2] === split[0] && m[3] === split[1]) return { soname, templates: [m[4]!], min: '', bySymbol: false, lookup: () => undefined };
  }
  return undefined;
}

let builtin: Map<string, LibraryInfo> | undefined;

/** The built-in table's entry for a soname. */
export function builtinLibrary(soname: string): LibraryInfo | undefined {
  if (!builtin) {
    builtin = new Map();
    for (const line of SHLIBS_TABLE.trim().split('\n')) {
      const [name = '', pkg = '', min = '-', ...nodes] = line.split(' ');
      const versions = new Map(nodes.map((n) => n.split('=') as [string, string]));
      const floor = min === '-' ? '' : min;
      builtin.set(name, {
        soname: name, templates: [floor ? `${pkg} #MINVER#` : pkg], min: floor, bySymbol: false,
        lookup: (symbol) => {
          const node = symbol.slice(symbol.lastIndexOf('@') + 1);
          const minver = versions.get(node) ?? (floor ? floor : undefined);
          return minver === undefined ? undefined : { minver, template: 0 };
        },
      });
    }
    for (const name of GLIBC_SONAMES) {
      builtin.set(name, {
        soname: name, templates: [`${GLIBC_PACKAGE} #MINVER#`], min: '', bySymbol: false,
        lookup: (symbol) => {
          const version = GLIBC_NODE.exec(symbol.slice(symbol.lastIndexOf('@') + 1))?.[1];
          return version ? { minver: version, template: 0 } : undefined;
        },
      });
    }
  }
  return builtin.get(soname);
}
