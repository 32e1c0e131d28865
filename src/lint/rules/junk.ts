// Junk that should not ship (LINT.md §3.5): VCS data, backups, tool debris, empty files, duplicates,
// secrets, and leaked build paths.
import type { FileEntry } from '../../core/model.js';
import { secretByName } from '../secrets.js';
import { ALL, finding, type Finding, type Rule } from '../types.js';
import { PATH_DIRS, directlyIn, under } from './paths.js';

const VCS_DIRS = new Set(['.git', '.svn', '.hg', '.bzr', 'CVS', 'RCS', '_darcs', '.arch-ids', '{arch}']);
const VCS_FILES = new Set(['.gitignore', '.gitattributes', '.gitmodules', '.hgignore', '.hgtags', '.cvsignore', '.bzrignore']);

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when an ancestor directory already matched, so a tree is reported once, at its top. */
function insideReported(path: string, reported: Set<string>): boolean {
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) if (reported.has(path.slice(0, i))) return true;
  return false;
}

const vcs: Rule = {
  id: 'junk-vcs', severity: 'warning', formats: ALL,
  summary: 'version-control data (.git/, .svn/, CVS/, .gitignore, *,v …)',
  hint: 'exclude VCS data with -x .git -x .gitignore, or package from a clean export (git archive)',
  lintian: ['package-contains-vcs-control-dir', 'package-contains-vcs-control-file'],
  why: 'Version-control data is not part of the installed software and can leak history and credentials.',
  check(model) {
    const out: Finding[] = [];
    const reported = new Set<string>();
    for (const e of model.files) {
      if (insideReported(e.path, reported)) continue;
      const name = base(e.path);
      if ((e.type === 'dir' && VCS_DIRS.has(name)) || (e.type !== 'dir' && (VCS_FILES.has(name) || name.endsWith(',v')))) {
        reported.add(e.path);
        out.push(finding(this, `version-control ${e.type === 'dir' ? 'directory' : 'file'}`, e.path));
      }
    }
    return out;
  },
};

const backup: Rule = {
  id: 'junk-backup', severity: 'warning', formats: ALL,
  summary: 'editor backups, patch leftovers and NFS temporaries (*~, #*#, .*.swp, *.orig, *.rej, *.bak, .nfs*)',
  hint: "exclude them: -x '*~' -x '*.orig' -x '*.rej' -x '*.bak'",
  lintian: ['backup-file-in-package', 'nfs-temporary-file-in-package'], rpmlint: ['backup-file-in-package'],
  why: 'Editor and patch leftovers are debris from the build tree.',
  check(model) {
    return model.files
      .filter((e) => e.type !== 'dir' && /(?:~|\.orig|\.rej|\.bak)$|^#.*#$|^\..*\.sw[op]$|^\.nfs/.test(base(e.path)))
      .map((e) => finding(this, 'a backup or temporary file', e.path));
  },
};

const DEBRIS = /^(?:\.DS_Store|Thumbs\.db|\.npmignore|\.eslintrc(?:\..*)?|\.travis\.yml|\.coverage|\._.+)$/;

const artifact: Rule = {
  id: 'junk-artifact', severity: 'warning', formats: ALL,
  summary: 'OS or tool debris (.DS_Store, __MACOSX/, ._*, .npmignore, .eslintrc, __pycache__ or .pyc without source); other dot-files are info',
  hint: 'exclude the debris with -x, or package from a clean build tree',
  lintian: ['macos-ds-store-file-in-package', 'macos-resource-fork-file-in-package'],
  why: 'OS and tool debris from the build machine is not part of the software.',
  check(model, format, ctx) {
    const out: Finding[] = [];
    const reported = new Set<string>();
    for (const e of model.files) {
      if (insideReported(e.path, reported) || (format === 'deb' && pythonBytecode(e))) continue; // junk-python-bytecode
      const name = base(e.path);
      if (e.type === 'dir' && name === '__MACOSX') {
        reported.add(e.path);
        out.push(finding(this, 'macOS archive debris', e.path));
      } else if (e.type === 'dir' && name === '__pycache__') {
        const sources = model.files.filter((f) => f.path.startsWith(e.path + '/') && f.path.endsWith('.pyc'))
          .every((f) => ctx.byPath.has(`${e.path.slice(0, -'/__pycache__'.length)}/${base(f.path).replace(/\..*\.pyc$/, '.py')}`));
        if (!sources) {
          reported.add(e.path);
          out.push(finding(this, 'Python bytecode cache without its sources', e.path));
        }
      } else if (e.type !== 'dir' && name.endsWith('.pyc') && !e.path.includes('/__pycache__/') && !ctx.byPath.has(e.path.slice(0, -1))) {
        out.push(finding(this, 'Python bytecode without its source', e.path));
      } else if (e.type !== 'dir' && DEBRIS.test(name)) {
        out.push(finding(this, 'OS or tool debris', e.path));
      } else if (name.startsWith('.') && !under(e.path, '/etc/skel') && !VCS_DIRS.has(name) && !VCS_FILES.has(name) && name !== '.keep' && name !== '.gitkeep' && !/^\.(?:packlist|htaccess)$/.test(name)) {
        if (e.type === 'dir') reported.add(e.path);
        out.push(finding(this, 'a hidden file or directory', e.path, 'info'));
      }
    }
    return out;
  },
};

const EMPTY_OK = /^(?:__init__\.py|py\.typed|\.keep|\.gitkeep|REQUESTED|\.placeholder)$/;

const zeroLength: Rule = {
  id: 'junk-zero-length', severity: 'info', formats: ALL,
  summary: 'an empty regular file (error for an executable in PATH)',
  hint: 'remove empty files, or mark intended ones with an override; an empty program in PATH does nothing',
  lintian: ['zero-byte-executable-in-path'], rpmlint: ['zero-length'],
  why: 'An empty file is usually a failed build step; an empty program in PATH does nothing.',
  check(model) {
    return model.files
      .filter((e) => e.type === 'file' && e.size === 0 && !e.flags?.has('ghost') && !EMPTY_OK.test(base(e.path)))
      .map((e) => directlyIn(e.path, PATH_DIRS) && e.mode & 0o111
        ? finding(this, 'an empty program in PATH', e.path, 'error')
        : finding(this, 'an empty file', e.path));
  },
};

const duplicateFiles: Rule = {
  id: 'junk-duplicate-files', severity: 'info', formats: ALL, content: true,
  summary: 'two or more regular files with identical content that are not hardlinks',
  hint: 'ship one copy and make the others symlinks or hardlinks (fdupes, rdfind)',
  lintian: ['duplicate-files'], rpmlint: ['files-duplicate'],
  why: 'Identical copies waste space; a link says they are the same.',
  check(model, _format, ctx) {
    const byHash = new Map<string, FileEntry[]>();
    for (const e of model.files) {
      const sha = e.type === 'file' ? ctx.content.get(e.path)?.sha256 : undefined;
      if (!sha) continue;
      byHash.set(sha, [...(byHash.get(sha) ?? []), e]);
    }
    return [...byHash.values()].filter((set) => set.length > 1).map((set) => finding(this,
      `${set.length} identical files (${set.map((f) => f.path).join(', ')}), wasting ${(set.length - 1) * set[0]!.size} bytes`, set[0]!.path));
  },
};

const secret: Rule = {
  id: 'junk-secret', severity: 'error', formats: ALL, content: true,
  summary: 'a private key or access token is shipped (PEM private key, id_rsa, .env, .pypirc, npm/GitHub/AWS tokens …)',
  hint: 'remove the file and revoke the key or token now: anyone with the package has it',
  rpmlint: ['pem-private-key'],
  why: 'Anyone who downloads the package gets the key or token; it must be revoked.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      if (e.type !== 'file') continue;
      const byName = secretByName(e.path);
      const inContent = ctx.content.get(e.path)?.secrets ?? [];
      const kinds = [...(byName ? [byName] : []), ...inContent];
      if (kinds.length) out.push(finding(this, `contains a secret: ${kinds.join(', ')}`, e.path));
    }
    return out;
  },
};

const buildPathLeak: Rule = {
  id: 'junk-build-path-leak', severity: 'warning', formats: ALL, content: true,
  summary: 'a text file or symlink target contains the staging or build directory',
  hint: 'build with the final install paths (--prefix, DESTDIR), and fix scripts or configs that record the build tree',
  lintian: ['file-references-package-build-path', 'symlink-target-in-build-tree'],
  why: 'A path into the build or staging tree does not exist on the target: scripts and configs that use it fail.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    const roots = ctx.buildRoots.filter((r) => r.length > 4);
    for (const e of model.files) {
      const leak = e.type === 'symlink'
        ? roots.find((r) => e.target?.startsWith(r)) ?? (/BUILDROOT\/|^\/build\/reproducible-path\//.test(e.target ?? '') ? e.target : undefined)
        : e.type === 'file' ? ctx.content.get(e.path)?.buildPath : undefined;
      if (leak) out.push(finding(this, `refers to the build tree: ${leak}`, e.path));
    }
    return out;
  },
};

function pythonBytecode(e: FileEntry): boolean {
  return (e.type === 'dir' && base(e.path) === '__pycache__') || (e.type !== 'dir' && /\.py[co]$/.test(e.path));
}

const pythonBytecodeRule: Rule = {
  id: 'junk-python-bytecode', severity: 'error', formats: ['deb'],
  summary: 'a deb ships Python bytecode (__pycache__/, *.pyc, *.pyo)',
  hint: 'leave bytecode out (find -name __pycache__ -prune -exec rm -r {} +); Debian compiles it on the target (py3compile)',
  lintian: ['package-installs-python-pycache-dir', 'package-installs-python-bytecode'],
  why: 'Debian Python Policy 2.6: bytecode is compiled on the target system by py3compile from the package\'s postinst and removed by its prerm; a shipped __pycache__ is stale as soon as the interpreter changes, and dpkg does not know the files pycompile writes over it. rpm packages ship bytecode on purpose (Fedora Python guidelines), so this is a deb rule.',
  check(model) {
    const out: Finding[] = [];
    const reported = new Set<string>();
    for (const e of model.files) {
      if (!pythonBytecode(e) || insideReported(e.path, reported)) continue;
      if (e.type === 'dir') reported.add(e.path);
      out.push(finding(this, e.type === 'dir' ? 'a Python bytecode cache directory' : 'a Python bytecode file', e.path));
    }
    return out;
  },
};

export const junkRules: Rule[] = [vcs, backup, artifact, pythonBytecodeRule, zeroLength, duplicateFiles, secret, buildPathLeak];
