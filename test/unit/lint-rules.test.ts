// One test per lint rule: the well-made package from lint-fixtures.ts with exactly one defect makes
// the rule fire, and the clean package does not (in every format the rule applies to).
import assert from 'node:assert/strict';
import test from 'node:test';
import { normalize } from '../../src/core/normalize.js';
import { RULES, lintModel } from '../../src/lint/index.js';
import type { Finding, LintFormat } from '../../src/lint/types.js';
import { CASES, add, at, type Extras } from '../support/lint-cases.js';
import { cleanPackage, dirs, entry, file, type CleanPackage } from '../support/lint-fixtures.js';

const ALL_FORMATS: LintFormat[] = ['deb', 'rpm', 'tar'];

async function lint(pkg: CleanPackage, format: LintFormat, extras: Extras = {}): Promise<Finding[]> {
  const model = normalize(pkg.model);
  const { findings } = await lintModel(model, {
    format, now: 1_710_000_000, ...(format === 'deb' ? { deb: pkg.deb } : {}), ...extras,
  });
  return findings;
}


for (const format of ALL_FORMATS) {
  test(`the well-made package lints clean as ${format}`, async () => {
    assert.deepEqual(await lint(cleanPackage(format), format), []);
  });
}

test('every catalogue rule has a defect case, an id, a hint and a summary', () => {
  assert.equal(RULES.length, 70);
  assert.deepEqual(CASES.map((c) => c.id).sort(), RULES.map((r) => r.id).sort());
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(?:-[a-z0-9]+)+$/);
    assert.ok(r.hint.length > 10 && r.summary.length > 10, r.id);
  }
});

for (const c of CASES) {
  const rule = RULES.find((r) => r.id === c.id);
  const formats = c.format ? [c.format] : rule?.formats.includes('deb') ? ['deb' as const] : [...(rule?.formats ?? [])];
  for (const format of formats) {
    test(`${c.id} fires on its defect (${format}) and not on the clean package`, async () => {
      const clean = await lint(cleanPackage(format), format);
      assert.equal(clean.filter((f) => f.id === c.id).length, 0, 'the clean package must not fire');
      const pkg = cleanPackage(format);
      const extras = c.defect(pkg) ?? {};
      const findings = await lint(pkg, format, extras);
      const hits = findings.filter((f) => f.id === c.id);
      assert.ok(hits.length > 0, `expected ${c.id}, got ${JSON.stringify(findings.map((f) => f.id))}`);
      if (c.severity) assert.ok(hits.some((f) => f.severity === c.severity), `expected severity ${c.severity}: ${JSON.stringify(hits)}`);
      for (const f of hits) {
        assert.ok(f.message.length > 0 && f.hint.length > 0);
        assert.ok(['error', 'warning', 'info'].includes(f.severity));
      }
    });
  }
}

test('format-dependent rules follow the target format (docs/LINT.md §5)', async () => {
  // Shared-library exec bit: deb wants 0644, rpm 0755.
  const lib = (mode: number) => (p: CleanPackage) => add(p, ...dirs('/usr/lib/x86_64-linux-gnu'), file('/usr/lib/x86_64-linux-gnu/libhello.so.1', 'x', { mode }));
  const ids = async (format: LintFormat, defect: (p: CleanPackage) => void) => {
    const p = cleanPackage(format);
    defect(p);
    return (await lint(p, format)).map((f) => f.id);
  };
  assert.ok((await ids('deb', lib(0o755))).includes('perm-exec-bit-mismatch'));
  assert.ok(!(await ids('deb', lib(0o644))).includes('perm-exec-bit-mismatch'));
  assert.ok((await ids('rpm', lib(0o644))).includes('perm-exec-bit-mismatch'));
  // A relative link across top-level dirs: Debian Policy wants it absolute, rpmlint relative.
  const cross = (p: CleanPackage) => add(p, entry('/etc/hello-link', 'symlink', { target: '../usr/bin/hello-tool' }));
  assert.ok((await ids('deb', cross)).includes('symlink-absolute'));
  assert.ok(!(await ids('rpm', cross)).includes('symlink-absolute'));
  // %config under /var is fine for rpm, not for deb.
  const varConf = (p: CleanPackage) => add(p, file('/var/lib/hello/state', 'x\n', { flags: new Set(['config']) }));
  assert.ok((await ids('deb', varConf)).includes('conf-outside-etc'));
  assert.ok(!(await ids('rpm', varConf)).includes('conf-outside-etc'));
  // Owners: a system group is info, the builder's uid an error.
  const owned = (gid: number) => (p: CleanPackage) => { Object.assign(at(p, '/usr/bin/hello-tool'), { gid, group: gid === 42 ? 'shadow' : 'jane' }); };
  const sev = async (gid: number) => {
    const p = cleanPackage('deb');
    owned(gid)(p);
    return (await lint(p, 'deb')).find((f) => f.id === 'perm-owner-non-root')?.severity;
  };
  assert.equal(await sev(42), 'info');
  assert.equal(await sev(1000), 'error');
});

test('README and docs/LINT.md describe every rule with its severity; every rule says why', async () => {
  const { readFileSync } = await import('node:fs');
  const { ROOT } = await import('../support/helpers.js');
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const catalogue = readFileSync(`${ROOT}docs/LINT.md`, 'utf8');
  const letter = { error: 'E', warning: 'W', info: 'I' } as const;
  for (const r of RULES) {
    assert.ok(readme.includes(`| \`${r.id}\` | ${letter[r.severity]} | ${r.formats.join(', ')} |`), `README: ${r.id}`);
    assert.ok(catalogue.includes(`### \`${r.id}\` (${r.severity}; ${r.formats.join(', ')})`), `docs/LINT.md: ${r.id}`);
    assert.ok((r.why ?? '').length > 20, `${r.id} says why`);
  }
});
