// The TypeScript ELF header parser against readelf (binutils) on real binaries, and the bashism
// heuristics against scripts dash runs and bash-only ones.
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { fileSource } from '../../src/core/source.js';
import { findBashisms } from '../../src/lint/bashism.js';
import { parseElf, type ElfInfo } from '../../src/formats/elf.js';
import { readRanges } from '../../src/formats/ranges.js';
import { hasTool, needTools, run, runOk, tempDir } from '../support/helpers.js';
import { makeElf } from '../support/lint-fixtures.js';
import { bufferSource } from '../../src/core/source.js';

async function parseFile(path: string): Promise<ElfInfo> {
  const source = fileSource(path, statSync(path).size);
  const [head] = await readRanges(source, [{ start: 0, length: 4096 }]);
  return parseElf(source, head!);
}

function readelf(path: string) {
  const header = runOk('readelf', ['-h', path]).stdout;
  const dynamic = run('readelf', ['-d', path]).stdout;
  const sections = runOk('readelf', ['-S', '-W', path]).stdout;
  const program = runOk('readelf', ['-l', '-W', path]).stdout;
  return {
    bits: /Class:\s+ELF(\d+)/.exec(header)![1] === '64' ? 64 : 32,
    littleEndian: /little endian/.test(header),
    machineNumber: Number(runOk('od', ['-An', '-tu2', '-j18', '-N2', path]).stdout.trim()),
    type: /Type:\s+(\w+)/.exec(header)![1],
    interpreter: /Requesting program interpreter: ([^\]]+)\]/.exec(program)?.[1],
    soname: /\(SONAME\)\s+Library soname: \[([^\]]+)\]/.exec(dynamic)?.[1],
    runpath: [...dynamic.matchAll(/\(RUNPATH\)\s+Library runpath: \[([^\]]+)\]/g)].flatMap((m) => m[1]!.split(':')),
    rpath: [...dynamic.matchAll(/\(RPATH\)\s+Library rpath: \[([^\]]+)\]/g)].flatMap((m) => m[1]!.split(':')),
    needed: [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!),
    hasSymtab: /\]\s+\.symtab\s/.test(sections),
    hasDebug: /\]\s+\.debug_\w+\s/.test(sections),
  };
}

const TYPES: Record<string, number> = { REL: 1, EXEC: 2, DYN: 3 };

function assertMatches(path: string, ours: ElfInfo) {
  const theirs = readelf(path);
  assert.equal(ours.bits, theirs.bits, path);
  assert.equal(ours.littleEndian, theirs.littleEndian, path);
  assert.equal(ours.machine, theirs.machineNumber, path);
  assert.equal(ours.type, TYPES[theirs.type!], path);
  assert.equal(ours.interpreter, theirs.interpreter, path);
  assert.equal(ours.soname, theirs.soname, path);
  assert.deepEqual(ours.runpath, theirs.runpath, path);
  assert.deepEqual(ours.rpath, theirs.rpath, path);
  assert.deepEqual(ours.needed, theirs.needed, path);
  assert.equal(ours.hasSymtab, theirs.hasSymtab, path);
  assert.equal(ours.hasDebug, theirs.hasDebug, path);
}

test('ELF parser agrees with readelf on system binaries and libraries', async (t) => {
  if (!needTools(t, 'readelf', 'od')) return;
  const libc = ['/lib/x86_64-linux-gnu/libc.so.6', '/lib/aarch64-linux-gnu/libc.so.6'].find(existsSync);
  for (const path of ['/bin/ls', '/bin/true', ...(libc ? [libc] : [])]) assertMatches(path, await parseFile(path));
});

test('ELF parser agrees with readelf on gcc output with RPATH/RUNPATH, symbols and debug info', async (t) => {
  if (!needTools(t, 'readelf', 'od', 'gcc')) return;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'hello.c'), 'int main(void) { return 0; }\n');
  runOk('gcc', ['-g', '-o', join(dir, 'runpath'), join(dir, 'hello.c'), '-Wl,-rpath,/opt/hello/lib:$ORIGIN/../lib', '-Wl,--enable-new-dtags']);
  runOk('gcc', ['-o', join(dir, 'rpath'), join(dir, 'hello.c'), '-Wl,-rpath,/tmp/build/lib', '-Wl,--disable-new-dtags', '-s']);
  runOk('gcc', ['-shared', '-fPIC', '-o', join(dir, 'libhello.so.1'), join(dir, 'hello.c'), '-Wl,-soname,libhello.so.1']);
  runOk('gcc', ['-c', '-o', join(dir, 'hello.o'), join(dir, 'hello.c')]);
  for (const name of ['runpath', 'rpath', 'libhello.so.1', 'hello.o']) assertMatches(join(dir, name), await parseFile(join(dir, name)));
  const runpath = await parseFile(join(dir, 'runpath'));
  assert.deepEqual(runpath.runpath, ['/opt/hello/lib', '$ORIGIN/../lib']);
  assert.ok(runpath.hasSymtab && runpath.hasDebug);
});

test('ELF parser reads the synthetic fixture and rejects a bad class', async () => {
  const bytes = makeElf({ machine: 183, rpath: 'lib', symtab: true });
  const info = await parseElf(bufferSource(bytes), bytes.subarray(0, 64));
  assert.deepEqual([info.machine, info.rpath, info.hasSymtab, info.interpreter], [183, ['lib'], true, '/lib64/ld-linux-x86-64.so.2']);
  const bad = Buffer.from(bytes);
  bad[4] = 7;
  await assert.rejects(parseElf(bufferSource(bad), bad), /class/);
});

const BASH_ONLY: [string, string][] = [
  ['if [[ -f /etc/x ]]; then :; fi', '[[ … ]] test'],
  ['[ "$a" == "b" ] && echo', "'==' in test"],
  ['function cleanup { :; }', 'function keyword'],
  ['source /usr/share/debconf/confmodule', "'source' instead of '.'"],
  ['cp /etc/foo.{conf,bak}', 'brace expansion'],
  ['grep x <<< "$var"', "here-string '<<<'"],
  ["echo $'a\\tb'", "$'…' string"],
  ['n=$[1+2]', "'$[…]' arithmetic"],
  ['((n++))', "'((…))' arithmetic command"],
  ['cmd &>/dev/null', "'&>' redirection"],
  ['cmd |& tee log', "'|&' pipe"],
  ['diff <(ls a) <(ls b)', 'process substitution'],
  ['arr[0]=x', 'array assignment'],
  ['echo "${arr[0]}"', 'array or substring expansion'],
  ['echo "${v:1:2}"', 'array or substring expansion'],
  ['echo "${v/a/b}"', "'${var/a/b}' substitution"],
  ['echo "${!name}"', "'${!var}' indirection"],
  ['PATH+=":/opt"', "'+=' assignment"],
  ['echo $RANDOM', 'bash-only variable'],
  ['[ "$UID" -eq 0 ]', 'bash-only variable'],
  ['declare -a list', 'bash builtin'],
  ['pushd /tmp', 'bash builtin'],
  ['echo -e "a\\n"', "'echo -e'"],
  ['read -p "Go? " ans', "'read' without a variable or with options other than -r"],
  ['exec -a name prog', "'exec -a/-c/-l'"],
  ['set -B', "'set -B/-H/-T'"],
  ['local -x FOO=1', "'local -x'"],
  ['ulimit -n 1024', "'ulimit'"],
];

for (const [line, construct] of BASH_ONLY) {
  test(`bashism found: ${line}`, () => {
    const found = findBashisms(`#!/bin/sh\n${line}\n`);
    assert.ok(found.some((b) => b.construct === construct && b.line === 2), JSON.stringify(found));
  });
}

test('POSIX scripts have no bashisms, and dash runs them', (t) => {
  const posix = [
    '#!/bin/sh', 'set -e', '# a [[ comment ]] with $RANDOM and function f {', '. /usr/share/debconf/confmodule',
    'case "$1" in', '  configure) echo "configured ${2:-none} ${x:+y} $((1 + 2))" ;;', 'esac',
    "echo 'quoted [[ $RANDOM ]] {a,b} <<< text'", 'if [ -n "$a" ] && [ "$a" = "b" ]; then :; fi', 'f() { local v; v=1; echo "$v"; }',
    'cat <<EOF', 'heredoc [[ text ]] {a,b}', 'EOF', 'read -r line < /etc/hostname', 'exec 3>&1', 'cmd >/dev/null 2>&1',
    'find /x -exec rm {} \\;', 'echo "a{b,c}"', 'while read -r x; do :; done < /dev/null',
  ].join('\n') + '\n';
  assert.deepEqual(findBashisms(posix), []);
  if (!hasTool('dash')) return t.skip('dash is not installed');
  const dir = tempDir(t);
  writeFileSync(join(dir, 's'), posix);
  assert.equal(run('dash', ['-n', join(dir, 's')]).status, 0);
});
