// Builds real .rpm packages with rpmbuild for the input tests: hardlinks, symlinks, setuid, sticky,
// %config(noreplace), %ghost, %doc, non-root owners, scripts with several interpreters (incl.
// <lua>), a trigger, a changelog, Requires(pre), a rich dependency, weak dependencies.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './helpers.js';

export const DEMO_SPEC = `Name: demo-rpm
Epoch: 3
Version: 1.2.3~rc1
Release: 4.el9
Summary: a demo package for the rpm reader tests
License: MIT
URL: https://example.org/demo
Vendor: Demo Vendor
Packager: Demo Packager <demo@example.org>
Group: Applications/System
BuildArch: noarch
Requires: less >= 1.0
Requires(pre): shadow-utils
Requires: (python3 or perl >= 5.30)
Recommends: vim
Suggests: emacs
Conflicts: old-demo < 1.0
Obsoletes: older-demo <= 0.9
Provides: demo-virtual = 1.2
%description
First paragraph of the long description.

Second paragraph.
%install
mkdir -p %{buildroot}/usr/bin %{buildroot}/etc/demo %{buildroot}/usr/share/doc/demo %{buildroot}/var/spool/demo
printf '#!/bin/sh\\necho demo\\n' > %{buildroot}/usr/bin/demo
chmod 755 %{buildroot}/usr/bin/demo
ln %{buildroot}/usr/bin/demo %{buildroot}/usr/bin/demo-hardlink
ln -s demo %{buildroot}/usr/bin/demo-symlink
printf 'setuid\\n' > %{buildroot}/usr/bin/demo-suid
echo 'key = value' > %{buildroot}/etc/demo/demo.conf
echo 'readme' > %{buildroot}/usr/share/doc/demo/README
seq 1 20000 > %{buildroot}/usr/share/doc/demo/data.bin
%files
/usr/bin/demo
/usr/bin/demo-hardlink
/usr/bin/demo-symlink
%attr(4755,root,root) /usr/bin/demo-suid
%dir /etc/demo
%config(noreplace) /etc/demo/demo.conf
%ghost /etc/demo/ghost.log
%doc /usr/share/doc/demo/README
%attr(0644,daemon,daemon) /usr/share/doc/demo/data.bin
%attr(1777,root,root) %dir /var/spool/demo
%pre
echo pre "$1"
%post -p /usr/bin/perl
print "post\\n";
%preun
echo preun
%postun -p /sbin/ldconfig
%posttrans -p <lua>
print("posttrans")
%triggerin -- bash
echo bash changed
%changelog
* Mon Jan 01 2024 Demo Packager <demo@example.org> - 3:1.2.3~rc1-4
- first entry
`;

/** rpmbuild -bb of `dir`/demo.spec with the given `_binary_payload`; returns the rpm's path. */
export function buildRpm(dir: string, payload: string, spec = 'demo.spec'): string {
  const top = join(dir, `top-${payload}`);
  runOk('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, '--define', `_binary_payload ${payload}`,
    '--define', 'source_date_epoch_from_changelog 0', '--define', 'clamp_mtime_to_source_date_epoch 1', join(dir, spec)], { env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
  const rpms = join(top, 'RPMS', 'noarch');
  const [name] = readdirSync(rpms);
  return join(rpms, name!);
}
