// Shell-style globs for --exclude: `*` and `?` stay within one path segment, `**` crosses segments,
// `[abc]` / `[!a-z]` are character classes.

export function globToRegExp(glob: string): RegExp {
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
    } else {
      out += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** A matcher for paths relative to an input root; patterns without `/` also match any basename. */
export function excludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.map((g) => ({ re: globToRegExp(g.replace(/^\.?\//, '').replace(/\/$/, '')), anywhere: !g.includes('/') }));
  return (relativePath) => {
    const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    return patterns.some(({ re, anywhere }) => re.test(relativePath) || (anywhere && re.test(base)));
  };
}
