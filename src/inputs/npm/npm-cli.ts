// Runs npm's own installer, as a child process, to lay a package out exactly as `npm install -g`
// would: the package in PREFIX/lib/node_modules/NAME with its production dependencies nested
// inside it, bin links in PREFIX/bin, man links in PREFIX/share/man. The user's npm configuration
// (registry, cache, auth, proxy) applies as for any npm command; only the prefix is ours.
import { spawn } from 'node:child_process';
import { trackChild } from '../../core/cleanup.js';
import { PkgError, describeError } from '../../core/errors.js';

export interface InstallOptions {
  /** The npm executable (`npm` on PATH unless --npm-bin). */
  npm: string;
  /** Run install scripts (the package's and its dependencies'); off unless --npm-run-scripts. */
  runScripts: boolean;
}

/**
 * `npm install -g --prefix STAGE SPEC`. `--install-links` copies a directory (and its `file:`
 * dependencies) the way a published tarball would be installed, instead of symlinking it.
 */
export async function npmInstall(spec: string, stage: string, options: InstallOptions): Promise<void> {
  const args = [
    'install', '--global', '--prefix', stage, '--install-links', '--omit=dev',
    '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error',
    ...(options.runScripts ? [] : ['--ignore-scripts']),
    '--', spec,
  ];
  const { status, stderr } = await runNpm(options.npm, args);
  if (status !== 0) throw new PkgError('input-invalid', `npm install ${spec} failed: ${npmErrorSummary(stderr)}`);
}

function runNpm(npm: string, args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that an interrupted run kills npm and everything npm started (cleanup.ts).
    const child = spawn(npm, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    trackChild(child);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < 64 * 1024) stderr += text;
    });
    child.on('error', (err) => reject(new PkgError('input-unreadable', `running ${npm}: ${describeError(err)} (install npm, or give --npm-bin)`, { cause: err })));
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 128 : 1), stderr }));
  });
}

/** npm's error lines, on one line, without the pointer to its log file. */
export function npmErrorSummary(stderr: string): string {
  const lines = stderr.split('\n')
    .filter((l) => l.startsWith('npm error') || l.startsWith('npm ERR!'))
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter((l) => l && !/complete log of this run|^A complete log/i.test(l));
  const text = lines.slice(0, 4).join('; ');
  return text || stderr.trim().split('\n').slice(-1)[0] || 'npm exited with an error';
}
