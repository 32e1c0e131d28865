// A build directory with every kind of entry a package must carry, for end-to-end tests.
import { chmodSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LONG_DIR = `deep-${'d'.repeat(90)}/${'e'.repeat(90)}`; // > 100 bytes
export const LONG_FILE = `${LONG_DIR}/${'f'.repeat(80)}.txt`; // > 255 bytes with the prefix
export const UTF8_FILE = 'share/naïve-ünïcødé-файл.txt';
export const LONG_TARGET = `../${LONG_DIR}/${'f'.repeat(80)}.txt`;

/** Creates the tree under `root` and returns the entries it expects, relative to `root`. */
export function makeTree(root: string): void {
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'empty'));
  mkdirSync(join(root, LONG_DIR), { recursive: true });
  mkdirSync(join(root, 'share'));
  writeFileSync(join(root, 'bin/tool'), '#!/bin/sh\necho tool\n');
  chmodSync(join(root, 'bin/tool'), 0o755);
  writeFileSync(join(root, 'bin/suid'), '#!/bin/sh\n');
  chmodSync(join(root, 'bin/suid'), 0o4755);
  linkSync(join(root, 'bin/tool'), join(root, 'bin/tool-hardlink'));
  symlinkSync('tool', join(root, 'bin/tool-symlink'));
  writeFileSync(join(root, LONG_FILE), 'long\n');
  writeFileSync(join(root, UTF8_FILE), 'utf8\n');
  symlinkSync(LONG_TARGET, join(root, 'share/long-link'));
  writeFileSync(join(root, 'share/data.txt'), 'x'.repeat(100_000));
}
