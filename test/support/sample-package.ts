// One package model built in code, with a little of everything a writer handles (an epoch, a config
// file, a hardlink, a symlink, an empty file, relations with alternatives and versions, scripts of
// both conventions), written in process through the registry's outputs. Used by the golden files and
// the round-trip matrix.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type FileEntry, type PackageModel } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { parseRelation } from '../../src/core/relations.js';
import { bufferSource } from '../../src/core/source.js';
import { withRunContext } from '../../src/pipeline.js';
import type { Options, OutputPlugin } from '../../src/plugin.js';

export const SAMPLE_TIME = 1_700_000_000;

const OWNER = { uid: 0, gid: 0, user: 'root', group: 'root', mtime: SAMPLE_TIME };

function file(path: string, content: string, mode = 0o644, extra: Partial<FileEntry> = {}): FileEntry {
  const source = bufferSource(content, path);
  return { path, type: 'file', mode, ...OWNER, size: source.size, source, ...extra };
}

export function samplePackage(): PackageModel {
  return normalize({
    metadata: {
      ...emptyMetadata(),
      name: 'sample', version: { epoch: 1, upstream: '2.0.1', release: '3' }, arch: 'amd64',
      summary: 'sample package for pkgshift tests', description: 'It has a little of everything a writer handles.\n\nSecond paragraph.',
      maintainer: 'Jane Admin <jane@example.org>', vendor: 'Example', homepage: 'https://example.org/sample', license: 'MIT', section: 'utils',
      relations: {
        depends: [parseRelation('libc6 (>= 2.17)'), parseRelation('mail-transport-agent | exim4')],
        preDepends: [parseRelation('dpkg (>= 1.19)')],
        recommends: [parseRelation('curl')],
        conflicts: [parseRelation('oldsample (<< 2)')],
        provides: [parseRelation('sample-api (= 2)')],
      },
    },
    files: [
      { path: '/usr/bin', type: 'dir', mode: 0o755, ...OWNER, size: 0 },
      file('/usr/bin/sample', '#!/bin/sh\necho sample\n', 0o755),
      { path: '/usr/bin/sample-link', type: 'symlink', mode: 0o777, ...OWNER, size: 0, target: 'sample' },
      file('/etc/sample.conf', 'port=80\n', 0o644, { flags: new Set(['config', 'noreplace']) }),
      file('/usr/share/sample/data.txt', 'data\n'),
      { path: '/usr/share/sample/data-again.txt', type: 'hardlink', mode: 0o644, ...OWNER, size: 0, target: '/usr/share/sample/data.txt' },
      file('/usr/share/sample/empty', ''),
      file('/usr/share/doc/sample/README', 'Read me.\n'),
    ],
    scripts: [
      { phase: 'postInstall', interpreter: '/bin/sh', body: '#!/bin/sh\nset -e\necho "configured $1"\n', convention: 'deb' },
      { phase: 'preRemove', interpreter: '/bin/sh', body: '#!/bin/sh\necho "removing $1"\n', convention: 'neutral' },
    ],
  }, { sourceDateEpoch: SAMPLE_TIME });
}

/** Plans and writes `pkg` through `output` into `dir`; returns the path and the diagnostics. */
export async function writeSample(output: OutputPlugin, pkg: PackageModel, dir: string, options: Options = {}): Promise<{ path: string; diag: Diagnostics }> {
  const diag = new Diagnostics();
  const path = await withRunContext(diag, false, async (runCtx) => {
    const ctx = { ...runCtx, sourceDateEpoch: SAMPLE_TIME };
    const plan = await output.plan(pkg, options, ctx);
    const path = join(dir, plan.fileName);
    const out = createWriteStream(path);
    await output.write(plan, out, ctx);
    out.end();
    await finished(out);
    return path;
  });
  return { path, diag };
}
