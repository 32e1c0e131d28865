// Configuration file rules (LINT.md §3.10); rpm also allows %config under /var (§5.3).
import { DEB_RPM, finding, type Finding, type Rule } from '../types.js';
import { under } from './paths.js';

/**
 * Files in /etc that are data the package must replace on upgrade, not configuration (so never
 * %config): the distribution's identification (os-release(5): /etc/*-release), the keys rpm checks
 * packages with (/etc/pki/rpm-gpg), and rpm macro files, which Fedora's RPM Macros guideline says
 * must not be %config.
 */
function notConfiguration(path: string, format: string): boolean {
  if (/^\/etc\/[^/]+-release(?:-[^/]+)?$/.test(path)) return true;
  return format === 'rpm' && (under(path, '/etc/pki/rpm-gpg') || /^\/etc\/rpm\/macros(?:\.[^/]+)?$/.test(path));
}

const etcNotMarked: Rule = {
  id: 'conf-etc-not-marked', severity: 'warning', formats: DEB_RPM,
  summary: 'a regular file under /etc is not a conffile (deb) or %config (rpm); release files, rpm signing keys and rpm macro files are data',
  hint: 'mark it with --config-files /etc/…, so that upgrades keep the administrator\'s changes',
  lintian: ['file-in-etc-not-marked-as-conffile'], rpmlint: ['non-conffile-in-etc'],
  why: 'Debian Policy 10.7.2: files in /etc are configuration, and configuration is a conffile so that upgrades keep local changes (rpm: %config). Converters that do not carry the flags over lose the administrator\'s edits on the next upgrade. The distribution\'s *-release files, /etc/pki/rpm-gpg keys and rpm macro files are data the package must replace.',
  check(model, format, ctx) {
    const listed = new Set(ctx.deb?.conffiles ?? []);
    return model.files
      .filter((e) => e.type === 'file' && under(e.path, '/etc') && !e.flags?.has('config') && !e.flags?.has('ghost') && !listed.has(e.path) && !notConfiguration(e.path, format))
      .map((e) => finding(this, `not marked as ${format === 'deb' ? 'a conffile' : '%config'}`, e.path));
  },
};

const outsideEtc: Rule = {
  id: 'conf-outside-etc', severity: 'error', formats: DEB_RPM,
  summary: 'a conffile lies outside /etc (rpm: outside /etc and /var)',
  hint: 'only files under /etc are configuration; drop the config flag from files elsewhere',
  lintian: ['file-in-usr-marked-as-conffile', 'non-etc-file-marked-as-conffile'], rpmlint: ['non-etc-or-var-file-marked-as-conffile'],
  why: 'Debian Policy 10.7.2: configuration lives in /etc (rpm also allows /var); a conffile elsewhere keeps stale files across upgrades.',
  check(model, format) {
    return model.files
      .filter((e) => e.flags?.has('config') && !e.flags.has('ghost') && !under(e.path, '/etc') && !(format === 'rpm' && under(e.path, '/var')))
      .map((e) => finding(this, `marked as configuration outside /etc${format === 'rpm' ? ' and /var' : ''}`, e.path));
  },
};

const missing: Rule = {
  id: 'conf-missing', severity: 'error', formats: ['deb'],
  summary: 'DEBIAN/conffiles lists a path that is absent, relative, duplicated or not a regular file',
  hint: 'list only absolute paths of regular files the package ships, once each',
  lintian: ['missing-conffile', 'duplicate-conffile', 'relative-conffile', 'conffile-has-bad-file-type'],
  why: 'dpkg refuses or mishandles a conffiles list that names files the package does not ship.',
  check(_model, _format, ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const line of ctx.deb?.conffiles ?? []) {
      if (!line.startsWith('/')) out.push(finding(this, `conffiles lists a relative path '${line}'`));
      else if (seen.has(line)) out.push(finding(this, 'conffiles lists this path twice', line));
      else if (!ctx.byPath.has(line)) out.push(finding(this, 'conffiles lists a path the package does not ship', line));
      else if (ctx.byPath.get(line)!.type !== 'file') out.push(finding(this, `conffiles lists a ${ctx.byPath.get(line)!.type}, not a regular file`, line));
      seen.add(line);
    }
    return out;
  },
};

export const confRules: Rule[] = [etcNotMarked, outsideEtc, missing];
