// Typed errors: every failure a user can cause is a PkgError with a stable code and a message that
// names the step and the member. The CLI prints the message on one line; no stack trace.

export type ErrorCode =
  | 'usage'            // bad command line
  | 'input-missing'    // a named input does not exist
  | 'input-unreadable' // it exists but cannot be read
  | 'input-invalid'    // wrong magic, truncated, corrupt
  | 'input-unsafe'     // hostile member: absolute, `..`, escaping link, device
  | 'path-invalid'     // a path that cannot be placed in a package
  | 'path-duplicate'   // two entries for one path
  | 'metadata-invalid' // name/version/arch that the target format cannot carry
  | 'output-exists'    // output file present and no --force
  | 'output-failed'    // writing the output failed
  | 'unsupported'      // a feature the format or this build does not support
  | 'lint-failed';     // lint findings reached --fail-on / --strict (exit code 3)

export class PkgError extends Error {
  constructor(readonly code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PkgError';
  }
}

/** Runs `step`, prefixing any error with `context` ("reading data.tar.xz from foo.deb"). */
export async function withContext<T>(context: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof PkgError) throw new PkgError(err.code, `${context}: ${err.message}`, { cause: err });
    throw new PkgError('input-invalid', `${context}: ${describeError(err)}`, { cause: err });
  }
}

/** Messages are cut to this many characters: a hostile name must not flood the terminal. */
const MAX_MESSAGE = 1000;

/**
 * Text from a package made safe for one line of a terminal: control characters (newlines, escape
 * sequences) shown as escapes, and cut to a sane length.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return escaped.length > MAX_MESSAGE ? `${escaped.slice(0, MAX_MESSAGE)}… (${escaped.length - MAX_MESSAGE} more characters)` : escaped;
}

/** A one-line description of any thrown value, without the stack. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const sys = err as NodeJS.ErrnoException;
    if (sys.code && sys.syscall) {
      const what = SYSTEM_ERRORS[sys.code] ?? sys.code;
      return sys.path ? `${what}: ${sys.path}` : what;
    }
    return err.message;
  }
  return String(err);
}

/** ENOSPC and EDQUOT: the device, or the user's quota on it, is full. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The one line for a full disk (or quota) while writing `what` into `dir`. */
export function diskFull(what: string, dir: string, cause: unknown): PkgError {
  return new PkgError('output-failed', `no space left on device while writing ${what} in ${dir}`, { cause });
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  EPERM: 'operation not permitted',
};
