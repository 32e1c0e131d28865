// Control-file text: field writer, Description folding, Installed-Size, names and versions,
// and the fields built from a model (golden text).
import test from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type Metadata } from '../../src/core/model.js';
import { parseRelation } from '../../src/core/relations.js';
import { descriptionValue, formatControl, installedSizeKiB } from '../../src/formats/deb/control.js';
import { controlFields } from '../../src/outputs/deb/control.js';
import { debOutput } from '../../src/outputs/deb/index.js';
import { PLACEHOLDER_MAINTAINER } from '../../src/core/placeholders.js';
import { defaultMaintainer } from '../../src/core/maintainer.js';
import { checkDebVersion, debFileName, debPackageName } from '../../src/outputs/deb/naming.js';

test('formatControl writes fields, continuation lines, and blank lines as " ."', () => {
  const text = formatControl([['Package', 'foo'], ['Description', 'short\nline one\n\n  verbatim\n   \nend']]);
  assert.equal(text, 'Package: foo\nDescription: short\n line one\n .\n   verbatim\n .\n end\n');
});

test('formatControl refuses duplicate names in any case, bad names and empty values', () => {
  assert.throws(() => formatControl([['Package', 'a'], ['package', 'b']]), /twice/);
  assert.throws(() => formatControl([['Bad Name', 'x']]), /not a valid control field name/);
  assert.throws(() => formatControl([['Na:me', 'x']]), /not a valid/);
  assert.throws(() => formatControl([['#Comment', 'x']]), /not a valid/);
  assert.throws(() => formatControl([['-Dash', 'x']]), /not a valid/);
  assert.throws(() => formatControl([['Empty', '  ']]), /empty value/);
});

test('descriptionValue: one-line synopsis, extended text without surrounding blank lines', () => {
  assert.equal(descriptionValue('My  app\n', '\n\nLonger text.\n\nMore.\n\n'), 'My app\nLonger text.\n\nMore.');
  assert.equal(descriptionValue('Only a summary', '  \n'), 'Only a summary');
});

test("installedSizeKiB follows dpkg-gencontrol: files and symlinks rounded up, other objects 1, hardlinks once, root 1", () => {
  assert.equal(installedSizeKiB([]), 1);
  assert.equal(installedSizeKiB([
    { type: 'dir', size: 0 }, // 1
    { type: 'file', size: 1 }, // 1
    { type: 'file', size: 1024 }, // 1
    { type: 'file', size: 1025 }, // 2
    { type: 'file', size: 0 }, // 0
    { type: 'symlink', size: 12 }, // 1
    { type: 'hardlink', size: 0 }, // 0
  ]), 1 + 1 + 1 + 1 + 2 + 0 + 1);
});

test('deb package names: valid kept, upper case and _ fixed with a warning, impossible refused', () => {
  const diag = new Diagnostics();
  assert.equal(debPackageName('lib-foo2.0+x', diag), 'lib-foo2.0+x');
  assert.equal(diag.items.length, 0);
  assert.equal(debPackageName('My_App', diag), 'my-app');
  assert.equal(diag.items[0]?.id, 'deb-name-changed');
  assert.throws(() => debPackageName('a'), /cannot be a deb package name/);
  assert.throws(() => debPackageName('-x'), /cannot be a deb package name/);
  assert.throws(() => debPackageName('f@o'), /cannot be a deb package name/);
});

test('deb versions: what dpkg refuses is an error, a non-digit start a warning', () => {
  assert.equal(checkDebVersion({ epoch: 2, upstream: '1.0~rc1', release: '1+b1' }), '2:1.0~rc1-1+b1');
  assert.equal(checkDebVersion({ upstream: '1.0-beta' }), '1.0-beta');
  assert.throws(() => checkDebVersion({ upstream: '1.0_1' }), /found '_'/);
  assert.throws(() => checkDebVersion({ upstream: '1.0', release: 'a-b' }), /revision/);
  assert.throws(() => checkDebVersion({ upstream: '1:0' }), /found ':'/);
  assert.throws(() => checkDebVersion({ upstream: '' }), /empty/);
  const diag = new Diagnostics();
  checkDebVersion({ upstream: 'v1' }, diag);
  assert.equal(diag.items[0]?.id, 'deb-version-not-digit');
});

test('file name is NAME_VERSION_ARCH.deb without the epoch', () => {
  const metadata: Metadata = { ...emptyMetadata(), name: 'foo', version: { epoch: 3, upstream: '1.2', release: '4' }, arch: 'x86_64' };
  assert.equal(debFileName(metadata), 'foo_1.2-4_amd64.deb');
});

test('maintainer default: DEBFULLNAME and DEBEMAIL, EMAIL, a name inside DEBEMAIL, else a placeholder', () => {
  const diag = new Diagnostics();
  assert.equal(defaultMaintainer({ DEBFULLNAME: 'Jane Doe', DEBEMAIL: 'jane@example.org', EMAIL: 'x@y.z' }, diag), 'Jane Doe <jane@example.org>');
  assert.equal(defaultMaintainer({ NAME: 'Joe', EMAIL: 'joe@example.org' }, diag), 'Joe <joe@example.org>');
  assert.equal(defaultMaintainer({ DEBEMAIL: 'Ann Other <ann@example.org>' }, diag), 'Ann Other <ann@example.org>');
  assert.equal(diag.items.filter((d) => d.severity === 'warning').length, 0);
  assert.equal(defaultMaintainer({ DEBEMAIL: 'ann@example.org' }, diag), 'ann <ann@example.org>');
  assert.equal(diag.items.at(-1)?.id, 'maintainer-name-guessed');
  assert.equal(defaultMaintainer({ DEBFULLNAME: 'No Mail', EMAIL: 'not-an-address' }, diag), PLACEHOLDER_MAINTAINER);
  assert.equal(diag.items.at(-1)?.id, 'maintainer-placeholder');
  assert.match(PLACEHOLDER_MAINTAINER, /^[^<>]+ <[^<>@\s]+@[^<>@\s]+\.invalid>$/);
});

/** The metadata as the deb output plans it (translated, defaults filled in), which controlFields writes. */
async function planned(metadata: Metadata, diag = new Diagnostics()): Promise<Metadata> {
  const ctx = { diag, verbose: false, tempPath: (): string => { throw new Error('planning needs no temporary file'); } };
  return (await debOutput.plan({ metadata, files: [], scripts: [] }, {}, ctx)).model.metadata;
}

const FULL: Metadata = {
  ...emptyMetadata(),
  name: 'myapp',
  version: { epoch: 1, upstream: '1.2.0', release: '1' },
  arch: 'x86_64',
  summary: 'My app',
  description: 'Longer text.\n\nSecond paragraph.',
  maintainer: 'Jane Admin <jane@example.org>',
  homepage: 'https://example.org/myapp',
  section: 'utils',
  relations: {
    depends: [parseRelation('libc6 (>= 2.17)'), parseRelation('default-mta | mail-transport-agent')],
    preDepends: [parseRelation('dpkg (>= 1.17)')],
    recommends: [parseRelation('curl')],
    suggests: [parseRelation('myapp-doc')],
    enhances: [parseRelation('other')],
    conflicts: [parseRelation('oldapp | olderapp')],
    breaks: [parseRelation('myapp-plugin (<< 2)')],
    replaces: [parseRelation('oldapp')],
    provides: [parseRelation('myapp-api (= 2)'), parseRelation('virt (>= 1)')],
    obsoletes: [parseRelation('ancient')],
    supplements: [parseRelation('thing')],
  },
  extras: { deb: { 'Multi-Arch': 'foreign', Section: 'ignored-typed-field-wins' }, rpm: { Group: 'x' } },
};

test('control fields from a full model, in dpkg-gencontrol\'s order (golden)', async () => {
  const diag = new Diagnostics();
  const text = formatControl(controlFields({ metadata: await planned(FULL, diag), installedSize: 42, extraFields: ['X-Built-By: pkgshift'] }));
  assert.equal(text, [
    'Package: myapp',
    'Version: 1:1.2.0-1',
    'Architecture: amd64',
    'Maintainer: Jane Admin <jane@example.org>',
    'Installed-Size: 42',
    'Pre-Depends: dpkg (>= 1.17)',
    'Depends: libc6 (>= 2.17), default-mta | mail-transport-agent',
    'Recommends: curl',
    'Suggests: myapp-doc',
    'Enhances: other',
    'Conflicts: oldapp, olderapp, ancient',
    'Breaks: myapp-plugin (<< 2)',
    'Replaces: oldapp, ancient',
    'Provides: myapp-api (= 2), virt',
    'Section: utils',
    'Priority: optional',
    'Multi-Arch: foreign',
    'Homepage: https://example.org/myapp',
    'X-Built-By: pkgshift',
    'Description: My app',
    ' Longer text.',
    ' .',
    ' Second paragraph.',
    '',
  ].join('\n'));
  const ids = diag.items.map((d) => d.id).sort();
  assert.deepEqual(ids, ['changelog-generated', 'foreign-metadata-dropped', 'relation-dropped', 'relation-obsoletes', 'relation-version-dropped']);
});

test('--deb-field replaces a field in place, removes it with an empty value, cannot set Package', async () => {
  const diag = new Diagnostics();
  const fields = controlFields({ metadata: await planned(FULL, diag), installedSize: 1, extraFields: ['priority: extra', 'Homepage:', 'Description: Other\n text'] });
  assert.deepEqual(fields.find(([n]) => n === 'Priority'), ['Priority', 'extra']);
  assert.equal(fields.find(([n]) => n === 'Homepage'), undefined);
  assert.deepEqual(fields.at(-1), ['Description', 'Other\ntext']);
  const full = await planned(FULL, diag);
  assert.throws(() => controlFields({ metadata: full, installedSize: 1, extraFields: ['Package: x'] }), /cannot set Package/);
  assert.throws(() => controlFields({ metadata: full, installedSize: 1, extraFields: ['no colon'] }), /Name: value/);
});

test('missing summary: the first line of the description, else a marked fallback and a warning', async () => {
  const diag = new Diagnostics();
  const base = { ...emptyMetadata(), name: 'foo', version: { upstream: '1' }, maintainer: 'A <a@b.c>' };
  const fromBody = controlFields({ metadata: await planned({ ...base, description: 'First line\nrest' }, diag), installedSize: 1 });
  assert.deepEqual(fromBody.at(-1), ['Description', 'First line\nrest']);
  const warnings = () => diag.items.filter((d) => d.severity === 'warning');
  assert.equal(warnings().length, 0);
  const none = controlFields({ metadata: await planned(base, diag), installedSize: 1 });
  assert.deepEqual(none.at(-1), ['Description', 'no description given\nThe package foo was built without a description (pkgshift placeholder).']);
  assert.equal(warnings()[0]?.id, 'description-missing');
});

test('multi-line extras.deb values (control-file form, as the deb input keeps them) are written back unchanged', async () => {
  const raw = 'first line\n second line\n .\n   indented';
  const metadata: Metadata = { ...FULL, relations: {}, extras: { deb: { 'X-Long': raw } } };
  const text = formatControl(controlFields({ metadata: await planned(metadata), installedSize: 1 }));
  assert.match(text, /\nX-Long: first line\n second line\n \.\n   indented\nDescription:/);
});

test('Priority: --deb-priority, else the input\'s, else optional', async () => {
  const diag = new Diagnostics();
  const priority = async (metadata: Metadata, option?: string) =>
    controlFields({ metadata: await planned(metadata, diag), installedSize: 1, priority: option }).find(([n]) => n === 'Priority')?.[1];
  const fromDeb: Metadata = { ...FULL, extras: { deb: { Priority: 'required', Essential: 'yes' } } };
  assert.equal(await priority(fromDeb), 'required');
  assert.equal(await priority(fromDeb, 'important'), 'important');
  assert.equal(await priority({ ...FULL, extras: {} }), 'optional');
  const order = controlFields({ metadata: await planned(fromDeb, diag), installedSize: 1 }).map(([n]) => n);
  assert.ok(order.indexOf('Essential') < order.indexOf('Maintainer'), order.join(' '));
});
