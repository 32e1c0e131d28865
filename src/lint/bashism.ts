// Bash-only constructs in `#!/bin/sh` scripts (mscript-bashism, docs/LINT.md). Written from the list
// of constructs in the catalogue, not from lintian's code. The script is first read the way a shell
// reads it (see `shellView`): comments, quoted text and here-document bodies are told apart, so that a
// construct is found on an indented line, in a `case` branch, a function or after a here-document, and
// not inside a string or a here-document's text. Syntax constructs are matched on the code alone;
// expansions (`${var/a/b}`) also inside double quotes and unquoted here-documents, where the shell
// still expands them.

export interface Bashism {
  line: number;
  construct: string;
}

/**
 * Command position: the start of a line (after indentation), after `;`, `;;`, `&&`, `||`, `|`, `(`,
 * `{`, a backquote, a keyword, or a `case` pattern (`  start|restart)`).
 */
const CMD = String.raw`(?:^\s*|[;&|({\x60]\s*|\b(?:then|do|else|elif|if|while|until)\s+|!\s+|^\s*\(?[\w*.|$-]+\)\s+)`;

const SYNTAX: { construct: string; re: RegExp; quotedToo?: boolean }[] = [
  { construct: '[[ … ]] test', re: new RegExp(`${CMD}\\[\\[\\s`) },
  { construct: "'==' in test", re: /(?:\[|\btest)\s[^\]]*?\s==\s/ },
  { construct: 'unary -a in test', re: /(?:\[|\btest)\s+!?\s*-a\s+["$\w/]/ },
  { construct: 'function keyword', re: new RegExp(`${CMD}function\\s+[\\w:-]+`) },
  { construct: "'source' instead of '.'", re: new RegExp(`${CMD}source\\s+\\S`) },
  { construct: "'.' with arguments", re: new RegExp(`${CMD}\\.\\s+[^\\s;&|]+\\s+[^\\s;&|#>]`) },
  { construct: 'brace expansion', re: /(?:^|[\s=/])[\w./-]*\{[\w./-]*,[\w./,-]*\}/ },
  { construct: "here-string '<<<'", re: /<<</ },
  { construct: "$'…' string", re: /\$'/ },
  { construct: "'$[…]' arithmetic", re: /\$\[/ },
  { construct: "'((…))' arithmetic command", re: new RegExp(`${CMD}\\(\\(`) },
  { construct: "'&>' redirection", re: /(?:^|[^<>&\d])&>/ },
  { construct: "'|&' pipe", re: /\|&/ },
  { construct: "'>& file' redirection", re: /(?:^|[^\d<>])>&\s*[^\s\d-]/ },
  { construct: 'process substitution', re: /(?:^|[\s;|&])[<>]\(/ },
  { construct: 'array assignment', re: new RegExp(`${CMD}\\w+\\[[^\\]]*\\]=`) },
  { construct: "'+=' assignment", re: new RegExp(`${CMD}\\w+\\+=`) },
  { construct: 'array or substring expansion', re: /\$\{\w+(?:\[|:\d|:\s+-?\d)/, quotedToo: true },
  { construct: "'${var/a/b}' substitution", re: /\$\{\w+\/\/?/, quotedToo: true },
  { construct: "'${!var}' indirection", re: /\$\{!\w/, quotedToo: true },
  { construct: 'bash-only variable', re: /\$\{?(?:RANDOM|UID|EUID|HOSTNAME|HOSTTYPE|OSTYPE|BASH_\w+|BASH|PIPESTATUS|SHLVL|FUNCNAME|DIRSTACK|SECONDS)\b/, quotedToo: true },
  { construct: 'bash builtin', re: new RegExp(`${CMD}(?:let|select|declare|typeset|pushd|popd|shopt|disown|suspend|mapfile|readarray|compgen|complete)\\b(?!\\s*=)`) },
  { construct: "'ulimit'", re: new RegExp(`${CMD}ulimit\\b`) },
  { construct: "'local -x'", re: new RegExp(`${CMD}local\\s+-\\w`) },
  { construct: "'echo -e'", re: new RegExp(`${CMD}echo\\s+-[neE]*e`) },
  { construct: "'read' without a variable or with options other than -r", re: new RegExp(`${CMD}read(?:\\s*(?:$|[;&|<>])|\\s+(?:-r\\s+)?-[^r\\s])`) },
  { construct: "'exec -a/-c/-l'", re: new RegExp(`${CMD}exec\\s+-[acl]`) },
  { construct: "'set -B/-H/-T'", re: new RegExp(`${CMD}set\\s+-\\w*[BHT]`) },
];

/** Interpreters that are a POSIX shell, where bashisms are a bug (dash is /bin/sh on Debian). */
export function isPosixShell(interpreter: string): boolean {
  return /^(?:\/usr)?\/bin\/sh$/.test(interpreter) || interpreter === 'sh';
}

export function findBashisms(script: string): Bashism[] {
  const out: Bashism[] = [];
  const { code, expanded } = shellView(script);
  code.forEach((line, i) => {
    if (i === 0 && script.startsWith('#!')) return;
    for (const { construct, re, quotedToo } of SYNTAX) {
      if (re.test(quotedToo ? expanded[i]! : line)) out.push({ line: i + 1, construct });
    }
  });
  return out;
}

/**
 * Two views of the script, line for line: `code` keeps only what the shell parses as syntax (comments,
 * quoted text and here-document bodies become blanks); `expanded` also keeps what the shell expands:
 * double-quoted text and the bodies of here-documents whose delimiter is unquoted.
 */
export function shellView(text: string): { code: string[]; expanded: string[] } {
  let code = '';
  let expanded = '';
  const both = (c: string) => { code += c; expanded += c; };
  const blank = (c: string) => { const b = c === '\n' ? '\n' : ' '; code += b; expanded += b; };
  const pending: { delimiter: string; strip: boolean; expands: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n' && pending.length) {
      both('\n');
      i++;
      // Here-document bodies follow the line that opened them, one after the other.
      for (const doc of pending.splice(0)) {
        while (i < text.length) {
          const end = text.indexOf('\n', i);
          const line = text.slice(i, end < 0 ? text.length : end);
          const done = (doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter;
          code += ' '.repeat(line.length);
          expanded += done || !doc.expands ? ' '.repeat(line.length) : line;
          i += line.length;
          if (i < text.length) { both('\n'); i++; }
          if (done) break;
        }
      }
    } else if (c === '\\' && i + 1 < text.length) {
      if (text[i + 1] === '\n') both('\\\n');
      else { code += '__'; expanded += '__'; }
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      both("'");
      for (const ch of text.slice(i + 1, stop)) blank(ch);
      both("'");
      i = stop + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const inside = text.slice(i + 1, j);
      code += '"' + inside.replace(/[^\n]/g, ' ') + '"';
      expanded += '"' + inside + '"';
      i = j + 1;
    } else if (c === '#' && (i === 0 || /[\s;&|(]/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      for (const ch of text.slice(i, stop)) blank(ch);
      i = stop;
    } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      const m = /^<<(-?)\s*(\\?)(["']?)([\w.-]+)\3/.exec(text.slice(i));
      if (m) {
        pending.push({ delimiter: m[4]!, strip: m[1] === '-', expands: !m[2] && !m[3] });
        for (const ch of m[0]) both(ch);
        i += m[0].length;
      } else {
        both(c);
        i++;
      }
    } else {
      both(c);
      i++;
    }
  }
  return { code: code.split('\n'), expanded: expanded.split('\n') };
}
