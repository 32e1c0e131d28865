// File name rules (LINT.md §3.4).
import { ALL, finding, type Finding, type Rule } from '../types.js';
import { PATH_DIRS, directlyIn } from './paths.js';

const notUtf8: Rule = {
  id: 'name-not-utf8', severity: 'error', formats: ALL,
  summary: 'a path is not valid UTF-8',
  hint: 'rename the file to a UTF-8 name (convmv); rpmbuild refuses other encodings',
  lintian: ['shipped-file-without-utf8-name'], rpmlint: ['filename-not-utf8'],
  why: 'Debian Policy 10.10 wants UTF-8 file names; rpmbuild refuses others.',
  check(model) {
    return model.files.filter((e) => e.path.includes('\uFFFD')).map((e) => finding(this, 'the name is not valid UTF-8', e.path));
  },
};

const unsafeChars: Rule = {
  id: 'name-unsafe-chars', severity: 'warning', formats: ALL,
  summary: 'a file name has trailing whitespace, control or glob characters, a backslash, a leading "-", or whitespace or non-ASCII in a command name (whitespace elsewhere: info)',
  hint: 'rename the file: such names break shell scripts, globs and command lines',
  lintian: ['file-name-ends-in-whitespace', 'file-name-contains-wildcard-character', 'star-file', 'hyphen-file', 'file-name-in-PATH-is-not-ASCII'],
  why: 'Names with trailing blanks, glob characters or a leading "-" break unquoted shell code and command lines. A space inside a data file name (fonts, help pages) is common and harmless, so it is only info; in a command name it is a warning.',
  check(model) {
    const out: Finding[] = [];
    for (const e of model.files) {
      const base = e.path.slice(e.path.lastIndexOf('/') + 1);
      const command = directlyIn(e.path, PATH_DIRS);
      const problems: string[] = [];
      const notes: string[] = [];
      if (/[\x00-\x1f\x7f]/.test(base)) problems.push('control characters');
      if (/\s$/.test(base)) problems.push('trailing whitespace');
      else if (/\s/.test(base)) (command ? problems : notes).push('whitespace');
      // `[` is the POSIX test command (coreutils ships /usr/bin/[ and its manual page).
      if (/[*?[\]]/.test(base) && !/^\[(?:\.\d\w*(?:\.gz)?)?$/.test(base)) problems.push('glob characters');
      if (base.includes('\\')) problems.push('a backslash');
      if (base.startsWith('-')) problems.push('a leading "-"');
      if (/[^\x00-\x7f]/.test(base) && command && !base.includes('\uFFFD')) problems.push('non-ASCII in a command name');
      if (problems.length) out.push(finding(this, `the name has ${[...problems, ...notes].join(', ')}`, e.path));
      else if (notes.length) out.push(finding(this, `the name has ${notes.join(', ')}`, e.path, 'info'));
    }
    return out;
  },
};

export const nameRules: Rule[] = [notUtf8, unsafeChars];
