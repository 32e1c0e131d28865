// A file of more than 4 GiB (sparse on disk): packed through LONGFILESIZES and the stripped 07070X
// payload in flat memory; rpm -K, rpm -qp --dump and rpm2archive accept it. Slow (hashes 4 GiB twice),
// so it is the only such test, with the fastest zstd level.
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CLI, needTools, run, runOk, tempDir } from '../support/helpers.js';
import { EPOCH } from '../support/rpm.js';

const HUGE = 4 * 1024 ** 3 + 4096;

test('a file larger than 4 GiB packs in flat memory and rpm reads its size', (t) => {
  if (!needTools(t, 'rpm', 'rpm2archive', 'tar')) return;
  const dir = tempDir(t);
  const tree = join(dir, 'tree/usr/share/huge');
  mkdirSync(tree, { recursive: true });
  const fd = openSync(join(tree, 'disk.img'), 'w');
  ftruncateSync(fd, HUGE);
  writeSync(fd, 'the end', HUGE - 100);
  closeSync(fd);
  const reportRss = "data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS='+process.resourceUsage().maxRSS+'\\n'))";
  const result = run(process.execPath, ['--import', reportRss, CLI, '-s', 'dir', '-t', 'rpm', '-n', 'huge', '-v', '1.0', '-a', 'all',
    '--license', 'MIT', '--description', 'Huge\nA huge image.', '--rpm-compression', 'zstd', '--rpm-compression-level', '1',
    '-p', `${dir}/`, '-C', join(dir, 'tree'), 'usr'], { env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
  assert.equal(result.status, 0, result.stderr);
  const pkg = result.stdout.trim();
  const maxRssKiB = Number(/MAXRSS=(\d+)/.exec(result.stderr)?.[1]);
  t.diagnostic(`max RSS ${Math.round(maxRssKiB / 1024)} MiB for a ${HUGE} byte file`);
  assert.ok(maxRssKiB > 0 && maxRssKiB < 400 * 1024, `max RSS ${maxRssKiB} KiB: memory is not flat`);

  const checked = runOk('rpm', ['-Kv', pkg]).stdout;
  assert.match(checked, /Header SHA256 digest: OK/);
  assert.match(checked, /Payload SHA256 digest: OK/);
  assert.match(checked, /MD5 digest: OK/);
  const dump = runOk('rpm', ['-qp', '--dump', pkg]).stdout;
  assert.match(dump, new RegExp(`^/usr/share/huge/disk\\.img ${HUGE} ${EPOCH} [0-9a-f]{64} 0100644 `, 'm'));
  assert.match(runOk('rpm', ['-qp', '--requires', pkg]).stdout, /rpmlib\(LargeFiles\) <= 4\.12\.0-1/);
  // rpm2archive reads the stripped 07070X payload (rpm2cpio cannot) through rpm's own file iterator.
  const listing = runOk('sh', ['-c', `rpm2archive -n - < "${pkg}" | tar -tvf -`]).stdout;
  assert.match(listing, new RegExp(`root/root\\s+${HUGE} .*\\./usr/share/huge/disk\\.img$`, 'm'));
});
