// Shared-library rules (docs/LINT.md "Libraries"): what a package that links against or ships shared
// libraries must declare, from the ELF dynamic sections the content pass parsed.
import type { PackageModel } from '../../core/model.js';
import { ET_DYN, type ElfInfo } from '../../formats/elf.js';
import { declaresSoname, hasRuntimeDependencies } from '../sonames.js';
import { DEB_RPM, finding, type Finding, type LintContext, type Rule } from '../types.js';
import { underAny } from './paths.js';

/** The system library directories ld.so searches (ld.so(8), Debian multiarch, rpm's lib64). */
const SYSTEM_LIB_DIR = /^(?:\/usr)?\/lib(?:32|64|x32)?(?:\/[a-z0-9_]+-linux-gnu\w*)?$/;

function elfFiles(model: PackageModel, ctx: LintContext): [string, ElfInfo][] {
  const out: [string, ElfInfo][] = [];
  for (const e of model.files) {
    const elf = e.type === 'file' && !underAny(e.path, ['/usr/lib/debug']) ? ctx.content.get(e.path)?.elf : undefined;
    if (elf) out.push([e.path, elf]);
  }
  return out;
}

/** Public shared libraries: a SONAME, in a directory ld.so searches, named lib*.so.N (not the dynamic loader). */
function publicLibraries(model: PackageModel, ctx: LintContext): string[] {
  return elfFiles(model, ctx)
    .filter(([path, elf]) => elf.type === ET_DYN && elf.soname !== undefined && /^lib[^/]*\.so\.\d/.test(path.slice(path.lastIndexOf('/') + 1))
      && SYSTEM_LIB_DIR.test(path.slice(0, path.lastIndexOf('/'))))
    .map(([path]) => path);
}

/** Sonames the package provides itself: its libraries' SONAMEs and every file name in it. */
function shippedSonames(model: PackageModel, ctx: LintContext): Set<string> {
  const out = new Set<string>();
  for (const e of model.files) out.add(e.path.slice(e.path.lastIndexOf('/') + 1));
  for (const [, elf] of elfFiles(model, ctx)) if (elf.soname) out.add(elf.soname);
  return out;
}

const sonameUndeclared: Rule = {
  id: 'elf-soname-undeclared', severity: 'warning', formats: DEB_RPM, content: true,
  summary: 'an ELF object needs a shared library (DT_NEEDED) that no dependency declares (info when the package has dependencies whose names do not show it)',
  hint: 'add the library packages to the dependencies (-d libssl3; rpm: the soname, libssl.so.3()(64bit)), or ship the library',
  lintian: ['missing-dependency-on-libc', 'undeclared-elf-prerequisites'],
  why: 'Debian Policy 8.6 (dpkg-shlibdeps) and rpm\'s automatic requires make every library a binary links against a dependency; without it the program fails to start with "error while loading shared libraries". alien and fpm packages often declare none. rpm declares sonames exactly; a deb is matched by Debian\'s library naming (Policy 8.1), which cannot see every provider, so a deb that has dependencies only gets a note.',
  check(model, format, ctx) {
    const shipped = shippedSonames(model, ctx);
    const firstUser = new Map<string, string>();
    for (const [path, elf] of elfFiles(model, ctx)) {
      for (const soname of elf.needed) if (!shipped.has(soname) && !firstUser.has(soname)) firstUser.set(soname, path);
    }
    const f = format === 'rpm' ? 'rpm' : 'deb';
    const certain = f === 'rpm' || !hasRuntimeDependencies(model);
    const out: Finding[] = [];
    for (const [soname, path] of firstUser) {
      if (declaresSoname(model, f, soname)) continue;
      out.push(finding(this, certain ? `needs ${soname}, which no dependency declares` : `needs ${soname}; no dependency is named after it`, path, certain ? 'warning' : 'info'));
    }
    return out;
  },
};

function controlFile(model: PackageModel, name: string): string | undefined {
  return model.metadata.extras['deb-control-files']?.[name];
}

const ldconfigMissing: Rule = {
  id: 'lib-ldconfig-missing', severity: 'error', formats: DEB_RPM, content: true,
  summary: 'a public shared library without the ldconfig trigger (deb, error) or %post/%postun ldconfig scriptlets (rpm, warning)',
  hint: "deb: add a triggers control file with 'activate-noawait ldconfig'; rpm: %post -p /sbin/ldconfig and %postun -p /sbin/ldconfig",
  lintian: ['lacks-ldconfig-trigger'], rpmlint: ['postin-without-ldconfig', 'postun-without-ldconfig'],
  why: 'Debian Policy 8.1.1: a package shipping a public shared library activates the ldconfig trigger so that ld.so.cache knows the new soname; without it the library is found only after something else runs ldconfig. On rpm the same job is done by %post/%postun ldconfig scriptlets (rpmlint postin-without-ldconfig, an error there); Fedora 28+ and EL8+ glibc runs ldconfig from a file trigger, so there it is only a warning.',
  check(model, format, ctx) {
    const libs = publicLibraries(model, ctx);
    if (!libs.length) return [];
    if (format === 'deb') {
      const triggers = controlFile(model, 'triggers') ?? '';
      const scripted = model.scripts.some((s) => s.phase === 'postInstall' && /\bldconfig\b/.test(s.body));
      return /^\s*activate(?:-noawait)?\s+ldconfig\s*$/m.test(triggers) || scripted ? [] : [finding(this, 'a public shared library, and no ldconfig trigger', libs[0])];
    }
    const runs = (phase: string) => model.scripts.some((s) => s.phase === phase && (/ldconfig$/.test(s.interpreter) || /\bldconfig\b/.test(s.body)));
    const missing = ['postInstall', 'postRemove'].filter((p) => !runs(p)).map((p) => (p === 'postInstall' ? '%post' : '%postun'));
    return missing.length ? [finding(this, `a public shared library, and no ldconfig in ${missing.join(' or ')}`, libs[0], 'warning')] : [];
  },
};

const shlibsMissing: Rule = {
  id: 'lib-shlibs-missing', severity: 'error', formats: ['deb'], content: true,
  summary: 'a deb ships a public shared library but no shlibs or symbols control file',
  hint: 'add a shlibs control file: one line "libfoo 1 libfoo1 (>= VERSION)" per soname (dh_makeshlibs writes it)',
  lintian: ['no-shlibs', 'no-symbols-control-file'],
  why: 'Debian Policy 8.6: a library package tells dpkg-shlibdeps, through shlibs or symbols, which dependency a program linked against it needs. Without it every package built against the library fails to compute its dependencies. alien and fpm never write one.',
  check(model, _format, ctx) {
    const libs = publicLibraries(model, ctx);
    if (!libs.length || controlFile(model, 'shlibs') !== undefined || controlFile(model, 'symbols') !== undefined) return [];
    return [finding(this, 'a public shared library, and no shlibs or symbols file', libs[0])];
  },
};

export const libRules: Rule[] = [sonameUndeclared, ldconfigMissing, shlibsMissing];
