// deb output: a .deb that dpkg installs, written natively (docs/FORMATS.md §B2, §0): an ar container
// holding debian-binary, control.tar.* and data.tar.* (GNU tar, which dpkg's own unpacker needs).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { formatControl } from '../../formats/deb/control.js';
import type { OutputPlugin } from '../../plugin.js';
import { md5sumsText } from './manifests.js';
import { debContainer, debianBinary, spoolControlTar, spoolDataTar } from './members.js';
import { planDeb, type DebSettings } from './plan.js';
import { originSignature } from './signing.js';
import { FPM_DEB_OPTIONS } from '../../fpm/options.js';
import { DEBIAN } from '../../deps/families.js';

export const debOutput: OutputPlugin<DebSettings> = {
  name: 'deb',
  description: 'a Debian package (.deb) for dpkg',
  extensions: ['.deb'],
  lintFormat: 'deb',
  dependencyFamily: DEBIAN,
  options: [
    { flags: '--deb-compression <kind>', description: 'deb member compression: xz (default), gzip, zstd (needs dpkg >= 1.21.18), none', choices: ['xz', 'gzip', 'zstd', 'none'] },
    { flags: '--deb-compression-level <n>', description: 'deb compression level (default: xz 6, gzip 9, zstd 3)' },
    { flags: '--deb-field <field>', description: "extra control field 'Name: value' (an empty value removes a field); repeatable", repeatable: true },
    { flags: '--deb-priority <priority>', description: 'Priority field (default optional)' },
    { flags: '--deb-sign', description: 'sign the deb in the debsigs form (_gpgorigin) with --deb-sign-key' },
    { flags: '--deb-sign-key <file>', description: 'OpenPGP secret key (RSA or Ed25519, gpg --export-secret-keys --armor); implies --deb-sign', value: 'file' },
    ...FPM_DEB_OPTIONS,
  ],

  plan: planDeb,

  async write({ model, settings }, out, ctx) {
    const { compression, mtime } = settings;
    const data = await spoolDataTar(model.files, compression, mtime, ctx);
    const controlFiles = [...settings.controlFiles, { name: 'control', content: formatControl(settings.control), mode: 0o644 }];
    const md5sums = md5sumsText(model.files, data.md5, new Set(settings.conffiles));
    if (md5sums) controlFiles.push({ name: 'md5sums', content: md5sums, mode: 0o644 });
    const controlTar = await spoolControlTar(controlFiles, compression, mtime, ctx);
    const members = [debianBinary(), controlTar, data.member];
    if (settings.key) members.push(await originSignature(settings.key, members));
    await pipeline(Readable.from(debContainer(members, mtime)), out, { end: false });
  },
};
