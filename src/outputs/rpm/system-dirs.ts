// Directories that belong to the base system (the filesystem package and friends on Fedora/RHEL/SUSE).
// A package that owned them would claim them in the rpm database and, on erase, try to remove them;
// rpm also reports conflicts when their modes differ from the filesystem package's.

const SYSTEM_DIRS = new Set([
  '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/media', '/mnt', '/opt', '/proc', '/root',
  '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var',
  '/etc/default', '/etc/init.d', '/etc/rc.d', '/etc/rc.d/init.d', '/etc/sysconfig', '/etc/profile.d',
  '/etc/systemd', '/etc/systemd/system', '/etc/systemd/user', '/etc/logrotate.d', '/etc/cron.d',
  '/etc/cron.daily', '/etc/cron.hourly', '/etc/cron.weekly', '/etc/cron.monthly', '/etc/sudoers.d',
  '/etc/ld.so.conf.d', '/etc/xdg', '/etc/xdg/autostart', '/etc/security', '/etc/pki', '/etc/pam.d',
  '/etc/bash_completion.d', '/etc/modprobe.d', '/etc/sysctl.d', '/etc/tmpfiles.d', '/etc/udev',
  '/etc/udev/rules.d', '/etc/dbus-1', '/etc/dbus-1/system.d', '/etc/opt', '/etc/X11', '/etc/skel',
  '/lib/systemd', '/lib/systemd/system', '/lib/udev', '/lib/udev/rules.d', '/lib/modules', '/lib/firmware',
  '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/libexec', '/usr/include', '/usr/src', '/usr/games',
  '/usr/local', '/usr/local/bin', '/usr/local/etc', '/usr/local/games', '/usr/local/include', '/usr/local/lib',
  '/usr/local/lib64', '/usr/local/libexec', '/usr/local/sbin', '/usr/local/share', '/usr/local/src',
  '/usr/share', '/usr/share/doc', '/usr/share/man', '/usr/share/info', '/usr/share/licenses',
  '/usr/share/locale', '/usr/share/applications', '/usr/share/icons', '/usr/share/icons/hicolor',
  '/usr/share/pixmaps', '/usr/share/mime', '/usr/share/mime/packages', '/usr/share/metainfo',
  '/usr/share/appdata', '/usr/share/bash-completion', '/usr/share/bash-completion/completions',
  '/usr/share/zsh', '/usr/share/zsh/site-functions', '/usr/share/fish', '/usr/share/fish/vendor_completions.d',
  '/usr/share/dbus-1', '/usr/share/dbus-1/services', '/usr/share/dbus-1/system-services',
  '/usr/share/polkit-1', '/usr/share/polkit-1/actions', '/usr/share/fonts', '/usr/share/java',
  '/usr/share/xml', '/usr/share/sgml', '/usr/share/themes', '/usr/share/sounds',
  '/usr/share/games', '/usr/share/aclocal', '/usr/share/pkgconfig', '/usr/share/help', '/usr/share/gtk-doc',
  '/usr/share/gtk-doc/html', '/usr/share/vim', '/usr/share/emacs', '/usr/share/emacs/site-lisp',
  '/usr/lib/systemd', '/usr/lib/systemd/system', '/usr/lib/systemd/user', '/usr/lib/systemd/system-preset',
  '/usr/lib/sysusers.d', '/usr/lib/tmpfiles.d', '/usr/lib/sysctl.d', '/usr/lib/modules-load.d',
  '/usr/lib/udev', '/usr/lib/udev/rules.d', '/usr/lib/modules', '/usr/lib/firmware', '/usr/lib/debug',
  '/usr/lib/python3', '/usr/lib/python3/dist-packages', '/usr/lib/pkgconfig', '/usr/lib64/pkgconfig',
  '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib/node_modules', '/usr/lib/locale',
  '/var/lib', '/var/log', '/var/cache', '/var/spool', '/var/tmp', '/var/run', '/var/opt', '/var/lock',
  '/var/mail', '/var/local', '/var/empty', '/var/db', '/var/www', '/var/lib/systemd',
]);

/** man page sections and localised trees: /usr/share/man/man1, /usr/share/man/de/man8, /usr/share/icons/hicolor/48x48/apps … */
const SYSTEM_DIR_PATTERNS: readonly RegExp[] = [
  /^\/usr(\/local)?\/share\/man\/([^/]+\/)?man[0-9a-z]+$/,
  /^\/usr(\/local)?\/share\/man\/[^/]+$/,
  /^\/usr\/share\/locale\/[^/]+(\/LC_[A-Z]+)?$/,
  /^\/usr\/share\/icons\/hicolor\/[^/]+(\/[^/]+)?$/,
];

export function isSystemDir(path: string): boolean {
  return SYSTEM_DIRS.has(path) || SYSTEM_DIR_PATTERNS.some((re) => re.test(path));
}
