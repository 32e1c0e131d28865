// deb output: a .deb that dpkg installs, written natively (FORMATS.md §B2, §0): an ar container
// holding debian-binary, control.tar.* and data.tar.* (GNU tar, which dpkg's own unpacker needs).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PkgError } from '../../core/errors.js';
import type { PackageModel } from '../../core/model.js';
import { checkLevel, parseCompression, WRITABLE, type Compression } from '../../formats/compress.js';
import { formatControl } from '../../formats/deb-control.js';
import type { Context, Options, OutputPlugin } from '../../plugin.js';
import { controlFields } from './control.js';
import { checkPathsFitLists, conffiles, installedSize, md5sumsText } from './manifests.js';
import { debContainer, debianBinary, spoolControlTar, spoolDataTar, type MemberCompression } from './members.js';
import { debFileName } from './naming.js';
import { prepareDeb } from './prepare.js';
import { warnNonStandardOwners } from '../../core/accounts.js';
import { scriptsFor } from '../../core/script-translate.js';
import { CONTROL_FILES_EXTRA, extraControlFiles, scriptFiles, type ControlFile } from './scripts.js';

export const debOutput: OutputPlugin = {
  name: 'deb',
  description: 'a Debian package (.deb) for dpkg',
  extensions: ['.deb'],
  options: [
    { flags: '--deb-compression <kind>', description: 'deb member compression: xz (default), gzip, zstd (needs dpkg >= 1.21.18), none', choices: ['xz', 'gzip', 'zstd', 'none'] },
    { flags: '--deb-compression-level <n>', description: 'deb compression level (default: xz 6, gzip 9, zstd 3)' },
    { flags: '--deb-field <field>', description: "extra control field 'Name: value' (an empty value removes a field); repeatable", repeatable: true },
    { flags: '--deb-priority <priority>', description: 'Priority field (default optional)' },
  ],

  fileName(pkg: PackageModel): string {
    return debFileName(pkg.metadata);
  },

  prepare: (pkg, _options, ctx) => prepareDeb(pkg, ctx),

  async write(input, out, options, ctx) {
    const pkg = withoutGhosts(input, ctx);
    const compression = chosenCompression(options, ctx);
    const mtime = packageTime(pkg, ctx);
    checkPathsFitLists(pkg.files);
    // Everything but md5sums is settled before the slow part, so bad metadata fails at once.
    const controlFiles: ControlFile[] = [];
    const conf = conffiles(pkg.files, ctx.diag);
    if (conf.length) controlFiles.push({ name: 'conffiles', content: conf.map((p) => `${p}\n`).join(''), mode: 0o644 });
    const scripts = scriptFiles(scriptsFor('deb', pkg.scripts, pkg.metadata, ctx.diag), ctx.diag);
    warnNonStandardOwners(pkg.files, 'deb', ctx.diag);
    controlFiles.push(...scripts, ...extraControlFiles(pkg.metadata.extras[CONTROL_FILES_EXTRA], scripts, ctx.diag));
    const control = formatControl(controlFields({
      metadata: pkg.metadata,
      installedSize: installedSize(pkg.files, controlFiles),
      priority: options.debPriority as string | undefined,
      extraFields: options.debField as string[] | undefined,
      diag: ctx.diag,
    }));
    controlFiles.push({ name: 'control', content: control, mode: 0o644 });

    const data = await spoolDataTar(pkg.files, compression, mtime, ctx);
    const md5sums = md5sumsText(pkg.files, data.md5, new Set(conf));
    if (md5sums) controlFiles.push({ name: 'md5sums', content: md5sums, mode: 0o644 });
    const controlTar = await spoolControlTar(controlFiles, compression, mtime, ctx);

    await pipeline(Readable.from(debContainer([debianBinary(), controlTar, data.member], mtime)), out, { end: false });
  },
};

/** rpm %ghost files are owned but not shipped; a deb can only ship files, so they are left out. */
function withoutGhosts(pkg: PackageModel, ctx: Context): PackageModel {
  const ghosts = pkg.files.filter((f) => f.flags?.has('ghost'));
  if (ghosts.length === 0) return pkg;
  ctx.diag.warn('deb-ghost-dropped', `deb cannot own files it does not ship: %ghost ${ghosts.map((f) => f.path).join(', ')} left out`);
  return { ...pkg, files: pkg.files.filter((f) => !f.flags?.has('ghost')) };
}

function chosenCompression(options: Options, ctx: Context): MemberCompression {
  const name = options.debCompression as string | undefined;
  const kind: Compression = name ? parseCompression(name) : 'xz';
  if (!WRITABLE.includes(kind)) throw new PkgError('usage', `--deb-compression ${name}: pkgshift writes ${WRITABLE.join(', ')}`);
  if (kind === 'zstd') {
    ctx.diag.warn('deb-zstd-compat', 'zstd-compressed debs need dpkg >= 1.21.18: Debian 11 and older (and older Ubuntu) cannot install them');
  }
  const rawLevel = options.debCompressionLevel as string | undefined;
  if (rawLevel === undefined) return { kind };
  if (!/^\d+$/.test(rawLevel)) throw new PkgError('usage', `--deb-compression-level must be a whole number, not '${rawLevel}'`);
  return { kind, level: checkLevel(kind, Number(rawLevel)) };
}

/** The time stamped on what the output makes up (ar members, `./`, control files): SOURCE_DATE_EPOCH, else the newest file. */
function packageTime(pkg: PackageModel, ctx: Context): number {
  if (ctx.sourceDateEpoch !== undefined) return ctx.sourceDateEpoch;
  return pkg.files.reduce((newest, f) => Math.max(newest, f.mtime), 0);
}
