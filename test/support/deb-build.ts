// Builds real .deb packages with dpkg-deb for the input tests: a tree with every feature the deb
// input must read (hardlinks, symlinks, long and UTF-8 names, setuid/setgid/sticky, non-root
// owners, conffiles, scripts, extra control files, multi-line and unknown control fields).
import { chmodSync, chownSync, linkSync, mkdirSync, symlinkSync, writeFileSync, readFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './helpers.js';

export const LONG_DIR = `usr/share/${'very-long-directory-name-'.repeat(4)}end`;
export const LONG_NAME = `${LONG_DIR}/${'a-file-with-a-long-name-'.repeat(3)}end.txt`;
export const UTF8_NAME = 'usr/share/doc/demo/naïve-café-日本.txt';

export const CONTROL = `Package: demo-pkg
Version: 2:1.2.3~rc1-4
Architecture: all
Maintainer: Dëmo Maintainer <demo@example.org>
Section: utils
Priority: optional
Homepage: https://example.org/demo
Depends: libc6 (>= 2.34), python3:any | perl (>> 5.30)
Pre-Depends: dpkg (>= 1.19)
Recommends: less
Suggests: vim | emacs
Conflicts: old-demo (<< 1.0)
Breaks: older-demo (<= 0.9)
Replaces: old-demo
Provides: demo-virtual (= 1.2)
Enhances: bash
X-Custom-Field: custom value
 continued here
Description: a demo package for the reader tests
 First paragraph of the long description,
 on two lines.
 .
   Indented verbatim line.
 .
 Last paragraph.
`;

export const POSTINST = '#!/usr/bin/perl\nprint "configured\\n";\nexit 0;\n';
export const PRERM = '#!/bin/sh\nset -e\necho removing "$1"\n';
export const TRIGGERS = 'interest-noawait /usr/share/demo\n';

/** Writes the package tree under `root` (with DEBIAN/), owned and moded as the tests expect. */
export function writeDemoTree(root: string): void {
  const put = (rel: string, content: string | Buffer, mode = 0o644) => {
    const path = join(root, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    chmodSync(path, mode);
  };
  put('usr/bin/demo', '#!/bin/sh\necho demo\n', 0o755);
  put('usr/bin/demo-suid', 'setuid program\n', 0o4755);
  put('etc/demo/demo.conf', 'key = value\n');
  put(LONG_NAME, 'long name content\n');
  put(UTF8_NAME, 'utf-8 name content\n');
  put('usr/share/demo/data.bin', Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) % 256)));
  linkSync(join(root, 'usr/bin/demo'), join(root, 'usr/bin/demo-hardlink'));
  symlinkSync('demo', join(root, 'usr/bin/demo-symlink'));
  symlinkSync('/etc/demo/demo.conf', join(root, 'usr/share/demo/conf-link'));
  mkdirSync(join(root, 'var/spool/demo'), { recursive: true });
  chmodSync(join(root, 'var/spool/demo'), 0o1777);
  mkdirSync(join(root, 'var/lib/demo'), { recursive: true });
  chmodSync(join(root, 'var/lib/demo'), 0o2775);
  chownSync(join(root, 'var/lib/demo'), 0, 50); // root:staff
  chownSync(join(root, 'usr/share/demo/data.bin'), 1, 1); // daemon:daemon
  put('DEBIAN/control', CONTROL);
  put('DEBIAN/conffiles', '/etc/demo/demo.conf\n');
  put('DEBIAN/postinst', POSTINST, 0o755);
  put('DEBIAN/prerm', PRERM, 0o755);
  put('DEBIAN/triggers', TRIGGERS);
  const md5 = runOk('sh', ['-c', `cd '${root}' && find . -path ./DEBIAN -prune -o -type f -printf '%P\\0' | sort -z | xargs -0 md5sum`]).stdout;
  put('DEBIAN/md5sums', md5);
}

/** dpkg-deb --build with -Z`compression`. */
export function buildDeb(root: string, out: string, compression: string): string {
  runOk('dpkg-deb', ['--build', `-Z${compression}`, root, out]);
  return out;
}

/** A minimal ar writer, for hand-built debs (members dpkg-deb cannot produce, members reordered). */
export function writeAr(out: string, members: { name: string; data: Buffer }[]): void {
  const fd = openSync(out, 'w');
  writeSync(fd, '!<arch>\n');
  for (const { name, data } of members) {
    const header = `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(data.length).padEnd(10)}\`\n`;
    writeSync(fd, header);
    writeSync(fd, data);
    if (data.length % 2) writeSync(fd, '\n');
  }
  closeSync(fd);
}

/** The members of an ar archive, read with plain offsets (test-side, independent of src/). */
export function readArMembers(path: string): { name: string; offset: number; size: number; data: Buffer }[] {
  const bytes = readFileSync(path);
  const members = [];
  let at = 8;
  while (at + 60 <= bytes.length) {
    const name = bytes.subarray(at, at + 16).toString('latin1').trim().replace(/\/$/, '');
    const size = Number(bytes.subarray(at + 48, at + 58).toString('latin1').trim());
    members.push({ name, offset: at, size, data: bytes.subarray(at + 60, at + 60 + size) });
    at += 60 + size + (size % 2);
  }
  return members;
}
