// Bash-only constructs in `#!/bin/sh` scripts (mscript-bashism, docs/LINT.md §8.4). Written from the
// list of constructs in the catalogue, not from lintian's code. Comments and single-quoted strings
// are blanked first; double-quoted text is blanked too for the constructs quoting disarms
// (brace expansion, `[[`, arithmetic commands) but kept for variable expansions, which still happen.

export interface Bashism {
  line: number;
  construct: string;
}

/** Command position: line start, after `;`, `&&`, `||`, `|`, `(`, `{`, or a keyword. */
const CMD = String.raw`(?:^|[;&|({]\s*|\b(?:then|do|else|elif|if|while|until)\s+)`;

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
  const lines = blankQuotes(script).split('\n');
  const raw = blankSingleQuotes(script).split('\n');
  let heredoc: string | undefined;
  lines.forEach((line, i) => {
    if (heredoc !== undefined) {
      if (raw[i]!.replace(/^\t+/, '').trim() === heredoc) heredoc = undefined;
      return;
    }
    if (i === 0 && line.startsWith('#!')) return;
    for (const { construct, re, quotedToo } of SYNTAX) {
      if (re.test(quotedToo ? raw[i]! : line)) out.push({ line: i + 1, construct });
    }
    const here = /<<-?\s*\\?["']?(\w+)/.exec(raw[i]!);
    if (here && !/<<</.test(raw[i]!)) heredoc = here[1];
  });
  return out;
}

/** Blanks comments and the insides of single-quoted strings, keeping line structure. `$'…'` stays visible. */
function blankSingleQuotes(text: string): string {
  return scanQuotes(text, false);
}

function blankQuotes(text: string): string {
  return scanQuotes(text, true);
}

function scanQuotes(text: string, blankDouble: boolean): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      out += text[i + 1] === '\n' ? '\\\n' : '__';
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      out += "'" + text.slice(i + 1, stop).replace(/[^\n]/g, ' ') + "'";
      i = stop + 1;
    } else if (c === '"' && blankDouble) {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += '"' + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + '"';
      i = j + 1;
    } else if (c === '#' && (i === 0 || /[\s;&|(]/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
