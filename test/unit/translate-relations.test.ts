// Relation and architecture translation tables (docs/FORMATS.md §B2.2, §B6, issue 7).
import assert from 'node:assert/strict';
import test from 'node:test';
import { debArch, neutralArch, rpmArch } from '../../src/core/arch.js';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type Metadata, type RelationKind } from '../../src/core/model.js';
import { formatDebRelation, parseRelation } from '../../src/core/relations.js';
import { debRelations, rpmRelations } from '../../src/core/relations-translate.js';

const ARCHES: [string, string, string[]][] = [
  // [deb, rpm, other spellings]
  ['all', 'noarch', []], ['amd64', 'x86_64', ['x64', 'em64t']], ['i386', 'i686', ['i586', 'i486']],
  ['arm64', 'aarch64', []], ['armhf', 'armv7hl', ['armv7l']], ['armel', 'armv5tel', []], ['ppc64el', 'ppc64le', []],
  ['s390x', 's390x', []], ['riscv64', 'riscv64', []], ['mips64el', 'mips64el', []], ['loong64', 'loongarch64', []],
];

test('architectures map both ways', () => {
  for (const [deb, rpm, others] of ARCHES) {
    for (const name of [deb, rpm, ...others]) {
      assert.equal(neutralArch(name), deb, name);
      assert.equal(debArch(neutralArch(name)), deb, name);
      assert.equal(rpmArch(neutralArch(name)), rpm, name);
    }
  }
});

test('an unknown architecture passes through with a warning', () => {
  const diag = new Diagnostics();
  assert.equal(neutralArch('sparc64', diag), 'sparc64');
  assert.deepEqual(diag.items.map((d) => d.id), ['arch-unknown']);
});

test('relation strings parse in deb, rpm and fpm spellings', () => {
  const rows: [string, string][] = [
    ['libc6 (>= 2.17)', 'libc6 (>= 2.17)'], ['libc6 >= 2.17', 'libc6 (>= 2.17)'], ['foo < 2', 'foo (<< 2)'],
    ['foo > 2', 'foo (>> 2)'], ['foo (<< 2)', 'foo (<< 2)'], ['python3:any', 'python3:any'],
    ['mail-transport-agent | exim4 (>= 4)', 'mail-transport-agent | exim4 (>= 4)'], ['bar = 1:2.0-1', 'bar (= 1:2.0-1)'],
  ];
  for (const [input, formatted] of rows) assert.equal(formatDebRelation(parseRelation(input)), formatted, input);
  assert.throws(() => parseRelation('foo (~> 2)'), /operator|parse/);
});

function metadata(relations: Partial<Record<RelationKind, string[]>>): Metadata {
  const m = emptyMetadata();
  for (const [kind, list] of Object.entries(relations)) m.relations[kind as RelationKind] = list.map(parseRelation);
  return m;
}

function flat(relations: Partial<Record<RelationKind, ReturnType<typeof parseRelation>[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(relations).map(([k, v]) => [k, v.map(formatDebRelation)]));
}

test('neutral → deb relations: rpm-only names dropped with warnings, Obsoletes as Conflicts + Replaces', () => {
  const diag = new Diagnostics();
  const out = debRelations(metadata({
    depends: ['/bin/sh', 'rpmlib(PayloadIsXz) <= 5.2-1', 'perl(Foo::Bar)', 'libfoo >= 1.0_rc1', 'PyYAML', 'mta | /usr/bin/b | exim4'],
    preDepends: ['dpkg (>= 1.19)'], obsoletes: ['oldname < 2'], supplements: ['bash'], provides: ['virt = 1', 'other >= 2'],
  }), diag);
  assert.deepEqual(flat(out), {
    depends: ['libfoo (>= 1.0.rc1)', 'pyyaml', 'mta | exim4'], preDepends: ['dpkg (>= 1.19)'],
    conflicts: ['oldname (<< 2)'], replaces: ['oldname (<< 2)'], provides: ['virt (= 1)', 'other'],
  });
  assert.deepEqual(diag.items.map((d) => d.id).sort(), [
    'relation-dropped', 'relation-dropped', 'relation-dropped', 'relation-dropped', 'relation-obsoletes', 'relation-version-dropped',
  ]);
});

test('neutral → rpm relations: Breaks as Conflicts, Replaces as Obsoletes only with a Conflicts, :any dropped', () => {
  const diag = new Diagnostics();
  const out = rpmRelations(metadata({
    depends: ['python3:any (>= 3.9)', 'a | b'], preDepends: ['dpkg'], breaks: ['old (<< 1)'], conflicts: ['rival'],
    replaces: ['rival', 'filesonly (<< 2)'], recommends: ['r'], suggests: ['s'], enhances: ['e'],
  }), diag);
  assert.deepEqual(flat(out), {
    depends: ['python3 (>= 3.9)', 'a | b'], preDepends: ['dpkg'], conflicts: ['old (<< 1)', 'rival'], obsoletes: ['rival'],
    recommends: ['r'], suggests: ['s'], enhances: ['e'],
  });
  assert.deepEqual(diag.items.map((d) => d.id).sort(), ['relation-arch-dropped', 'relation-breaks', 'relation-dropped', 'relation-replaces']);
});

test('deb versions without a revision get rpm\'s -0 where dpkg and rpm read them differently', () => {
  const relations = {
    depends: [parseRelation('libc6 (>> 2.36)'), parseRelation('a (<= 1.0)'), parseRelation('b (= 2)'), parseRelation('c (>= 3)'),
      parseRelation('d (<< 4)'), parseRelation('e (= 5-1)')],
    conflicts: [parseRelation('old (<= 1.0)')],
    provides: [parseRelation('api (= 2)')],
  };
  const versions = (metadata: Metadata) => Object.values(rpmRelations(metadata, new Diagnostics())).flat().map((r) => `${r!.name} ${r!.version}`);
  assert.deepEqual(versions({ ...emptyMetadata(), relations }),
    ['libc6 2.36-0', 'a 1.0-0', 'b 2-0', 'c 3', 'd 4', 'e 5-1', 'old 1.0-0', 'api 2']);
  // An rpm input's versions already mean what rpm reads.
  assert.deepEqual(versions({ ...emptyMetadata(), relations, extras: { rpm: { BuildTime: '1' } } }),
    ['libc6 2.36', 'a 1.0', 'b 2', 'c 3', 'd 4', 'e 5-1', 'old 1.0', 'api 2']);
});
