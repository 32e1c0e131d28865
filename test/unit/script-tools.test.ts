// deb scripts under rpm: the commands they run, the packages they need first, what dpkg gives them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { emptyMetadata, type Metadata, type Script } from '../../src/core/model.js';
import { shellOfDeferrable } from '../../src/core/script-bootstrap.js';
import { alternativesLinks, commandsRun, debianOnlyCommands, toolNeeds } from '../../src/core/script-tools.js';
import { controlFilesInScripts, scriptsFor, withoutLuaWrappers } from '../../src/core/script-translate.js';
import { Dependencies } from '../../src/outputs/rpm/dependencies.js';
import { scriptEntries } from '../../src/outputs/rpm/scripts.js';
import { RPMSENSE } from '../../src/formats/rpm/tags.js';
import { runOk, tempDir } from '../support/helpers.js';

const meta: Metadata = { ...emptyMetadata(), name: 'demo', arch: 'amd64', version: { upstream: '2.0', release: '1' } };
const deb = (phase: Script['phase'], body: string): Script => ({ phase, interpreter: '/bin/sh', convention: 'deb', body: `#!/bin/sh\nset -e\n${body}` });

test('commands in command position are found; case patterns, comments and words in strings are not', () => {
  const body = [
    '# rm everything (a comment)',
    'case "$1" in',
    '  install|upgrade) sed -i s/a/b/ /etc/x ;;',
    '  configure)',
    '    if ! getent passwd demo >/dev/null; then adduser --system demo; fi',
    '    v=$(dpkg-query -W -f "${Version}" demo) && update-alternatives --install /usr/bin/x x /usr/bin/y 10',
    '    echo "please chown it"',
    '    /usr/sbin/update-rc.d demo defaults',
    '    ;;',
    'esac',
  ].join('\n');
  assert.deepEqual(commandsRun(body).map((u) => u.command),
    ['sed', 'getent', 'adduser', 'dpkg-query', 'update-alternatives', 'update-rc.d']);
});

test('a command the script checks for first is guarded', () => {
  const uses = commandsRun('if command -v systemctl >/dev/null; then systemctl daemon-reload; fi\n'
    + 'if [ -x /usr/sbin/invoke-rc.d ]; then invoke-rc.d demo restart; fi\nwhich ucf >/dev/null && ucf a b\nmv a b\n');
  assert.deepEqual(uses.map((u) => [u.command, u.guarded]),
    [['systemctl', true], ['invoke-rc.d', true], ['which', false], ['ucf', true], ['mv', false]]);
});

test('a script needs the Essential providers of what it runs, declared non-Essential ones, never itself', () => {
  const body = 'chown root:adm /var/log/demo\nuseradd -r demo\nawk 1 /etc/x\nupdate-alternatives --remove x y\n';
  const needs = (self: string, declared: string[]) => toolNeeds(body, self, new Set(declared)).map((n) => `${n.command}:${n.package}`);
  // passwd and mawk are not Essential: needed only when the package depends on them.
  assert.deepEqual(needs('demo', []), ['chown:coreutils', 'update-alternatives:dpkg', '/etc/passwd:base-passwd', '/etc/group:base-passwd']);
  assert.deepEqual(needs('demo', ['passwd', 'mawk']),
    ['chown:coreutils', 'useradd:passwd', 'awk:mawk', 'update-alternatives:dpkg', '/etc/passwd:base-passwd', '/etc/group:base-passwd']);
  assert.deepEqual(needs('coreutils', []), ['update-alternatives:dpkg', '/etc/passwd:base-passwd', '/etc/group:base-passwd']);
  // A temporary file needs /tmp, which base-files ships.
  assert.deepEqual(toolNeeds('tmp=$(mktemp)\n', 'base-passwd', new Set()).map((n) => `${n.command}:${n.package}`), ['mktemp:coreutils', '/tmp:base-files']);
  assert.deepEqual(toolNeeds('tmp=$(mktemp)\n', 'base-files', new Set()).map((n) => `${n.command}:${n.package}`), ['mktemp:coreutils']);
});

test('rpm Requires(pre)/(post) name the packages each deb script needs, flagged with its phase', () => {
  const scripts = scriptsFor('rpm', [deb('preInstall', 'mkdir -p /var/lib/demo\n'), deb('postInstall', 'dpkg-divert --add /x\nsed -n p /x\n')], meta, new Diagnostics());
  const deps = new Dependencies();
  scriptEntries(scripts, meta, deps, new Diagnostics());
  const requires = deps.list('require').map((d) => `${d.name}:${d.flags & (RPMSENSE.SCRIPT_PRE | RPMSENSE.SCRIPT_POST)}`);
  assert.deepEqual(requires.sort(), [`coreutils:${RPMSENSE.SCRIPT_PRE}`, `dpkg:${RPMSENSE.SCRIPT_POST}`, `sed:${RPMSENSE.SCRIPT_POST}`]);
  // Lua scriptlets need no interpreter package, only rpm's Lua.
  assert.ok(deps.features.has('BuiltinLuaScripts'));
  assert.deepEqual(scripts.map((s) => [s.phase, s.interpreter]), [['preInstall', '<lua>'], ['postInstall', '<lua>'], ['postTransaction', '<lua>']]);
});

test('every Debian-only command a script runs is warned about, each by name', () => {
  const diag = new Diagnostics();
  scriptsFor('rpm', [deb('postInstall', [
    'dpkg-statoverride --update --add root adm 0750 /var/log/demo',
    'dpkg-maintscript-helper rm_conffile /etc/demo.conf 1.0 -- "$@"',
    'owner=$(dpkg-query -S /usr/bin/demo)',
    'dpkg -L demo >/dev/null',
    'update-rc.d demo defaults',
    '. /usr/share/debconf/confmodule',
  ].join('\n'))], meta, diag);
  const named = diag.items.filter((d) => d.id === 'script-foreign-helper').map((d) => /runs (.+?), which/.exec(d.message)?.[1]);
  assert.deepEqual(named, ['dpkg-statoverride', 'dpkg-maintscript-helper', 'update-rc.d', 'debconf', 'dpkg-query -S', 'dpkg -L']);
  assert.deepEqual(debianOnlyCommands('dpkg --compare-versions "$2" lt 1.0 || true\n'), []);
});

function runShell(t: Parameters<typeof tempDir>[0], script: Script, args: string[], env: Record<string, string> = {}): string {
  const file = join(tempDir(t), 'demo.postinst');
  writeFileSync(file, shellOfDeferrable(script) ?? script.body, { mode: 0o755 });
  return runOk('/bin/sh', [file, ...args], { env: { PATH: '/usr/bin:/bin', ...env } }).stdout.trim();
}

test('the shim exports what dpkg gives maintainer scripts', (t) => {
  const names = ['DPKG_MAINTSCRIPT_NAME', 'DPKG_MAINTSCRIPT_PACKAGE', 'DPKG_MAINTSCRIPT_ARCH', 'DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT',
    'DPKG_ROOT', 'DPKG_ADMINDIR', 'DPKG_RUNNING_VERSION'];
  const [post] = scriptsFor('rpm', [deb('postInstall', `env | grep '^DPKG_' | sort\n`)], meta, new Diagnostics());
  assert.deepEqual(runShell(t, post!, ['1']).split('\n'), [
    'DPKG_ADMINDIR=/var/lib/dpkg', 'DPKG_MAINTSCRIPT_ARCH=amd64', 'DPKG_MAINTSCRIPT_NAME=postinst', 'DPKG_MAINTSCRIPT_PACKAGE=demo',
    'DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT=1', 'DPKG_ROOT=', `DPKG_RUNNING_VERSION=${installedDpkg()}`,
  ].filter((line) => names.includes(line.split('=')[0]!)));
});

/** The version of the dpkg on PATH, as dpkg itself exports it ('' without dpkg). */
function installedDpkg(): string {
  const query = spawnSync('dpkg-query', ['--showformat=${Version}', '--show', 'dpkg'], { encoding: 'utf8' });
  return query.status === 0 ? query.stdout.trim() : '';
}

test('DPKG_RUNNING_VERSION is the installed dpkg\'s version, empty without dpkg', (t) => {
  const [post] = scriptsFor('rpm', [deb('postInstall', 'echo "[$DPKG_RUNNING_VERSION]"\n')], meta, new Diagnostics());
  const bin = tempDir(t);
  writeFileSync(join(bin, 'dpkg'), "#!/bin/sh\necho \"Debian 'dpkg' package management program version 1.22.6 (arm64).\"\necho more\n", { mode: 0o755 });
  assert.equal(runShell(t, post!, ['1'], { PATH: `${bin}:/usr/bin:/bin` }), '[1.22.6]');
  assert.equal(runShell(t, post!, ['1'], { PATH: tempDir(t) }), '[]');
});

test('dpkg -L and dpkg-query --listfiles are answered from rpm\'s database', (t) => {
  // An rpm that has demo installed with two files, and nothing else.
  const bin = tempDir(t);
  writeFileSync(join(bin, 'rpm'), [
    '#!/bin/sh',
    'for last; do :; done',
    '[ "$last" = demo ] || { echo "package $last is not installed"; exit 1; }',
    'case "$*" in *--qf*) printf "/usr/lib/demo\\n/usr/lib/demo/a.py\\n" ;; esac',
  ].join('\n'), { mode: 0o755 });
  const body = 'dpkg -L demo:amd64 | sed -n "s/\\.py$//p"\nif dpkg-query --listfiles other 2>/dev/null; then echo listed; else echo "not installed"; fi\n';
  const [pre] = scriptsFor('rpm', [deb('preRemove', body)], meta, new Diagnostics());
  assert.deepEqual(runShell(t, pre!, ['0'], { PATH: `${bin}:/usr/bin:/bin` }).split('\n'), ['/usr/lib/demo/a', 'not installed']);
  const warnings = new Diagnostics();
  scriptsFor('rpm', [deb('preRemove', body)], meta, warnings);
  assert.match(warnings.items.map((d) => d.message).join('\n'), /dpkg -L, which only Debian systems have .*from rpm's database/);
});

test('update-alternatives --install links (master and slaves) are rpm Provides of the deb package', () => {
  const body = [
    'update-alternatives --install /usr/bin/awk awk /usr/bin/mawk 5 \\',
    '  --slave /usr/share/man/man1/awk.1.gz awk.1.gz /usr/share/man/man1/mawk.1.gz \\',
    '  --slave "/usr/bin/nawk" nawk /usr/bin/mawk',
    'update-alternatives --quiet --install $DPKG_ROOT/usr/bin/pager pager /bin/more 50 || true',
    '# update-alternatives --install /usr/bin/commented x /y 1',
    'update-alternatives --remove awk /usr/bin/mawk',
  ].join('\n');
  assert.deepEqual(alternativesLinks(body), ['/usr/bin/awk', '/usr/share/man/man1/awk.1.gz', '/usr/bin/nawk']);
  const scripts = scriptsFor('rpm', [deb('postInstall', `${body}\n`)], meta, new Diagnostics());
  const deps = new Dependencies();
  scriptEntries(scripts, meta, deps, new Diagnostics());
  assert.deepEqual(deps.list('provide').map((d) => d.name), ['/usr/bin/awk', '/usr/share/man/man1/awk.1.gz', '/usr/bin/nawk']);
  // A script written for rpm provides nothing of the kind (rpm's own alternatives are not read).
  const rpmDeps = new Dependencies();
  scriptEntries([{ ...deb('postInstall', body), convention: 'rpm' }], meta, rpmDeps, new Diagnostics());
  assert.deepEqual(rpmDeps.list('provide'), []);
});

test('dpkg -S answers "owned" for a path that exists, so scripts do not remove what they think nobody owns', (t) => {
  const body = 'for p in / /no/such/path; do if dpkg-query -S "$p" >/dev/null 2>&1; then echo "kept $p"; else echo "gone $p"; fi; done\n'
    + 'x=$(dpkg -S /); echo "$x"\n';
  const [post] = scriptsFor('rpm', [deb('postInstall', body)], meta, new Diagnostics());
  assert.deepEqual(runShell(t, post!, ['1']).split('\n'), ['kept /', 'gone /no/such/path', 'rpm: /']);
  const bash: Script = { ...deb('postInstall', body), interpreter: '/bin/bash', body: `#!/bin/bash\n${body}` };
  const [viaBash] = scriptsFor('rpm', [bash], meta, new Diagnostics());
  const file = join(tempDir(t), 'demo.postinst');
  writeFileSync(file, shellOfDeferrable(viaBash!)!);
  assert.equal(runOk('/bin/bash', [file, '1']).stdout.trim().split('\n')[0], 'kept /');
});

test('debconf: templates and config travel with the install scripts; without a terminal the defaults answer', (t) => {
  const withDebconf: Metadata = { ...meta, extras: { 'deb-control-files': { templates: 'Template: demo/q\nType: boolean\n', config: '#!/bin/sh\n' } } };
  const scripts = [deb('postInstall', '. /usr/share/debconf/confmodule\ndb_get demo/q\n')];
  const [post] = scriptsFor('rpm', scripts, withDebconf, new Diagnostics());
  assert.match(post!.body, /Template: demo\/q/);
  assert.match(post!.body, /pkg \.\. "\.config"/);
  const shell = shellOfDeferrable(post!)!;
  assert.match(shell, /DEBCONF_PACKAGE=demo/);
  assert.equal(runShell(t, { ...post!, body: `${shell.replace(/^pkgshift_original "\$@"$/m, '')}echo "$DEBIAN_FRONTEND"\n` }, ['1']), 'noninteractive');
  assert.deepEqual(controlFilesInScripts(scripts), ['templates', 'config'], 'templates and config are not dropped');
  assert.deepEqual(controlFilesInScripts([deb('postRemove', '. /usr/share/debconf/confmodule\n')]), []);
});

test('a deb script wrapped for rpm (shim in Lua) comes back unchanged, and the %posttrans runner is dropped', () => {
  const originals = [deb('preInstall', 'echo pre\n'), deb('postInstall', 'cp /a /b\n'), deb('preRemove', 'echo prerm\n')];
  const viaRpm = scriptsFor('rpm', originals, meta, new Diagnostics());
  assert.equal(viaRpm.length, 4);
  assert.deepEqual(scriptsFor('rpm', viaRpm, meta, new Diagnostics()), viaRpm, 'translating twice changes nothing');
  assert.deepEqual(scriptsFor('deb', viaRpm, meta, new Diagnostics()), originals);
  assert.deepEqual(scriptsFor('deb', withoutLuaWrappers(viaRpm), meta, new Diagnostics()), originals);
});
