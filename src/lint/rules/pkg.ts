// Documentation and package-level rules (docs/LINT.md §3.11).
import { ALL, DEB_RPM, finding, type Finding, type Rule } from '../types.js';
import { octal } from './perm.js';
import { under } from './paths.js';

const copyrightMissing: Rule = {
  id: 'doc-copyright-missing', severity: 'warning', formats: ALL,
  summary: 'no license information: deb /usr/share/doc/<name>/copyright, rpm License tag (error when empty) or %license file, tar LICENSE*/COPYING*',
  hint: 'ship the license text (deb: /usr/share/doc/<name>/copyright; rpm: --license and a %license file; tar: LICENSE)',
  lintian: ['no-copyright-file'], rpmlint: ['no-license'],
  why: 'Debian Policy 12.5: every package ships /usr/share/doc/PACKAGE/copyright; rpm states its licence in the License tag (Fedora licensing guidelines).',
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
        // rpmlint has no such check and the License tag is the rpm's licence statement; Fedora's
        // guideline (%license) asks for the text only when upstream ships one: a note, not a warning.
        return [finding(this, 'no %license file (LICENSE, COPYING) is shipped', undefined, 'info')];
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
  lintian: ['empty-binary-package'],
  why: 'A package that installs nothing is usually a wrong input path or --prefix.',
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
  lintian: ['no-md5sums-control-file', 'md5sum-mismatch', 'md5sums-lists-nonexistent-file', 'file-missing-in-md5sums'],
  why: 'debsums and dpkg --verify check installed files against md5sums; a missing or wrong list hides corruption.',
  check(model, _format, ctx) {
    if (!ctx.deb) return [];
    const sums = ctx.deb.md5sums;
    if (!sums) return [finding(this, 'the package has no md5sums control file')];
    const out: Finding[] = [];
    for (const bad of ctx.deb.md5sumsBad ?? []) out.push(finding(this, `md5sums line cannot be parsed: '${bad}'`, undefined, 'error'));
    const conffiles = new Set(ctx.deb.conffiles ?? []);
    const missing = model.files.filter((e) => (e.type === 'file' || e.type === 'hardlink') && !sums.has(e.path) && !conffiles.has(e.path));
    for (const e of missing) out.push(finding(this, 'md5sums does not list this file', e.path));
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
  id: 'pkg-deb-control-perms', severity: 'error', formats: ['deb'], metadataOnly: true,
  summary: 'DEBIAN members not owned by root, with the wrong mode (scripts 0755, others 0644), or unknown',
  hint: 'build with --root-owner-group; chmod 0644 control files and 0755 scripts; remove unknown files from DEBIAN/',
  lintian: ['control-file-has-bad-owner', 'control-file-has-bad-permissions', 'unknown-control-file'],
  why: 'dpkg-deb requires root-owned control members with fixed modes; unknown members are ignored by dpkg.',
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
  lintian: ['package-contains-ancient-file'],
  why: 'A zero or future mtime comes from a broken build clock or tar --mtime=@0; tools that compare times misbehave. SOURCE_DATE_EPOCH values are fine.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      if (e.implicit || e.mtime === ctx.sourceDateEpoch) continue;
      if (e.mtime === 0) out.push(finding(this, 'mtime is 0 (1970-01-01)', e.path));
      // Upstream files keep their release dates in well-made packages, so age alone is only info.
      else if (e.mtime < ctx.now - TWENTY_YEARS) out.push(finding(this, 'mtime is more than 20 years old', e.path, 'info'));
      else if (e.mtime > ctx.now + 86400) out.push(finding(this, 'mtime is in the future', e.path));
    }
    return out;
  },
};

/** Manual pages: /usr/share/man/[LOCALE/]manN/NAME.N… (FHS 4.11.6). */
const MAN_PAGE = /^\/usr\/share\/man\/(?:[^/]+\/)?man[1-9n]\w*\/[^/]+$/;

const manpageUncompressed: Rule = {
  id: 'doc-manpage-uncompressed', severity: 'warning', formats: DEB_RPM,
  summary: 'a manual page is not compressed (deb: gzip, error; rpm: any compression rpm knows, warning)',
  hint: 'gzip -9n the manual pages (deb), or compress them (rpm: brp-compress does it)',
  lintian: ['uncompressed-manual-page', 'manual-page-not-compressed-with-max-compression'],
  rpmlint: ['manpage-not-compressed'],
  why: 'Debian Policy 12.1: manual pages are compressed with gzip -9 (lintian uncompressed-manual-page is an error). rpm-based distributions compress them too (brp-compress; rpmlint manpage-not-compressed). Converters that copy a staging tree leave them plain.',
  check(model, format) {
    const ok = format === 'deb' ? /\.gz$/ : /\.(?:gz|bz2|xz|zst|lzma|Z)$/;
    return model.files.filter((e) => (e.type === 'file' || e.type === 'hardlink') && MAN_PAGE.test(e.path) && !ok.test(e.path))
      .map((e) => finding(this, format === 'deb' ? 'manual page not compressed with gzip' : 'manual page not compressed', e.path, format === 'deb' ? 'error' : 'warning'));
  },
};

const debCompression: Rule = {
  id: 'pkg-deb-compression', severity: 'warning', formats: ['deb'], metadataOnly: true,
  summary: 'a deb member is uncompressed or bzip2/lzma-compressed (dpkg-deb builds only gzip, xz and zstd)',
  hint: 'rebuild with dpkg-deb -Zxz (or let pkgshift write the deb)',
  lintian: ['uses-no-compression-for-data-tarball', 'uses-no-compression-for-control-tarball', 'uses-deprecated-compression-for-data-tarball'],
  why: 'deb(5): dpkg-deb writes control.tar and data.tar with gzip, xz or zstd (xz is the Debian default). An uncompressed member wastes space; bzip2 and lzma are deprecated, and dpkg-deb can no longer build them, so the deb came from a hand-made ar archive.',
  check(_model, _format, ctx) {
    const out: Finding[] = [];
    for (const member of ctx.deb?.archive ?? []) {
      const m = /^(control|data)\.tar(\.\w+)?$/.exec(member);
      if (!m) continue;
      if (!m[2]) out.push(finding(this, `${member} is not compressed`));
      else if (m[2] === '.bz2' || m[2] === '.lzma') out.push(finding(this, `${member} uses deprecated ${m[2].slice(1)} compression`, undefined, m[1] === 'data' ? 'error' : 'warning'));
    }
    return out;
  },
};

export const pkgRules: Rule[] = [copyrightMissing, manpageUncompressed, empty, md5sums, controlPerms, debCompression, timestamps];
