// fpm's options that pkgshift takes with fpm's meaning (README "fpm users"). The options common to
// every output are declared here; the `--deb-*` and `--rpm-*` ones beside each output's own options.
// resolveFpmOptions() turns fpm's per-format spellings into the options pkgshift's steps read, for
// the output being written: `--deb-user` is `--owner` for a deb and means nothing for an rpm, as in fpm.
import { PkgError } from '../core/errors.js';
import type { OptionSpec, Options } from '../plugin.js';
import { listFile } from './args.js';

export const FPM_COMMON_OPTIONS: OptionSpec[] = [
  { flags: '--before-upgrade <file>', description: 'script to run before an upgrade (only then: not on a first install)' },
  { flags: '--after-upgrade <file>', description: 'script to run after an upgrade (only then: not on a first install)' },
  { flags: '--template-scripts', description: "render <%= key %> in scripts (values only, never code; see --template-value)" },
  { flags: '--template-value <key=value>', description: 'a value for <%= key %> in scripts; implies --template-scripts', repeatable: true },
  { flags: '--changelog <file>', description: 'changelog: nfpm YAML, Debian changelog, or a markdown list (deb changelog.Debian.gz, rpm %changelog)' },
  { flags: '--systemd <unit>', description: 'systemd unit file to install and enable/start/stop from the scripts (see --deb-systemd)', repeatable: true },
  { flags: '--systemd-enable', description: 'enable the --systemd units on install and upgrade' },
  { flags: '--systemd-auto-start', description: 'start the --systemd units on install' },
  { flags: '--no-systemd-restart-after-upgrade', description: 'do not restart the --systemd units after an upgrade' },
  { flags: '--inputs <file>', description: 'read more inputs from FILE, one a line (fpm)' },
  { flags: '--exclude-file <file>', description: 'read more --exclude patterns from FILE, one a line (fpm)' },
  { flags: '--workdir <dir>', description: 'directory for temporary files (default: the system temporary directory)' },
  { flags: '--log <level>', description: 'error, warn, info or debug (fpm): error is --quiet, info and debug are --verbose' },
  { flags: '--debug', description: 'same as --verbose (fpm)' },
  { flags: '--sign-passphrase-file <file>', description: "file whose first line is the signing key's passphrase (else $PKGSHIFT_SIGN_PASSPHRASE)" },
  { flags: '-S, --package-name-suffix <suffix>', description: "appended to the name with a '-' (fpm)" },
  { flags: '--no-depends', description: 'list no dependencies, not even the input\'s (fpm)' },
  { flags: '--source-date-epoch-default <seconds>', description: 'SOURCE_DATE_EPOCH when the environment has none (fpm)' },
  { flags: '--fpm-options-file <file>', description: 'read more options from FILE, in its place on the command line (fpm)' },
  { flags: '--systemd-unit-dir <dir>', description: 'where --systemd units go (default /usr/lib/systemd/system; /lib/systemd/system for Debian 11 and older)' },
  { flags: '--no-auto-depends', description: 'no dependencies computed from the files: --deps keep (fpm)' },
];

export const FPM_DEB_OPTIONS: OptionSpec[] = [
  { flags: '--deb-user <user>', description: 'owner of every file in a deb (fpm; --owner for the deb output)' },
  { flags: '--deb-group <group>', description: 'group of every file in a deb (fpm; --group for the deb output)' },
  { flags: '--deb-no-default-config-files', description: 'deb: do not make files under /etc conffiles (fpm)' },
  { flags: '--deb-changelog <file>', description: 'deb: --changelog (fpm)' },
  { flags: '--deb-dist <dist>', description: "distribution in the generated changelog entry (default 'unstable')" },
  { flags: '--deb-pre-depends <relation>', description: 'deb Pre-Depends', repeatable: true },
  { flags: '--deb-recommends <relation>', description: 'deb: --recommends (fpm)', repeatable: true },
  { flags: '--deb-suggests <relation>', description: 'deb: --suggests (fpm)', repeatable: true },
  { flags: '--deb-config <file>', description: 'debconf config script (fpm)' },
  { flags: '--deb-templates <file>', description: 'debconf templates (fpm)' },
  { flags: '--deb-shlibs <file>', description: 'shlibs control file (fpm)' },
  { flags: '--deb-interest <trigger>', description: "dpkg trigger 'interest' (fpm); repeatable", repeatable: true },
  { flags: '--deb-interest-noawait <trigger>', description: "dpkg trigger 'interest-noawait' (fpm); repeatable", repeatable: true },
  { flags: '--deb-activate <trigger>', description: "dpkg trigger 'activate' (fpm); repeatable", repeatable: true },
  { flags: '--deb-activate-noawait <trigger>', description: "dpkg trigger 'activate-noawait' (fpm); repeatable", repeatable: true },
  { flags: '--deb-auto-config-files', description: 'accepted for fpm: files under /etc are conffiles by default' },
  { flags: '--deb-use-file-permissions', description: 'accepted for fpm: modes always come from the files' },
  { flags: '--deb-systemd <unit>', description: 'systemd unit file (fpm): --systemd, for every output', repeatable: true },
  { flags: '--deb-systemd-enable', description: '--systemd-enable (fpm)' },
  { flags: '--deb-systemd-auto-start', description: '--systemd-auto-start (fpm)' },
  { flags: '--deb-systemd-restart-after-upgrade', description: 'restart the units after an upgrade (the default; fpm)' },
  { flags: '--no-deb-systemd-restart-after-upgrade', description: '--no-systemd-restart-after-upgrade (fpm)' },
];

export const FPM_RPM_OPTIONS: OptionSpec[] = [
  { flags: '--rpm-user <user>', description: 'owner of every file in an rpm (fpm; --owner for the rpm output)' },
  { flags: '--rpm-group <group>', description: 'group of every file in an rpm (fpm; --group for the rpm output)' },
  { flags: '--rpm-changelog <file>', description: 'rpm: --changelog (fpm)' },
  { flags: '--rpm-dist <dist>', description: "rpm: appended to the release ('1' → '1.el9'), as fpm does" },
  { flags: '--rpm-attr <mode,user,group:path>', description: "rpm %attr for one path; '-' keeps a value (fpm)", repeatable: true },
  { flags: '--rpm-tag <tag>', description: "rpm spec tag 'Name: value' (Requires(pre), Obsoletes, Group …; fpm)", repeatable: true },
  { flags: '--rpm-systemd <unit>', description: 'systemd unit file: --systemd, for every output', repeatable: true },
  { flags: '--rpm-summary <text>', description: 'rpm Summary, instead of the first line of --description (fpm)' },
  { flags: '--rpm-pretrans <file>', description: '%pretrans script (fpm)' },
  { flags: '--rpm-posttrans <file>', description: '%posttrans script (fpm)' },
  { flags: '--rpm-verifyscript <file>', description: '%verifyscript (fpm)' },
  { flags: '--rpm-use-file-permissions', description: 'accepted for fpm: modes always come from the files' },
  { flags: '--rpm-sign', description: 'sign the rpm (header, and header with payload) with --rpm-sign-key' },
  { flags: '--rpm-sign-key <file>', description: 'ASCII-armoured (or binary) OpenPGP secret key, RSA or Ed25519, as gpg --export-secret-keys writes it; implies --rpm-sign' },
  { flags: '--rpm-autoreqprov', description: 'rpm: dependencies computed from the files as rpmbuild does: --deps map (fpm)' },
];

const TRIGGERS = new Map([['debInterest', 'interest'], ['debInterestNoawait', 'interest-noawait'], ['debActivate', 'activate'], ['debActivateNoawait', 'activate-noawait']]);

/** The options as pkgshift's steps read them for an output of type `target`. */
export function resolveFpmOptions(given: Options, target: string): Options {
  const o: Options = { ...given };
  const list = (key: string) => (o[key] as string[] | undefined) ?? [];
  const fromFormat = (prefix: 'deb' | 'rpm') => {
    const at = (suffix: string) => o[`${prefix}${suffix}`] as string | undefined;
    if (at('User') !== undefined) o.owner = at('User');
    if (at('Group') !== undefined) o.group = at('Group');
    if (at('Changelog') !== undefined) o.changelog = at('Changelog');
  };
  if (target === 'deb') {
    fromFormat('deb');
    o.controlFiles = { config: o.debConfig, templates: o.debTemplates, shlibs: o.debShlibs };
    o.triggers = [...TRIGGERS].flatMap(([key, directive]) => list(key).map((name) => `${directive} ${name}`));
    if (o.debNoDefaultConfigFiles) o.defaultConfigFiles = false;
    o.preDepends = list('debPreDepends');
    o.recommends = [...list('recommends'), ...list('debRecommends')];
    o.suggests = [...list('suggests'), ...list('debSuggests')];
  }
  if (target === 'rpm') {
    fromFormat('rpm');
    if (o.rpmSummary !== undefined) o.summary = o.rpmSummary;
    o.transactionScripts = { preTransaction: o.rpmPretrans, postTransaction: o.rpmPosttrans, verify: o.rpmVerifyscript };
    if (o.rpmDist !== undefined) o.releaseSuffix = o.rpmDist;
  } else {
    delete o.rpmTag;
    delete o.rpmAttr;
  }
  o.systemd = [...list('systemd'), ...list('debSystemd'), ...list('rpmSystemd')];
  if (o.debSystemdEnable) o.systemdEnable = true;
  if (o.debSystemdAutoStart) o.systemdAutoStart = true;
  if (o.debSystemdRestartAfterUpgrade === false) o.systemdRestartAfterUpgrade = false;
  if (o.templateValue !== undefined) o.templateScripts = true;
  if (o.inputs !== undefined && typeof o.inputs === 'string') o.inputList = listFile(o.inputs, '--inputs');
  if (typeof o.excludeFile === 'string') o.exclude = [...(o.exclude ?? []), ...listFile(o.excludeFile, '--exclude-file')];
  // fpm's switches for computed dependencies, as pkgshift's --deps policy (an explicit --deps wins).
  if (o.deps === undefined && target === 'rpm' && o.rpmAutoreqprov) o.deps = 'map';
  if (o.deps === undefined && o.autoDepends === false) o.deps = 'keep';
  // --no-depends leaves commander's `depends` false; the steps read a list and the switch.
  if ((o.depends as unknown) === false) {
    o.depends = [];
    o.noDepends = true;
  }
  if (o.debug) o.verbose = true;
  if (o.log !== undefined) {
    const level = String(o.log);
    if (!['error', 'warn', 'info', 'debug'].includes(level)) throw new PkgError('usage', `--log ${level}: expected error, warn, info or debug`);
    if (level === 'error') o.quiet = true;
    if (level === 'info' || level === 'debug') o.verbose = true;
  }
  return o;
}
