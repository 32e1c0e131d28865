// Shell-style globs for --exclude: `*` and `?` stay within one path segment, `**` crosses segments,
// `[abc]` / `[!a-z]` are character classes, `{md,txt}` alternatives (as in bash and fpm).

export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${globSource(glob)}$`);
}

/** The index of the `}` closing the `{` at `open`, and the top-level comma-separated alternatives. */
function braceGroup(glob: string, open: number): { end: number; alternatives: string[] } | undefined {
  let depth = 0;
  let start = open + 1;
  const alternatives: string[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      alternatives.push(glob.slice(start, i));
      return alternatives.length > 1 ? { end: i, alternatives } : undefined;
    } else if (c === ',' && depth === 1) {
      alternatives.push(glob.slice(start, i));
      start = i + 1;
    }
  }
  return undefined;
}

function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = end;
    } else if (c === '{' && braceGroup(glob, i)) {
      const { end, alternatives } = braceGroup(glob, i)!;
      out += `(?:${alternatives.map(globSource).join('|')})`;
      i = end;
    } else {
      out += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return out;
}

/** A matcher for paths relative to an input root; patterns without `/` also match any basename. */
export function excludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.map((g) => ({ re: globToRegExp(g.replace(/^\.?\//, '').replace(/\/$/, '')), anywhere: !g.includes('/') }));
  return (relativePath) => {
    const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    return patterns.some(({ re, anywhere }) => re.test(relativePath) || (anywhere && re.test(base)));
  };
}
