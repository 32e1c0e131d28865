// Symlink rules (LINT.md §3.6); symlink-absolute follows the format's style (§5.1).
import type { FileEntry, PackageModel } from '../../core/model.js';
import { ALL, finding, type Finding, type LintContext, type Rule } from '../types.js';
import { isSharedLibrary } from './paths.js';

function links(entries: readonly FileEntry[]): FileEntry[] {
  return entries.filter((e) => e.type === 'symlink' && e.target !== undefined);
}

/** Debian Policy 10.5 and rpmlint compare the first path component. */
function topDir(path: string): string {
  return path.split('/')[1] ?? '';
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/**
 * Resolves a link target inside the package, following symlinked directories the package ships.
 * Returns the resolved path, 'escapes' when `..` climbs above the root, or 'loop'.
 */
export function resolveInPackage(linkPath: string, target: string, byPath: Map<string, FileEntry>): string | 'escapes' | 'loop' {
  const pending = target.split('/');
  let segments = target.startsWith('/') ? [] : parentOf(linkPath).split('/').filter(Boolean);
  let hops = 0;
  while (pending.length) {
    const segment = pending.shift()!;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return 'escapes';
      segments.pop();
      continue;
    }
    segments.push(segment);
    const here = byPath.get('/' + segments.join('/'));
    if (here?.type === 'symlink' && here.target !== undefined && pending.length > 0) {
      if (++hops > 40) return 'loop';
      pending.unshift(...here.target.split('/'));
      segments = here.target.startsWith('/') ? [] : segments.slice(0, -1);
    }
  }
  return '/' + segments.join('/');
}

/** Whether the relative target climbs above `/` by counting alone (lexically, like lintian). */
function tooManyUps(linkPath: string, target: string): boolean {
  if (target.startsWith('/')) return false;
  let depth = parentOf(linkPath).split('/').filter(Boolean).length;
  for (const segment of target.split('/')) {
    if (segment === '..') {
      if (--depth < 0) return true;
    } else if (segment !== '' && segment !== '.') depth++;
  }
  return false;
}

const escapesRoot: Rule = {
  id: 'symlink-escapes-root', severity: 'error', formats: ALL,
  summary: 'a relative symlink climbs above / (more ".." than the link is deep)',
  hint: 'fix the target: count the ".." segments, or use an absolute target',
  lintian: ['symlink-has-too-many-up-segments'], rpmlint: ['symlink-has-too-many-up-segments'],
  why: 'A relative link that climbs above / resolves differently in a chroot and is a classic extraction attack.',
  check(model) {
    return links(model.files).filter((e) => tooManyUps(e.path, e.target!))
      .map((e) => finding(this, `target '${e.target}' climbs above the root`, e.path));
  },
};

/** Every directory some shipped path lies in: an rpm lists only the directories it owns. */
function ancestors(ctx: LintContext): Set<string> {
  const out = new Set<string>();
  for (const path of ctx.byPath.keys()) {
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) out.add(path.slice(0, i));
  }
  return out;
}

function existsInPackage(path: string, ctx: LintContext, dirs: Set<string>, depth = 0): boolean {
  const entry = ctx.byPath.get(path);
  if (!entry) return dirs.has(path);
  if (entry.type !== 'symlink' || depth > 40) return true;
  const next = resolveInPackage(path, entry.target ?? '', ctx.byPath);
  return next !== 'escapes' && next !== 'loop' && existsInPackage(next, ctx, dirs, depth + 1);
}

/** Debian Policy 12.5: copyright files point at the licence texts base-files ships in /usr/share/common-licenses. */
const COMMON_LICENSES = '/usr/share/common-licenses/';

/**
 * Debian Policy 8.4 (and Fedora's Devel Packages guideline): the development package ships the
 * `libfoo.so` link the linker uses; its target, `libfoo.so.N`, is in the runtime package it depends on.
 */
function devLinkToRuntime(path: string, resolved: string, model: PackageModel): boolean {
  const depends = [...(model.metadata.relations.depends ?? []), ...(model.metadata.relations.preDepends ?? [])];
  return isSharedLibrary(path) && /\.so$/.test(path) && /\/lib[^/]*\.so\.\d[^/]*$/.test(resolved) && depends.length > 0;
}

const dangling: Rule = {
  id: 'symlink-dangling', severity: 'warning', formats: ALL,
  summary: 'a symlink points at something the package does not ship (info when absolute and outside the package\'s own directories; -dev links to the runtime library and links to common licences are fine)',
  hint: 'ship the target, fix the path, or depend on the package that ships it (and override this finding)',
  rpmlint: ['dangling-relative-symlink', 'dangling-symlink'],
  why: 'A link to nothing is a broken file. Links whose target comes from a dependency are normal: the -dev package\'s libfoo.so to the runtime library (Policy 8.4), copyright links into /usr/share/common-licenses (Policy 12.5); an absolute link outside the package\'s own directories is only info, as the target may come from another package.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    const dirs = ancestors(ctx);
    for (const e of links(model.files)) {
      const resolved = resolveInPackage(e.path, e.target!, ctx.byPath);
      if (resolved === 'escapes') continue; // symlink-escapes-root
      if (resolved !== 'loop' && (existsInPackage(resolved, ctx, dirs) || resolved.startsWith(COMMON_LICENSES) || devLinkToRuntime(e.path, resolved, model))) continue;
      const parent = ctx.byPath.get(resolved === 'loop' ? '' : parentOf(resolved));
      const foreign = e.target!.startsWith('/') && (!parent || parent.implicit === true);
      out.push(finding(this, `target '${e.target}' is not in the package${foreign ? ' (another package may provide it)' : ''}`, e.path, foreign ? 'info' : 'warning'));
    }
    return out;
  },
};

const absolute: Rule = {
  id: 'symlink-absolute', severity: 'info', formats: ALL,
  summary: 'an absolute symlink within one top-level dir (should be relative); for deb also a relative one across top-level dirs',
  hint: 'within one top-level directory use a relative target (../lib/x); for deb, across top-level directories use an absolute one',
  lintian: ['absolute-symlink-in-top-level-folder', 'relative-symlink'], rpmlint: ['symlink-should-be-relative'],
  why: 'Debian Policy 10.5: links within one top-level directory are relative, links between top-level directories absolute; rpmlint wants relative ones within a directory tree.',
  check(model, format) {
    const out: Finding[] = [];
    for (const e of links(model.files)) {
      const target = e.target!;
      if (target.startsWith('/')) {
        if (target !== '/' && topDir(target) === topDir(e.path)) out.push(finding(this, `absolute target '${target}' in the same top-level directory should be relative`, e.path));
      } else if (format === 'deb') {
        const resolved = resolveInPackage(e.path, target, new Map());
        if (resolved !== 'escapes' && resolved !== 'loop' && topDir(resolved) !== topDir(e.path)) {
          out.push(finding(this, `relative target '${target}' crosses top-level directories; Debian Policy 10.5 wants it absolute`, e.path));
        }
      }
    }
    return out;
  },
};

const suspicious: Rule = {
  id: 'symlink-suspicious', severity: 'warning', formats: ALL,
  summary: 'a symlink into /tmp or a build tree, a self-recursive one, or a target with //, /./, x/../ or a trailing /',
  hint: 'write the shortest clean target; never point into temporary or build directories',
  lintian: ['symlink-target-in-tmp', 'symlink-is-self-recursive', 'symlink-has-double-slash', 'symlink-ends-with-slash'],
  why: 'Debian Policy 10.5: targets are the shortest clean path; links into /tmp or build trees break on the target.',
  check(model) {
    const out: Finding[] = [];
    for (const e of links(model.files)) {
      const target = e.target!;
      const problems: string[] = [];
      if (/^\/(?:var\/|usr\/)?tmp(?:\/|$)/.test(target)) problems.push('points into a temporary directory');
      if (/BUILDROOT|^\/build\//.test(target)) problems.push('points into a build tree');
      const resolved = resolveInPackage(e.path, target, new Map());
      if (target === '.' || target === '/' || resolved === e.path || (resolved !== 'escapes' && resolved !== 'loop' && e.path.startsWith(resolved + '/'))) problems.push('is self-recursive');
      if (target.includes('//')) problems.push("contains '//'");
      if (/(?:^|\/)\.\/|\/\.$/.test(target) && target !== '.') problems.push("contains '/./'");
      if (/(?:^|\/)(?!\.\.\/)[^/]+\/\.\.(?:\/|$)/.test(target)) problems.push("contains 'x/../'");
      if (target.length > 1 && target.endsWith('/')) problems.push("ends with '/'");
      if (problems.length) out.push(finding(this, `target '${target}' ${problems.join(', ')}`, e.path));
    }
    return out;
  },
};

export const symlinkRules: Rule[] = [escapesRoot, dangling, absolute, suspicious];
