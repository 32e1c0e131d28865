// The deb as it will be written, decided once before a byte is: the model translated for dpkg (name,
// version, relations, scripts, maintainer, description, a generated copyright file, no %ghost files),
// which lint checks, and every control.tar member but md5sums (which needs the data's hashes).
import { warnNonStandardOwners } from '../../core/accounts.js';
import { DEBIAN_ACCOUNTS } from '../../formats/deb/vocabulary.js';
import { PkgError } from '../../core/errors.js';
import type { FileEntry, Metadata, PackageModel } from '../../core/model.js';
import { normalize } from '../../core/normalize.js';
import { generatedCopyright } from '../../core/placeholders.js';
import { debRelations } from '../../core/relations-translate.js';
import { companionsOfDeferrable } from '../../core/script-bootstrap.js';
import { debFileTriggers, scriptsFor, withoutLuaWrappers } from '../../core/script-translate.js';
import { packageTriggerLabel, rpmPackageTriggers } from '../../core/file-triggers.js';
import { bufferSource } from '../../core/source.js';
import { toDebVersion } from '../../core/version.js';
import { checkLevel, parseCompression, WRITABLE, type Compression } from '../../formats/compress.js';
import { formatControl, type ControlField } from '../../formats/deb/control.js';
import type { Context, Options, Plan } from '../../plugin.js';
import { controlFields, debDescription } from './control.js';
import { defaultMaintainer, isWellFormedMaintainer } from '../../core/maintainer.js';
import type { SigningKey } from '../../openpgp/index.js';
import { signingKey } from '../signing-key.js';
import { changelogFile, rpmChangelogSurvives } from './changelog.js';
import { rpmOnlyFields } from './foreign.js';
import { checkPathsFitLists, conffiles, installedSize } from './manifests.js';
import type { MemberCompression } from './members.js';
import { checkDebVersion, debFileName, debPackageName } from './naming.js';
import { withoutGhosts } from '../ghosts.js';
import { CONTROL_FILES_EXTRA, extraControlFiles, runnableScripts, scriptFiles, type ControlFile } from './scripts.js';

export interface DebSettings {
  compression: MemberCompression;
  /** The time stamped on what the output makes up (ar members, `./`, control files). */
  mtime: number;
  /** The control file's fields, in dpkg's order. */
  control: ControlField[];
  /** control.tar members besides control and md5sums: conffiles, maintainer scripts, the input's extra files. */
  controlFiles: ControlFile[];
  /** Config files: left out of md5sums (dpkg records their hashes itself). */
  conffiles: string[];
  /** --deb-sign: the key for the `_gpgorigin` signature. */
  key?: SigningKey;
}

export type DebPlan = Plan<DebSettings>;

export async function planDeb(input: PackageModel, options: Options, ctx: Context): Promise<DebPlan> {
  const compression = chosenCompression(options, ctx);
  const m = input.metadata;
  warnDroppedTriggers(m, ctx);
  const name = debPackageName(m.name, ctx.diag);
  const version = toDebVersion(m.version, ctx.diag);
  checkDebVersion(version, ctx.diag);
  const relations = debRelations(m, ctx.diag);
  const maintainer = debMaintainer(m.maintainer, ctx);
  const shipped = withoutGhosts(input.files, 'deb', ctx);
  const capable = shipped.filter((f) => f.capabilities);
  if (capable.length) {
    // dpkg unpacks no extended attributes; a Debian package sets capabilities in its postinst.
    ctx.diag.warn('deb-capabilities-dropped', `a deb cannot carry file capabilities (dpkg ignores xattrs): ${capable.map((f) => `${f.path} (${f.capabilities})`).join(', ')} lose them; set them in a postinst with setcap`);
  }
  const metadata = { ...m, ...debDescription(m, ctx.diag), name, version, relations, maintainer };
  const distribution = typeof options.debDist === 'string' ? options.debDist : 'unstable';
  const model = normalize({
    metadata,
    files: [...shipped, ...copyrightFile(input, name, m.vendor ?? maintainer, ctx), ...changelogFile({ ...input, metadata }, distribution, ctx)],
    scripts: scriptsFor('deb', runnableScripts(withoutLuaWrappers(input.scripts), ctx.diag), m, ctx.diag),
  }, ctx.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: ctx.sourceDateEpoch });

  checkPathsFitLists(model.files);
  const conf = conffiles(model.files, ctx.diag);
  const controlFiles: ControlFile[] = [];
  if (conf.length) controlFiles.push({ name: 'conffiles', content: conf.map((p) => `${p}\n`).join(''), mode: 0o644 });
  const scripts = scriptFiles(model.scripts, ctx.diag);
  warnNonStandardOwners(model.files, DEBIAN_ACCOUNTS, ctx.diag);
  controlFiles.push(...scripts, ...extraControlFiles(controlFileTexts(input), scripts, ctx.diag));
  const control = controlFields({
    metadata: model.metadata,
    installedSize: installedSize(model.files, controlFiles),
    priority: options.debPriority as string | undefined,
    foreignFields: rpmOnlyFields({ input: m, planned: model.metadata, changelogSurvives: rpmChangelogSurvives(m, name, distribution) },
      options.keepForeignMetadata === true, ctx.diag),
    extraFields: options.debField as string[] | undefined,
  });
  formatControl(control); // refuses bad fields now, not after the data is spooled
  const key = signingKey(options, 'deb');
  return {
    model, fileName: debFileName(model.metadata),
    settings: { compression, mtime: packageTime(model, ctx), control, controlFiles, conffiles: conf, ...(key ? { key } : {}) },
  };
}

/**
 * The control files besides control, md5sums, conffiles and scripts: the input's, plus what an rpm made by
 * pkgshift carried in its scriptlets (debconf's templates and config, core/script-bootstrap.ts), plus the
 * file-trigger interests that run the rpm's file triggers (core/script-translate.ts).
 */
function controlFileTexts(input: PackageModel): Record<string, string> {
  const texts: Record<string, string> = { ...Object.assign({}, ...input.scripts.map(companionsOfDeferrable)), ...input.metadata.extras[CONTROL_FILES_EXTRA] };
  const given = texts.triggers?.replace(/\n?$/, '\n') ?? '';
  const interests = debFileTriggers(input.metadata).interests.filter((line) => !given.split('\n').includes(line));
  if (interests.length) texts.triggers = `${given}${interests.join('\n')}\n`;
  return texts;
}

/** rpm triggers dpkg cannot run, by name: package triggers (dpkg's watch paths and names) and some file triggers. */
function warnDroppedTriggers(m: Metadata, ctx: Context): void {
  const dropped = [...rpmPackageTriggers(m).map(packageTriggerLabel), ...debFileTriggers(m).dropped];
  if (dropped.length) ctx.diag.warn('triggers-dropped', `rpm triggers with no deb counterpart (dpkg's triggers watch paths, and tell no removal from an install), dropped: ${dropped.join(', ')}`);
}

/**
 * A maintainer not in the form `Name <email>` (an rpm Packager such as `Fedora Project` or a bug URL)
 * is not a Maintainer dpkg and lintian accept: the default (DEBFULLNAME/DEBEMAIL, else the placeholder)
 * is written instead, and the warning says what was given.
 */
function debMaintainer(given: string | undefined, ctx: Context): string {
  const trimmed = given?.trim().replace(/\s*\n\s*/g, ' ');
  if (trimmed && isWellFormedMaintainer(trimmed)) return trimmed;
  if (trimmed) ctx.diag.warn('maintainer-malformed', `maintainer '${trimmed}' is not in the form 'Name <email>' deb expects: not copied into Maintainer`);
  return defaultMaintainer(process.env, ctx.diag);
}

/** Debian keeps a package's license in /usr/share/doc/NAME/copyright: written when the package names one but ships none. */
function copyrightFile(pkg: PackageModel, name: string, holder: string, ctx: Context): FileEntry[] {
  const { license } = pkg.metadata;
  const path = `/usr/share/doc/${name}/copyright`;
  const docDir = pkg.files.find((f) => f.path === `/usr/share/doc/${name}`);
  if (!license || docDir?.type === 'symlink' || pkg.files.some((f) => f.path === path)) return [];
  ctx.diag.info('copyright-generated', `${path} is generated from the license '${license}'`);
  const source = bufferSource(generatedCopyright(name, license, holder), path);
  const mtime = ctx.sourceDateEpoch ?? Math.max(0, ...pkg.files.map((f) => f.mtime));
  return [{ path, type: 'file', mode: 0o644, uid: 0, gid: 0, user: 'root', group: 'root', mtime, size: source.size, source }];
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

/** SOURCE_DATE_EPOCH, else the newest file. */
function packageTime(pkg: PackageModel, ctx: Context): number {
  if (ctx.sourceDateEpoch !== undefined) return ctx.sourceDateEpoch;
  return pkg.files.reduce((newest, f) => Math.max(newest, f.mtime), 0);
}
