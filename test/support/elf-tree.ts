// A small tree of real ELF objects built with gcc in the test: a versioned shared library, a program
// linked against it and libm, a PIE and a non-PIE executable, a library without a soname, a
// non-executable copy of the program, and scripts with and without the executable bit.
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './helpers.js';

export function buildElfTree(root: string, work: string): void {
  const lib = join(root, 'usr/lib/x86_64-linux-gnu');
  const bin = join(root, 'usr/bin');
  const libexec = join(root, 'usr/libexec/demo');
  for (const dir of [lib, bin, libexec]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(work, 'demo.c'), 'int demo_one(void) { return 1; }\nint demo_two(void) { return 2; }\n');
  writeFileSync(join(work, 'demo.map'), 'DEMO_1.0 { global: demo_one; local: *; };\nDEMO_1.1 { global: demo_two; } DEMO_1.0;\n');
  runOk('gcc', ['-shared', '-fPIC', '-o', join(lib, 'libdemo.so.1'), '-Wl,-soname,libdemo.so.1', `-Wl,--version-script=${join(work, 'demo.map')}`, join(work, 'demo.c')]);
  writeFileSync(join(work, 'main.c'), '#include <math.h>\n#include <stdio.h>\nint demo_two(void);\nint main(int c, char **v) { printf("%f %d\\n", cos(c), demo_two()); return 0; }\n');
  runOk('gcc', ['-o', join(bin, 'demo'), join(work, 'main.c'), `-L${lib}`, '-l:libdemo.so.1', '-lm']);
  runOk('gcc', ['-no-pie', '-o', join(bin, 'demo-static-base'), join(work, 'main.c'), `-L${lib}`, '-l:libdemo.so.1', '-lm', '-Wl,--hash-style=both']);
  writeFileSync(join(work, 'plugin.c'), 'int plugin(void) { return 3; }\n');
  runOk('gcc', ['-shared', '-fPIC', '-o', join(libexec, 'plugin.so'), join(work, 'plugin.c')]);
  copyFileSync(join(bin, 'demo'), join(libexec, 'demo-data'));
  chmodSync(join(libexec, 'demo-data'), 0o644);
  writeFileSync(join(bin, 'demo-sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  writeFileSync(join(bin, 'demo-env'), '#!/usr/bin/env /usr/bin/perl\nprint 1;\n', { mode: 0o755 });
  writeFileSync(join(libexec, 'not-run.sh'), '#!/bin/bash\necho never\n', { mode: 0o644 });
}
