// `npm run bench [NAME [ARGS]]`: runs every benchmark, or those whose name starts with NAME, and prints
// Markdown tables. Add a benchmark by adding an entry to BENCHES.
import { runBombBench } from './bombs.js';
import { runConvertBench } from './convert.js';
import { formatMeasurements, runLintBench } from './lint.js';
import { LIMIT_MIB, runLintMemoryBench } from './lint-memory.js';
import { runRepoBench } from './repo.js';
import { runSpeedBench } from './speed.js';

const BENCHES: { name: string; run: () => string | Promise<string> }[] = [
  { name: 'speed: CPU and peak memory against GNU tar, dpkg-deb, rpmbuild, alien and the codec floor (--quick: small inputs)', run: () => runSpeedBench(process.argv.slice(3)) },
  { name: 'convert: small files and a large file to deb, rpm and tar', run: () => formatMeasurements(runConvertBench()) },
  { name: 'lint: pkgshift lint vs lintian and rpmlint', run: () => formatMeasurements(runLintBench()) },
  { name: `lint-memory: peak RSS on a 2 GiB file in an xz deb and a zstd rpm (must stay under ${LIMIT_MIB} MiB)`, run: () => formatMeasurements(runLintMemoryBench()) },
  { name: 'bombs: peak RSS refusing 1 GiB decompression bombs of every codec (target ≤ 150 MiB)', run: async () => formatMeasurements(await runBombBench()) },
  { name: 'repo: 1,000 small packages indexed, vs dpkg-scanpackages and createrepo_c', run: async () => formatMeasurements(await runRepoBench()) },
];

const only = process.argv[2];
for (const bench of BENCHES.filter((b) => !only || b.name.startsWith(only))) {
  process.stdout.write(`## ${bench.name}\n\n${await bench.run()}\n`);
}
