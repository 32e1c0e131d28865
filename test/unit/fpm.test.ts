// fpm compatibility pieces that need no tool: templates, .fpm words, -p templates, --rpm-tag,
// option resolution per output, and the changelog forms.
import assert from 'node:assert/strict';
import test from 'node:test';
import { parseChangelog } from '../../src/changelog/parse.js';
import { debianChangelog, rpmChangelog } from '../../src/changelog/render.js';
import { emptyMetadata } from '../../src/core/model.js';
import { shellWords } from '../../src/fpm/args.js';
import { resolveFpmOptions } from '../../src/fpm/options.js';
import { expandPackagePath } from '../../src/fpm/package-path.js';
import { applyRpmTags } from '../../src/fpm/rpm-tag.js';
import { renderTemplate, templateValues } from '../../src/fpm/template.js';
import { lifecycleScripts } from '../../src/scripts/lifecycle.js';
import { unitName } from '../../src/scripts/systemd.js';
import type { Options } from '../../src/plugin.js';

test('templates substitute plain values only and name anything else with its line', () => {
  const values = templateValues(['flavor=blue', 'port=8080']);
  assert.equal(renderTemplate('a <%= flavor %> b <%=@port%><%# gone %>\n', values, 'x.sh'), 'a blue b 8080\n');
  assert.throws(() => renderTemplate('ok\n<% system("rm -rf /") %>\n', values, 'x.sh'), /x\.sh line 2: '<% system\("rm -rf \/"\) %>' is not a plain value/);
  assert.throws(() => renderTemplate('<%= flavor.upcase %>', values, 'x.sh'), /is not a plain value/);
  assert.throws(() => renderTemplate('<%= missing %>', values, 'x.sh'), /no value for 'missing'/);
  assert.throws(() => templateValues(['novalue']), /expected KEY=VALUE/);
});

test('.fpm words split as a shell does', () => {
  assert.deepEqual(shellWords(`-s dir -t deb  # comment\n--description 'two words' -n "a \\"b\\"" c\\ d ''`, '.fpm'),
    ['-s', 'dir', '-t', 'deb', '--description', 'two words', '-n', 'a "b"', 'c d', '']);
  assert.throws(() => shellWords("-n 'open", '.fpm'), /\.fpm: unterminated ' quote/);
});

test('-p templates expand fpm words once', () => {
  const v = { name: 'ARCHIE', version: '1.2', iteration: '3', epoch: '', arch: 'x86_64', type: 'rpm', extension: 'rpm' };
  assert.equal(expandPackagePath('out/NAME-VERSION-ITERATION.ARCH.EXTENSION', v), 'out/ARCHIE-1.2-3.x86_64.rpm');
  assert.equal(expandPackagePath('NAME_FULLVERSION_TYPE', v), 'ARCHIE_1.2-3_rpm');
});

test('--rpm-tag: relations and descriptive tags become model fields, unknown tags are errors', () => {
  const m = emptyMetadata();
  applyRpmTags(m, ['Requires(post): /usr/sbin/alternatives', 'Obsoletes: old-app < 2.0, older', 'Group: Applications/System']);
  assert.deepEqual(m.relations.preDepends, [{ name: '/usr/sbin/alternatives' }]);
  assert.deepEqual(m.relations.obsoletes, [{ name: 'old-app', op: '<<', version: '2.0' }, { name: 'older' }]);
  assert.equal(m.extras.rpm?.Group, 'Applications/System');
  assert.throws(() => applyRpmTags(m, ['BuildArch: noarch']), /does not write the spec tag 'BuildArch'/);
  assert.throws(() => applyRpmTags(m, ['nonsense']), /expected 'Name: value'/);
});

test('per-format fpm options apply only to their output', () => {
  const given = { debUser: 'app', rpmUser: 'svc', debRecommends: ['curl'], recommends: ['jq'], rpmDist: 'el9', rpmAttr: ['750,-,-:/x'], debSystemd: ['a.service'], log: 'error' };
  const deb = resolveFpmOptions(given, 'deb');
  assert.equal(deb.owner, 'app');
  assert.deepEqual(deb.recommends, ['jq', 'curl']);
  assert.equal(deb.rpmAttr, undefined);
  assert.equal(deb.releaseSuffix, undefined);
  assert.deepEqual(deb.systemd, ['a.service']);
  assert.equal(deb.quiet, true);
  const rpm = resolveFpmOptions(given, 'rpm');
  assert.equal(rpm.owner, 'svc');
  assert.deepEqual(rpm.recommends, ['jq']);
  assert.equal(rpm.releaseSuffix, 'el9');
  assert.deepEqual(rpm.systemd, ['a.service']);
  assert.throws(() => resolveFpmOptions({ log: 'loud' }, 'deb'), /--log loud/);
  assert.equal(resolveFpmOptions({ rpmAutoreqprov: true }, 'rpm').deps, 'map', '--rpm-autoreqprov: computed requires and provides');
  assert.deepEqual(resolveFpmOptions({ depends: false } as unknown as Options, 'rpm').depends, [], '--no-depends leaves a list for the steps');
  assert.equal(resolveFpmOptions({ rpmAutoreqprov: true }, 'deb').deps, undefined);
  assert.equal(resolveFpmOptions({ autoDepends: false }, 'deb').deps, 'keep', '--no-auto-depends');
  assert.equal(resolveFpmOptions({ autoDepends: false, deps: 'auto' }, 'rpm').deps, 'auto', 'an explicit --deps wins');
});

test('upgrade slots run only on their event; the input script keeps its convention and runs first', () => {
  const slot = (body: string) => ({ phase: 'preInstall' as const, interpreter: '/bin/sh', body, convention: 'neutral' as const });
  const [pre, ...rest] = lifecycleScripts({ beforeInstall: slot('echo fresh\n'), beforeUpgrade: slot('echo up\n') }, [],
    [{ phase: 'preInstall', interpreter: '/bin/sh', body: 'echo mine\n', convention: 'deb' }]);
  assert.equal(rest.length, 0);
  assert.equal(pre!.convention, 'deb');
  const body = pre!.body;
  assert.ok(body.indexOf('echo mine') < body.indexOf('case "$1"'));
  assert.match(body, /if \[ "\$pkgshift_event" = install \]; then\n\(\npkgshift_before_install\(\) \{\n:\necho fresh\n\}/);
  assert.match(body, /\[0-9\]\*\) if \[ "\$1" -ge 2 \]; then pkgshift_event=upgrade/);
});

test('systemd unit names get .service unless they name a unit type', () => {
  assert.equal(unitName('dist/app'), 'app.service');
  assert.equal(unitName('x/app.timer'), 'app.timer');
});

const DEFAULTS = { author: 'Jo <jo@example.org>', date: 1_700_000_000 };

test('changelogs: nfpm YAML, Debian and markdown read to the same entries; rendered for deb and rpm', () => {
  const yaml = parseChangelog([
    '- semver: 1.1.0', '  date: 2024-01-05T10:00:00Z', '  packager: Jo <jo@example.org>',
    '  deb:', '    urgency: low', '    distributions: [stable]',
    '  changes:', '    - commit: abc', '      note: Fixed it', '    - note: Added more',
  ].join('\n'), 'changelog.yml', DEFAULTS);
  assert.deepEqual(yaml, [{ version: '1.1.0', date: 1704448800, author: 'Jo <jo@example.org>', changes: ['Fixed it', 'Added more'], urgency: 'low', distribution: 'stable' }]);

  const debian = debianChangelog('app', yaml);
  assert.equal(debian, 'app (1.1.0) stable; urgency=low\n\n  * Fixed it\n  * Added more\n\n -- Jo <jo@example.org>  Fri, 05 Jan 2024 10:00:00 +0000\n');
  assert.deepEqual(parseChangelog(debian, 'changelog', DEFAULTS), yaml);

  const md = parseChangelog('# Changes\n\n## [1.1.0] - 2024-01-05\n- Fixed it\n  really\n* Added more\n\n## 1.0.0\n- First\n', 'CHANGES.md', DEFAULTS);
  assert.deepEqual(md.map((e) => [e.version, e.date, e.changes]), [['1.1.0', 1704412800, ['Fixed it\nreally', 'Added more']], ['1.0.0', 1_700_000_000, ['First']]]);
  assert.deepEqual(rpmChangelog(md), {
    times: [1704412800, 1699920000], names: ['Jo <jo@example.org> - 1.1.0', 'Jo <jo@example.org> - 1.0.0'], texts: ['- Fixed it\n  really\n- Added more', '- First'],
  });
  assert.throws(() => parseChangelog('- First\n', 'CHANGES.md', DEFAULTS), /nfpm changelog is a list|no 'semver'|before the first/);
  assert.throws(() => parseChangelog('app (1.0) unstable; urgency=low\n\n  * x\n', 'changelog', DEFAULTS), /has no ' -- Name <email>  date' line/);
});
