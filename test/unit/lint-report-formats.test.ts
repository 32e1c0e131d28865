// Lint report formats on a fixed set of reports (one package with findings, one clean, one that could
// not be read): golden outputs for JSON, SARIF and JUnit, each also checked against the structure its
// schema requires (pkgshift-lint/2; SARIF 2.1.0's required properties; the JUnit XML CI servers read).
import assert from 'node:assert/strict';
import test from 'node:test';
import { RULES } from '../../src/lint/index.js';
import { formatJson, formatJunit, formatSarif, formatText, type PackageReport } from '../../src/lint/report.js';
import type { Finding } from '../../src/lint/types.js';

const rule = (id: string) => RULES.find((r) => r.id === id)!;
const f = (id: string, severity: Finding['severity'], message: string, path?: string): Finding =>
  ({ id, severity, message, hint: rule(id).hint, ...(path ? { path } : {}) });

const REPORTS: PackageReport[] = [
  {
    file: 'pkgs/hello_1.0_amd64.deb', package: 'hello', format: 'deb', suppressed: 1,
    findings: [
      f('path-usr-local', 'error', '/usr/local is for the local administrator, not packages', '/usr/local/bin/hello'),
      f('perm-setuid-setgid', 'warning', 'mode 4755 is setuid root:root', '/usr/bin/a'),
      f('perm-setuid-setgid', 'warning', 'mode 4755 is setuid root:root', '/usr/bin/b'),
      f('meta-placeholder-value', 'info', 'the package has no homepage URL'),
    ],
  },
  { file: 'pkgs/clean.rpm', package: 'clean', format: 'rpm', suppressed: 0, findings: [] },
  { file: 'pkgs/broken.deb', package: 'broken.deb', format: 'tar', suppressed: 0, findings: [], error: 'broken.deb is not a deb: no ar archive magic' },
];

test('text: lintian shape, grouped with a count, --verbose lists every path, unreadable files said', () => {
  assert.equal(formatText(REPORTS), [
    'E: hello: path-usr-local /usr/local is for the local administrator, not packages [usr/local/bin/hello]',
    'W: hello: perm-setuid-setgid mode 4755 is setuid root:root [usr/bin/a] (and 1 more; --verbose lists them)',
    'I: hello: meta-placeholder-value the package has no homepage URL',
    'hello (pkgs/hello_1.0_amd64.deb): 1 error, 2 warnings, 1 info, 1 suppressed',
    'clean (pkgs/clean.rpm): 0 errors, 0 warnings, 0 info',
    'broken.deb (pkgs/broken.deb): could not be read: broken.deb is not a deb: no ar archive magic',
    'total (3 packages): 1 error, 2 warnings, 1 info, 1 suppressed',
    '',
  ].join('\n'));
  assert.match(formatText(REPORTS, { verbose: true }), /^W: hello: perm-setuid-setgid mode 4755 is setuid root:root \[usr\/bin\/b\]$/m);
});

test('JSON: every file, failures included, in the pkgshift-lint/2 shape', () => {
  const json = JSON.parse(formatJson(REPORTS, 'warning')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['schema', 'failOn', 'failed', 'counts', 'packages']);
  assert.equal(json.schema, 'pkgshift-lint/2');
  assert.equal(json.failed, true);
  assert.deepEqual(json.counts, { error: 1, warning: 2, info: 1 });
  const packages = json.packages as Record<string, unknown>[];
  assert.deepEqual(packages.map((p) => [p.file, p.failed]), [['pkgs/hello_1.0_amd64.deb', false], ['pkgs/clean.rpm', false], ['pkgs/broken.deb', true]]);
  assert.equal(packages[2]!.error, 'broken.deb is not a deb: no ar archive magic');
  for (const p of packages) {
    for (const key of ['file', 'package', 'format', 'failed', 'counts', 'suppressed', 'findings']) assert.ok(key in p, key);
    for (const finding of p.findings as Record<string, unknown>[]) {
      assert.deepEqual(Object.keys(finding).filter((k) => k !== 'path'), ['id', 'severity', 'message', 'hint']);
      assert.ok(RULES.some((r) => r.id === finding.id));
    }
  }
  // A clean run with nothing unreadable does not fail the gate.
  assert.equal((JSON.parse(formatJson([REPORTS[1]!], 'info')) as { failed: boolean }).failed, false);
});

test('SARIF: the properties SARIF 2.1.0 requires, results point at rules, unreadable files are notifications', () => {
  const sarif = JSON.parse(formatSarif(REPORTS, RULES, '1.2.3')) as any;
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'pkgshift');
  assert.equal(run.tool.driver.version, '1.2.3');
  const rules = run.tool.driver.rules as { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[];
  assert.deepEqual(rules.map((r) => r.id), ['meta-placeholder-value', 'perm-setuid-setgid', 'path-usr-local']);
  for (const r of rules) {
    assert.ok(r.shortDescription.text.length > 0);
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
  }
  assert.equal(run.results.length, 4);
  for (const result of run.results) {
    assert.equal(rules[result.ruleIndex]!.id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    assert.equal(typeof result.message.text, 'string');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'pkgs/hello_1.0_amd64.deb');
  }
  assert.equal(run.results[0].locations[0].logicalLocations[0].fullyQualifiedName, '/usr/local/bin/hello');
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.equal(run.invocations[0].toolExecutionNotifications[0].level, 'error');
  assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /^pkgs\/broken\.deb could not be read/);
});

/** The elements and attributes of an XML document, checked for nesting and quoting on the way. */
function parseXml(text: string): { name: string; attrs: Record<string, string>; children: any[]; text: string } {
  const root = { name: '#root', attrs: {}, children: [] as any[], text: '' };
  const stack: any[] = [root];
  const re = /<\?xml[^>]*\?>|<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    assert.equal(m.index, consumed, `unparsable XML at ${consumed}: ${text.slice(consumed, consumed + 40)}`);
    consumed = re.lastIndex;
    if (m[5] !== undefined) { stack[stack.length - 1].text += m[5]; continue; }
    if (!m[2]) continue;
    if (m[1]) {
      assert.equal(stack.pop().name, m[2], 'closing tag matches');
      continue;
    }
    const attrs = Object.fromEntries([...m[3]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const el = { name: m[2], attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  assert.equal(consumed, text.length);
  assert.equal(stack.length, 1, 'every element is closed');
  assert.doesNotMatch(text.replace(/&(?:amp|lt|gt|quot);/g, ''), /&/, 'every & is an entity');
  return root;
}

test('JUnit XML: well-formed, testsuites > testsuite > testcase, counts add up, failures at --fail-on', () => {
  const doc = parseXml(formatJunit(REPORTS, 'warning'));
  const [suites] = doc.children;
  assert.equal(suites.name, 'testsuites');
  assert.deepEqual([suites.attrs.tests, suites.attrs.failures, suites.attrs.errors], ['6', '3', '1']);
  assert.deepEqual(suites.children.map((s: any) => s.attrs.name), ['pkgs/hello_1.0_amd64.deb', 'pkgs/clean.rpm', 'pkgs/broken.deb']);
  for (const suite of suites.children) {
    assert.equal(suite.name, 'testsuite');
    assert.equal(Number(suite.attrs.tests), suite.children.length);
    assert.equal(Number(suite.attrs.failures), suite.children.filter((c: any) => c.children.some((x: any) => x.name === 'failure')).length);
    assert.equal(Number(suite.attrs.errors), suite.children.filter((c: any) => c.children.some((x: any) => x.name === 'error')).length);
    for (const c of suite.children) assert.equal(c.name, 'testcase');
  }
  const hello = suites.children[0].children;
  assert.equal(hello[0].attrs.name, 'path-usr-local [/usr/local/bin/hello]');
  assert.equal(hello[3].children[0].name, 'system-out', 'info is below --fail-on warning: a passing case');
});
