// deb Section ⇄ rpm Group (core/section-group.ts) and rpm changelogs as Debian entries (changelog/rpm.ts).
import assert from 'node:assert/strict';
import test from 'node:test';
import { debianChangelog, rpmChangelog } from '../../src/changelog/render.js';
import { parseDebian } from '../../src/changelog/parse.js';
import { entriesFromRpm, parseRpmChangelogText, rpmChangelogText } from '../../src/changelog/rpm.js';
import { groupForSection, groupSurvivesSection, sectionForGroup } from '../../src/core/section-group.js';
import { nameMap } from '../../src/deps/name-map.js';
import { decodeLegacyText } from '../../src/formats/text.js';

test('every section of the table comes back from its Group, every Group of the table from its section', () => {
  for (const section of ['admin', 'utils', 'perl', 'python', 'net', 'libs', 'devel', 'x11', 'misc']) {
    const group = groupForSection(section);
    assert.notEqual(group, section, `${section} is in the table`);
    assert.equal(sectionForGroup(group), section);
    assert.ok(groupSurvivesSection(group), group);
  }
  assert.equal(groupForSection('admin'), 'System Environment/Base');
  assert.equal(sectionForGroup('Development/Languages/Perl'), 'perl');
});

test('a section the table lacks is the Group as written and comes back; unknown Groups fall back by their top level', () => {
  for (const section of ['localization', 'contrib/net', 'non-free/games', 'ruby']) {
    assert.equal(sectionForGroup(groupForSection(section)), section);
  }
  assert.equal(groupForSection('localization'), 'localization');
  assert.equal(sectionForGroup('Productivity/File utilities'), 'utils');
  assert.equal(groupSurvivesSection('Productivity/File utilities'), false);
  assert.equal(sectionForGroup('System Environment/Daemons'), 'admin');
  assert.equal(sectionForGroup('Unspecified'), undefined);
  assert.equal(sectionForGroup('Testing'), undefined);
});

const RPM_CHANGELOG = [
  '* Mon Jan 19 2015 Kevin Fenzi <kevin@scrye.com> 22-2',
  '- Set default gnutls ciphers to "@SYSTEM". Fixes bug #1179328',
  '',
  '* Sun Aug 17 2014 Fedora Release Engineering <rel-eng@lists.fedoraproject.org> - 21.1-5',
  '- Rebuilt for the mass rebuild',
  '  with a second line',
  '- A second change',
  '',
  '* Tue Jun 26 2018 adam.majer@suse.de',
  '- no version, a bare address',
].join('\n');

test('rpm changelog entries: name, version and changes are read whichever way the name gives them', () => {
  const records = parseRpmChangelogText(RPM_CHANGELOG);
  assert.equal(rpmChangelogText(records), RPM_CHANGELOG);
  const entries = entriesFromRpm(records);
  assert.deepEqual(entries.map((e) => [e.author, e.version, e.changes]), [
    ['Kevin Fenzi <kevin@scrye.com>', '22-2', ['Set default gnutls ciphers to "@SYSTEM". Fixes bug #1179328']],
    ['Fedora Release Engineering <rel-eng@lists.fedoraproject.org>', '21.1-5', ['Rebuilt for the mass rebuild\nwith a second line', 'A second change']],
    ['adam.majer@suse.de', '', ['no version, a bare address']],
  ]);
  assert.equal(entries[0]!.date, Date.UTC(2015, 0, 19) / 1000);
});

test('a Debian trailer stand-in for a bare address is undone when writing rpm', () => {
  const entries = [{ version: '1.0-1', date: 0, author: 'adam.majer@suse.de <adam.majer@suse.de>', changes: ['x'] },
    { version: '1.0-1', date: 0, author: 'Build Bot <>', changes: ['y'] }];
  const text = debianChangelog('mc', entries);
  assert.deepEqual(rpmChangelog(parseDebian(text, 'test')).names, ['adam.majer@suse.de - 1.0-1', 'Build Bot - 1.0-1']);
});

test('--target-distro opensuse writes openSUSE names; a line without an openSUSE column means the same name', () => {
  assert.equal(nameMap([], 'fedora').toRpm('zlib1g'), 'zlib');
  assert.equal(nameMap([], 'opensuse').toRpm('zlib1g'), 'libz1');
  assert.equal(nameMap([], 'opensuse').toRpm('passwd'), 'shadow');
  assert.equal(nameMap([], 'opensuse').toRpm('netbase'), 'netcfg');
  assert.equal(nameMap([], 'fedora').toRpm('netbase'), null);
  // rpm → deb reads both columns, whatever the target distribution.
  assert.equal(nameMap([], 'fedora').toDeb('libz1'), 'zlib1g');
});

test('old rpm header text in ISO-8859-1 is read as such, valid UTF-8 as UTF-8', () => {
  assert.equal(decodeLegacyText(Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e])), 'Jürgen');
  assert.equal(decodeLegacyText(Buffer.from('Jürgen', 'utf8')), 'Jürgen');
  assert.equal(decodeLegacyText(Buffer.from('plain', 'latin1')), 'plain');
});
