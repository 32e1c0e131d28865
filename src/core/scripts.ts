// Maintainer script helpers shared by the inputs and outputs.

/** The interpreter named by a script's `#!` line, or `/bin/sh` when it has none. */
export function interpreterOf(body: string): string {
  const m = /^#!\s*(\S+)/.exec(body);
  return m ? m[1]! : '/bin/sh';
}

export function hasShebang(body: string): boolean {
  return body.startsWith('#!');
}
