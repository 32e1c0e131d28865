// The round-trip matrix, in process: the sample model → every output → every input that recognises
// the file. What comes back is what the output planned: identity, relations, scripts, config files,
// and every file's type, mode, owner, time, link target and content (a hardlink as its content).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync } from 'node:fs';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import type { PackageModel } from '../../src/core/model.js';
import { formatDebRelation } from '../../src/core/relations.js';
import { withRunContext } from '../../src/pipeline.js';
import { inputs, outputs } from '../../src/registry.js';
import { tempDir } from '../support/helpers.js';
import { SAMPLE_TIME, samplePackage, writeSample } from '../support/sample-package.js';

async function contentHash(pkg: PackageModel, path: string): Promise<string> {
  let entry = pkg.files.find((f) => f.path === path);
  if (entry?.type === 'hardlink') entry = pkg.files.find((f) => f.path === entry!.target);
  const hash = createHash('sha256');
  for await (const chunk of entry?.source?.open() ?? []) hash.update(chunk);
  return hash.digest('hex').slice(0, 16);
}

/** Everything but directories (formats own different sets of them), each with what must survive. */
async function fileRows(pkg: PackageModel, withConfig: boolean): Promise<string[]> {
  const rows: string[] = [];
  for (const f of pkg.files) {
    if (f.type === 'dir') continue;
    const what = f.type === 'symlink' ? `-> ${f.target}` : `content ${await contentHash(pkg, f.path)}`;
    const config = withConfig && f.flags?.has('config') ? ' config' : '';
    rows.push(`${f.path} ${f.type === 'symlink' ? 'symlink' : 'file'} ${f.mode.toString(8)} ${f.user}:${f.group} ${f.mtime} ${what}${config}`);
  }
  return rows.sort();
}

function packageFacts(pkg: PackageModel) {
  const m = pkg.metadata;
  return {
    name: m.name, version: m.version, summary: m.summary, maintainer: m.maintainer, homepage: m.homepage, license: m.license,
    relations: Object.fromEntries(Object.entries(m.relations).filter(([, list]) => list.length)
      .map(([kind, list]) => [kind, list.map(formatDebRelation).sort()])),
    scripts: pkg.scripts.map((s) => s.phase).sort(),
  };
}

function head(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(512);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

for (const output of outputs) {
  test(`matrix: the sample package → ${output.name} → every input that reads it gives back what the output planned`, async (t) => {
    const dir = tempDir(t);
    const sample = samplePackage();
    const plan = await output.plan(sample, {}, { diag: new Diagnostics(), verbose: false, sourceDateEpoch: SAMPLE_TIME, tempPath: () => { throw new Error('planning writes nothing'); } });
    const { path } = await writeSample(output, sample, dir);
    const readers = inputs.filter((input) => input.sniff?.(head(path)));
    assert.ok(readers.length > 0, `no input reads a ${output.name} package`);
    for (const input of readers) {
      // Read contents while the run's spool (removed with its context) still holds them.
      const { back, rows } = await withRunContext(new Diagnostics(), false, async (ctx) => {
        const back = await input.read([path], {}, ctx);
        return { back, rows: await fileRows(back, input.carriesConfigFlags === true) };
      });
      // The deb input reads the copyright file the deb output generated back as the license (README
      // "Fields only one format has"); a tarball says nothing of config files.
      const generated = `/usr/share/doc/${plan.model.metadata.name}/copyright `;
      const expected = (await fileRows(plan.model, input.carriesConfigFlags === true)).filter((row) => !(input.name === 'deb' && row.startsWith(generated)));
      assert.deepEqual(rows, expected, `${output.name} → ${input.name}: files`);
      // A tarball carries files only; deb and rpm carry the package's metadata too.
      if (input.lintFormat !== 'tar') assert.deepEqual(packageFacts(back), packageFacts(plan.model), `${output.name} → ${input.name}: metadata`);
    }
  });
}
