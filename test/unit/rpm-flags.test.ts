// File flags from the model (config, noreplace, doc, license, ghost, missingok) as rpm sees them:
// FILEFLAGS / FILEVERIFYFLAGS, ghosts absent from the payload, and an install that rpm -V finds clean.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type FileEntry, type FileFlag, type PackageModel } from '../../src/core/model.js';
import { normalize } from '../../src/core/normalize.js';
import { bufferSource } from '../../src/core/source.js';
import { writeAtomically } from '../../src/output-file.js';
import { rpmOutput } from '../../src/outputs/rpm/index.js';
import { RPMFILE, RPMVERIFY } from '../../src/formats/rpm/tags.js';
import { needTools, runOk, tempDir } from '../support/helpers.js';
import { RpmRoot, queryFormat } from '../support/rpm.js';

function file(path: string, content: string, flags: FileFlag[] = []): FileEntry {
  return {
    path, type: 'file', mode: 0o644, uid: 0, gid: 0, user: 'root', group: 'root', mtime: 1700000000,
    size: Buffer.byteLength(content), source: bufferSource(content, path), flags: new Set(flags),
  };
}

test('model file flags become rpm file flags; ghosts are listed but not in the payload', async (t) => {
  if (!needTools(t, 'rpm', 'rpm2cpio', 'cpio')) return;
  const dir = tempDir(t);
  const diag = new Diagnostics();
  const model: PackageModel = normalize({
    metadata: { ...emptyMetadata(), name: 'flags', version: { upstream: '1.0' }, summary: 'Flags', description: 'File flags.', license: 'MIT' },
    files: [
      file('/etc/flags/auto.conf', 'auto\n', ['config', 'noreplace']),
      file('/etc/flags/plain.conf', 'plain\n'),
      file('/usr/lib/flags/explicit.conf', 'explicit\n', ['config']),
      file('/usr/lib/flags/README', 'read me\n', ['doc']),
      file('/usr/lib/flags/COPYING', 'license\n', ['license']),
      file('/usr/lib/flags/optional', 'maybe\n', ['missingok']),
      file('/var/log/flags.log', '', ['ghost']),
      file('/usr/share/doc/flags/NEWS', 'news\n'),
    ],
    scripts: [],
  });
  let counter = 0;
  const ctx = { diag, verbose: false, sourceDateEpoch: 1700000000, tempPath: (n: string) => join(dir, `${counter++}-${n}`) };
  const plan = await rpmOutput.plan(model, {}, ctx);
  const pkg = join(dir, plan.fileName);
  await writeAtomically(pkg, false, (out) => rpmOutput.write(plan, out, ctx));

  const rows = new Map(queryFormat(pkg, '[%{FILENAMES}\t%{FILEFLAGS}\t%{FILEVERIFYFLAGS}\t%{FILEDIGESTS}\n]').replace(/\n$/, '').split('\n')
    .map((l) => l.split('\t')).map((r) => [r[0]!, r.slice(1)]));
  const all = String(RPMVERIFY.ALL);
  const flagsOf = (p: string) => Number(rows.get(p)?.[0]);
  assert.equal(flagsOf('/etc/flags/auto.conf'), RPMFILE.CONFIG | RPMFILE.NOREPLACE);
  assert.equal(flagsOf('/etc/flags/plain.conf'), 0, 'the output follows the flags: /etc defaults are the pipeline\'s');
  assert.equal(flagsOf('/usr/lib/flags/explicit.conf'), RPMFILE.CONFIG, 'config without noreplace is plain %config');
  assert.equal(flagsOf('/usr/lib/flags/README'), RPMFILE.DOC);
  assert.equal(flagsOf('/usr/lib/flags/COPYING'), RPMFILE.LICENSE);
  assert.equal(flagsOf('/usr/lib/flags/optional'), RPMFILE.MISSINGOK);
  assert.equal(flagsOf('/usr/share/doc/flags/NEWS'), RPMFILE.DOC);
  assert.equal(flagsOf('/var/log/flags.log'), RPMFILE.GHOST);
  assert.equal(rows.get('/usr/lib/flags/README')![1], all);
  const ghostVerify = Number(rows.get('/var/log/flags.log')![1]) >>> 0;
  assert.equal(ghostVerify & (RPMVERIFY.FILEDIGEST | RPMVERIFY.FILESIZE | RPMVERIFY.LINKTO | RPMVERIFY.MTIME), 0);
  assert.equal(rows.get('/var/log/flags.log')![2], '');
  // /etc, /usr/lib, /var/log … are system directories; /etc/flags and /usr/lib/flags were only implied.
  assert.deepEqual([...rows.keys()].sort(), model.files.filter((f) => f.type === 'file').map((f) => f.path).sort());

  const payload = runOk('sh', ['-c', `rpm2cpio "${pkg}" | cpio -t --quiet`]).stdout;
  assert.doesNotMatch(payload, /flags\.log/);
  assert.match(payload, /\.\/etc\/flags\/auto\.conf/);

  const root = new RpmRoot(t);
  root.rpmOk(['-i', '--excludedocs', pkg]);
  assert.ok(!existsSync(join(root.path, 'usr/lib/flags/README')), '%doc honours --excludedocs');
  assert.ok(existsSync(join(root.path, 'usr/lib/flags/COPYING')), '%license is installed regardless');
  assert.ok(!existsSync(join(root.path, 'var/log/flags.log')), 'a ghost is not installed');
  const verify = root.rpm(['-V', 'flags']);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
});
