// systemd units shipped by a package (fpm's --deb-systemd): where the unit goes and what the
// maintainer scripts do with it, in the manner of debhelper's dh_installsystemd and rpm's
// %systemd_post/%systemd_preun/%systemd_postun_with_restart snippets:
//   install  → daemon-reload; enable (--deb-systemd-enable); start (--deb-systemd-auto-start)
//   upgrade  → daemon-reload; enable (--deb-systemd-enable); restart (--deb-systemd-restart-after-upgrade)
//   removal  → stop and disable before the files go; daemon-reload after.
// Starting, stopping and reloading happen only when systemd runs (/run/systemd/system exists, below
// $DPKG_ROOT for a dpkg --root install); enabling and disabling only write symlinks, so they happen
// whenever systemctl exists (in a --root install, `systemctl --root` writes them there). Every call
// ignores failure: a unit that cannot start must not leave the package half-installed.
import { basename } from 'node:path';
import type { GeneratedAction } from './lifecycle.js';

/** systemd's unit directory for packages; Debian's systemd also reads /lib/systemd/system. */
export const DEFAULT_UNIT_DIR = '/usr/lib/systemd/system';

export interface SystemdSettings {
  /** Unit names (`app.service`). */
  units: string[];
  enable: boolean;
  autoStart: boolean;
  restartAfterUpgrade: boolean;
}

const UNIT_SUFFIX = /\.(service|socket|timer|path|mount|automount|target|slice|scope|swap|device)$/;

/** The installed name of a unit file: its base name, `.service` added when it has no unit suffix (as fpm does). */
export function unitName(file: string): string {
  const name = basename(file);
  return UNIT_SUFFIX.test(name) ? name : `${name}.service`;
}

const RUNNING = '[ -d "${DPKG_ROOT:-}/run/systemd/system" ]';
const HAS_SYSTEMCTL = 'command -v systemctl >/dev/null 2>&1';
const SYSTEMCTL = 'systemctl ${DPKG_ROOT:+--root="$DPKG_ROOT"}';

function whenRunning(command: string): string {
  return `if ${RUNNING}; then systemctl ${command} >/dev/null 2>&1 || true; fi`;
}

function whenInstalled(command: string): string {
  return `if ${HAS_SYSTEMCTL}; then ${SYSTEMCTL} --no-reload ${command} >/dev/null 2>&1 || true; fi`;
}

export function systemdActions(s: SystemdSettings): GeneratedAction[] {
  if (s.units.length === 0) return [];
  const units = s.units.map((u) => `'${u}'`).join(' ');
  const afterFiles = (event: 'install' | 'upgrade'): string[] => {
    const lines = [whenRunning('daemon-reload')];
    if (s.enable) lines.push(whenInstalled(`enable ${units}`));
    if (event === 'install' && s.autoStart) lines.push(whenRunning(`start ${units}`));
    // try-restart leaves a stopped unit stopped; with auto-start the unit is meant to run.
    if (event === 'upgrade' && s.restartAfterUpgrade) lines.push(whenRunning(`${s.autoStart ? 'restart' : 'try-restart'} ${units}`));
    return lines;
  };
  return [
    { phase: 'postInstall', event: 'install', lines: afterFiles('install') },
    { phase: 'postInstall', event: 'upgrade', lines: afterFiles('upgrade') },
    { phase: 'preRemove', event: 'remove', first: true, lines: [whenRunning(`stop ${units}`), whenInstalled(`disable ${units}`)] },
    { phase: 'postRemove', event: 'remove', lines: [whenRunning('daemon-reload')] },
  ];
}
