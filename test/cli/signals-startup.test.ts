// A signal at any moment of a run, start-up included, ends pkgshift with its one-line message, the
// documented exit code (129 SIGHUP, 130 SIGINT, 143 SIGTERM) and nothing left in TMPDIR or the output
// directory. pkgshift's first line installs the handlers and only then loads the rest; a module hook
// holds that loading back, so that the signal surely arrives while modules load. Before that first
// line (Node's own start-up) the signal's default action applies: killed by it, silently, nothing
// written.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'node:test';
import { CLI, tempDir } from '../support/helpers.js';

const CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof CODES;

/** A tree with a 300 MiB sparse file: converting it takes long enough to be interrupted. */
function workspace(t: test.TestContext): { dir: string; args: string[]; env: NodeJS.ProcessEnv } {
  const dir = tempDir(t);
  for (const d of ['tmp', 'out', 'root/opt']) mkdirSync(join(dir, d), { recursive: true });
  const fd = openSync(join(dir, 'root/opt/big'), 'w');
  ftruncateSync(fd, 300 * 1024 * 1024);
  closeSync(fd);
  const args = ['-s', 'dir', '-t', 'tar', '-n', 'x', '-v', '1', '-C', join(dir, 'root'), '-p', `${join(dir, 'out')}/`, '.'];
  return { dir, args, env: { ...process.env, TMPDIR: join(dir, 'tmp') } };
}

interface Ended { code: number | null; signal: NodeJS.Signals | null; stderr: string }

async function interrupt(nodeArgs: string[], args: string[], env: NodeJS.ProcessEnv, signal: Signal, when: (stderr: string) => boolean, delay = 0): Promise<Ended> {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let sent = false;
  const send = () => {
    if (!sent && child.exitCode === null) child.kill(signal);
    sent = true;
  };
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (when(stderr)) setTimeout(send, delay);
  });
  if (when('')) setTimeout(send, delay);
  const [code, killedBy] = await once(child, 'exit') as [number | null, NodeJS.Signals | null];
  return { code, signal: killedBy, stderr };
}

function assertNothingLeft(dir: string): void {
  assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'nothing left in TMPDIR');
  assert.deepEqual(readdirSync(join(dir, 'out')), [], 'nothing in the output directory');
}

test('a signal while pkgshift loads its modules ends it with the message and exit code', async (t) => {
  const { dir, args, env } = workspace(t);
  // The hook announces that the main module is being loaded, then holds it back for 5 s.
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { writeSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.endsWith('/cli/main.js')) {
    writeSync(2, 'loading pkgshift\\n');
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return next(url, context);
}\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  // Node 20 and 22 handle the signal while the hook waits; Node 24 runs module hooks synchronously,
  // so there it is handled as soon as loading ends — with the same message, code and clean-up.
  for (const signal of Object.keys(CODES) as Signal[]) {
    const r = await interrupt(['--import', pathToFileURL(register).href], args, env, signal, (s) => s.includes('loading pkgshift'));
    assert.equal(r.code, CODES[signal], `${signal}: exit code (stderr: ${r.stderr})`);
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines[0], 'loading pkgshift');
    assert.equal(lines.at(-1), `pkgshift: error: interrupted (${signal}); nothing was written`);
    assert.equal(lines.filter((l) => l.startsWith('pkgshift: error:')).length, 1, r.stderr);
    assertNothingLeft(dir);
  }
});

test('a signal at any delay after start ends the run with its exit code and leaves nothing', async (t) => {
  const { dir, args, env } = workspace(t);
  let withMessage = 0;
  for (const delay of [0, 15, 40, 80, 150, 300, 600, 1000]) {
    for (const signal of Object.keys(CODES) as Signal[]) {
      const r = await interrupt([], args, env, signal, () => true, delay);
      const what = `${signal} after ${delay} ms (stderr: ${JSON.stringify(r.stderr)})`;
      if (r.signal !== null) {
        // Only possible before pkgshift's first line runs (Node's own start-up): no message then,
        // but nothing can have been written yet either; a shell reports 128 + the signal number.
        assert.equal(r.signal, signal, what);
        assert.equal(r.stderr, '', what);
      } else {
        assert.equal(r.code, CODES[signal], what);
        assert.equal(r.stderr, `pkgshift: error: interrupted (${signal}); nothing was written\n`, what);
        withMessage++;
      }
      assertNothingLeft(dir);
    }
  }
  // How many reach pkgshift's first line depends on the machine's load (Node alone takes 50-300 ms).
  assert.ok(withMessage > 0, `${withMessage} of 24 runs ended with the message`);
});
