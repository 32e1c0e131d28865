// Documentation and package-level rules (docs/LINT.md §3.11).
import { ALL, finding, type Finding, type Rule } from '../types.js';
import { octal } from './perm.js';
import { examples, under } from './paths.js';

const copyrightMissing: Rule = {
  id: 'doc-copyright-missing', severity: 'warning', formats: ALL,
  summary: 'no license information: deb /usr/share/doc/<name>/copyright, rpm License tag (error when empty) or %license file, tar LICENSE*/COPYING*',
  hint: 'ship the license text (deb: /usr/share/doc/<name>/copyright; rpm: --license and a %license file; tar: LICENSE)',
  check(model, format) {
    const name = model.metadata.name;
    if (format === 'deb') {
      const docDir = model.files.find((e) => e.path === `/usr/share/doc/${name}`);
      if (docDir?.type === 'symlink') return []; // doc dir shared with a package this one depends on
      const copyright = model.files.find((e) => e.path === `/usr/share/doc/${name}/copyright`);
      if (copyright?.type === 'file' || copyright?.type === 'hardlink') return [];
      return [finding(this, copyright ? `/usr/share/doc/${name}/copyright is a ${copyright.type}, not a regular file` : `no /usr/share/doc/${name}/copyright`)];
    }
    if (format === 'rpm') {
      const license = model.metadata.license?.trim() ?? '';
      if (!license) return [finding(this, 'the License tag is empty', undefined, 'error')];
      if (!model.files.some((e) => e.flags?.has('license') || /\/(?:LICEN[CS]E|COPYING|COPYRIGHT)[^/]*$/i.test(e.path))) {
        return [finding(this, 'no %license file (LICENSE, COPYING) is shipped')];
      }
      return [];
    }
    if (model.files.some((e) => /\/(?:LICEN[CS]E|COPYING|COPYRIGHT|NOTICE)[^/]*$/i.test(e.path) || /\/copyright$/.test(e.path))) return [];
    // A tarball is often a build artefact rather than a distribution: only a note.
    return [finding(this, 'no LICENSE or COPYING file in the tarball', undefined, 'info')];
  },
};

const META = /\b(?:metapackage|meta-package|dummy|transitional|empty package)\b/i;

const empty: Rule = {
  id: 'pkg-empty', severity: 'warning', formats: ALL,
  summary: 'nothing but directories, documentation and license files is shipped',
  hint: 'check the input paths and --prefix; say "metapackage" or "transitional" in the description if emptiness is intended',
  check(model) {
    const m = model.metadata;
    if (META.test(`${m.summary}\n${m.description}`)) return [];
    const payload = model.files.some((e) => e.type !== 'dir' && !under(e.path, `/usr/share/doc/${m.name}`) && !e.flags?.has('license') && !e.flags?.has('doc'));
    return payload ? [] : [finding(this, 'the package installs no files besides documentation')];
  },
};

const md5sums: Rule = {
  id: 'pkg-deb-md5sums', severity: 'warning', formats: ['deb'],
  summary: 'DEBIAN/md5sums is missing, lists absent files, misses shipped files, or has wrong sums (error)',
  hint: 'regenerate md5sums from the payload (dh_md5sums, or let pkgshift write the deb)',
  check(model, _format, ctx) {
    if (!ctx.deb) return [];
    const sums = ctx.deb.md5sums;
    if (!sums) return [finding(this, 'the package has no md5sums control file')];
    const out: Finding[] = [];
    for (const bad of ctx.deb.md5sumsBad ?? []) out.push(finding(this, `md5sums line cannot be parsed: '${bad}'`, undefined, 'error'));
    const conffiles = new Set(ctx.deb.conffiles ?? []);
    const missing = model.files.filter((e) => (e.type === 'file' || e.type === 'hardlink') && !sums.has(e.path) && !conffiles.has(e.path));
    if (missing.length) out.push(finding(this, `md5sums does not list ${examples(missing)}`, missing[0]!.path));
    for (const [path, sum] of sums) {
      const entry = ctx.byPath.get(path);
      if (!entry || (entry.type !== 'file' && entry.type !== 'hardlink')) {
        out.push(finding(this, 'md5sums lists a file the package does not ship', path));
        continue;
      }
      // Wrong sums: the deb reader verifies every listed sum and refuses the package, which
      // `pkgshift lint` reports as this rule at error severity (commands/lint.ts).
      if (!/^[0-9a-f]{32}$/i.test(sum)) out.push(finding(this, `md5sums has a malformed sum '${sum}'`, path, 'error'));
    }
    return out;
  },
};

const KNOWN_CONTROL = new Set(['control', 'md5sums', 'conffiles', 'templates', 'triggers', 'shlibs', 'symbols', 'clilibs', 'isinstallable', 'preinst', 'postinst', 'prerm', 'postrm', 'config']);

const controlPerms: Rule = {
  id: 'pkg-deb-control-perms', severity: 'error', formats: ['deb'],
  summary: 'DEBIAN members not owned by root, with the wrong mode (scripts 0755, others 0644), or unknown',
  hint: 'build with --root-owner-group; chmod 0644 control files and 0755 scripts; remove unknown files from DEBIAN/',
  check(_model, _format, ctx) {
    const out: Finding[] = [];
    for (const m of ctx.deb?.members ?? []) {
      if (m.type === 'directory') continue;
      if (!KNOWN_CONTROL.has(m.name)) {
        out.push(finding(this, `unknown control member '${m.name}'`));
        continue;
      }
      if (m.uid !== 0 || m.gid !== 0) out.push(finding(this, `control member ${m.name} is owned by ${m.uid}:${m.gid}, not root`));
      const script = /^(?:preinst|postinst|prerm|postrm|config)$/.test(m.name);
      if (!script && m.mode !== 0o644) out.push(finding(this, `control member ${m.name} has mode ${octal(m.mode)}, not 0644`));
    }
    return out;
  },
};

const TWENTY_YEARS = 20 * 365.25 * 24 * 3600;

const timestamps: Rule = {
  id: 'pkg-timestamps', severity: 'warning', formats: ALL,
  summary: 'entry mtimes are 0 or in the future (more than 20 years old: info; SOURCE_DATE_EPOCH values are fine)',
  hint: 'set real mtimes, or SOURCE_DATE_EPOCH to the release date (not 0) for reproducible builds',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    const other = model.files.filter((e) => !e.implicit && e.mtime !== ctx.sourceDateEpoch);
    const zero = other.filter((e) => e.mtime === 0);
    const ancient = other.filter((e) => e.mtime !== 0 && e.mtime < ctx.now - TWENTY_YEARS);
    const future = other.filter((e) => e.mtime > ctx.now + 86400);
    if (zero.length) out.push(finding(this, `mtime is 0 (1970-01-01): ${examples(zero)}`, zero[0]!.path));
    // Upstream files keep their release dates in well-made packages, so age alone is only info.
    if (ancient.length) out.push(finding(this, `mtime is more than 20 years old: ${examples(ancient)}`, ancient[0]!.path, 'info'));
    if (future.length) out.push(finding(this, `mtime is in the future: ${examples(future)}`, future[0]!.path));
    return out;
  },
};

export const pkgRules: Rule[] = [copyrightMissing, empty, md5sums, controlPerms, timestamps];
