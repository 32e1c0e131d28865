// The rpm as it will be written, decided once before a byte is: the model translated for rpm (version,
// relations, scripts, summary and license filled in, only the directories it owns), which lint checks,
// and every header entry but those describing the payload (its digests need the payload spooled).
import { warnNonStandardOwners } from '../../core/accounts.js';
import { PkgError } from '../../core/errors.js';
import { FEDORA_ACCOUNTS } from '../../formats/rpm/vocabulary.js';
import { rpmPackageTriggers } from '../../core/file-triggers.js';
import type { FileEntry, PackageModel } from '../../core/model.js';
import { canonicalPath } from '../../core/paths.js';
import { rpmRelations } from '../../core/relations-translate.js';
import { withOwnersRestored } from '../../core/script-bootstrap.js';
import { controlFilesInScripts, originalScript, rpmFileTriggersFor, scriptsFor } from '../../core/script-translate.js';
import { toRpmVersion } from '../../core/version.js';
import { NEWC_MAX_SIZE } from '../../formats/cpio.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { RPMFILE, RPMSENSE, encodeRdev } from '../../formats/rpm/tags.js';
import type { Context, Options, Plan } from '../../plugin.js';
import { addMetadataRelations, Dependencies, type RpmlibFeature } from './dependencies.js';
import { ownsDirectory, rpmFileList, type RpmFile } from './file-list.js';
import { isaSuffix, rpmDescriptive, rpmFileName, rpmIdentity, type RpmDescriptive, type RpmIdentity } from './metadata.js';
import { PAYLOAD_COMPRESSOR, rpmSettings, type RpmSettings } from './options.js';
import { fileTriggerEntries, packageTriggerEntries } from './triggers.js';
import { scriptEntries } from './scripts.js';
import { shippedDebianChangelog } from './changelog.js';
import { foreignDebEntries } from './foreign.js';
import type { SigningKey } from '../../openpgp/index.js';
import { signingKey } from '../signing-key.js';

export interface RpmPlanSettings extends RpmSettings {
  id: RpmIdentity;
  info: RpmDescriptive;
  files: RpmFile[];
  /** A file of 4 GiB or more: LONGFILESIZES / LONGSIZE and the 07070X cpio format. */
  large: boolean;
  /** PAYLOADCOMPRESSOR value. */
  compressor: string;
  /** Scriptlet bodies and interpreters, triggers included. */
  scripts: HeaderEntry[];
  /** --keep-foreign-metadata: the deb's fields rpm has no tag for. */
  foreign: HeaderEntry[];
  /** Provides, requires (rpmlib() ones included) and the other dependency lists. */
  deps: Dependencies;
  buildTime: number;
  /** --rpm-sign: the key for the header and header+payload signatures. */
  key?: SigningKey;
}

export type RpmPlan = Plan<RpmPlanSettings>;

export async function planRpm(input: PackageModel, options: Options, ctx: Context): Promise<RpmPlan> {
  const settings = rpmSettings(options);
  const key = signingKey(options, 'rpm'); // an unusable key fails before anything is linted or written
  const m = input.metadata;
  // deb triggers become file triggers, or are named in their own warning (rpmFileTriggersFor).
  const carried = [...controlFilesInScripts(input.scripts), 'triggers'];
  const debControlFiles = Object.keys(m.extras['deb-control-files'] ?? {}).filter((f) => !carried.includes(f));
  if (debControlFiles.length) {
    ctx.diag.warn('deb-control-files-dropped', `deb control files ${debControlFiles.join(', ')} have no rpm counterpart: dropped`);
  }
  const directories = (options.directories ?? []).map((d) => canonicalPath(d, `--directories ${d}`));
  const { epoch, version: upstream, release } = toRpmVersion(m.version, ctx.diag);
  const info = rpmDescriptive(m, ctx.diag);
  if (!info.changelog && !info.changelogEntries) {
    const shipped = await shippedDebianChangelog(input, ctx);
    if (shipped.length) info.changelogEntries = shipped;
  }
  const model: PackageModel = {
    metadata: {
      ...m, version: { ...(epoch !== undefined ? { epoch } : {}), upstream, release },
      relations: rpmRelations(m, ctx.diag), summary: info.summary, description: info.description, license: info.license,
    },
    // Directories the rpm does not own (system and implied ones) are not in it.
    files: input.files.filter((f) => f.type !== 'dir' || ownsDirectory(f, directories, input.files)),
    scripts: [],
  };
  model.scripts = scriptsFor('rpm', input.scripts, model.metadata, ctx.diag);
  // A package not built for rpm may get its accounts from other packages' install scripts (Debian's
  // base-passwd), which may run after rpm unpacked the files: their owners are set again once the scripts
  // ran. Scripts written for rpm make their accounts in %pre, before rpm unpacks.
  if (m.extras.rpm === undefined && !input.scripts.some((s) => originalScript(s).convention === 'rpm')) {
    const owned = model.files.filter((f) => f.type !== 'symlink' && (f.user !== 'root' || f.group !== 'root'));
    model.scripts = withOwnersRestored(model.scripts, model.metadata.name, owned);
  }
  const fileTriggers = rpmFileTriggersFor(input.scripts, model.metadata, ctx.diag);
  const id = rpmIdentity(model.metadata);
  checkDeviceNumbers(model.files);
  const files = rpmFileList(model.files);
  // newc's 32-bit size field: rpm switches to LONGFILESIZES + 07070X at `size >= UINT32_MAX` (lib/cpio.c).
  const large = files.some((f) => f.size >= NEWC_MAX_SIZE);
  const compressor = PAYLOAD_COMPRESSOR[settings.compression]!;
  const deps = packageDependencies(model, id, files, large, compressor);
  const scripts = [
    ...scriptEntries(model.scripts, model.metadata, deps, ctx.diag),
    ...fileTriggerEntries(fileTriggers, deps), ...packageTriggerEntries(rpmPackageTriggers(m), deps),
  ];
  warnNonStandardOwners(model.files, FEDORA_ACCOUNTS, ctx.diag);
  deps.addRpmlibRequires();
  warnCompatibility(deps, ctx);
  return {
    model, fileName: rpmFileName(id),
    settings: {
      ...settings, id, info, files, large, compressor, scripts, deps,
      foreign: foreignDebEntries(m, options.keepForeignMetadata === true, ctx.diag),
      buildTime: ctx.sourceDateEpoch ?? Math.floor(Date.now() / 1000),
      ...(key ? { key } : {}),
    },
  };
}

/** FILERDEVS is 16 bits: a device whose major or minor is 256 or more cannot be described (rpm truncates it). */
function checkDeviceNumbers(files: readonly FileEntry[]): void {
  const bad = files.find((f) => f.device && encodeRdev(f.device.major, f.device.minor) === undefined);
  if (bad?.device) {
    throw new PkgError('unsupported', `${bad.path}: device ${bad.device.major}:${bad.device.minor} does not fit rpm's 16-bit FILERDEVS (majors and minors below 256 only)`);
  }
}

const PAYLOAD_FEATURE: Partial<Record<string, RpmlibFeature>> = { xz: 'PayloadIsXz', zstd: 'PayloadIsZstd' };

function packageDependencies(pkg: PackageModel, id: RpmIdentity, files: readonly RpmFile[], large: boolean, compressor: string): Dependencies {
  const deps = new Dependencies();
  deps.add('provide', { name: id.name, flags: RPMSENSE.EQUAL, version: id.evr });
  const isa = isaSuffix(id.arch);
  if (isa) deps.add('provide', { name: `${id.name}(${isa})`, flags: RPMSENSE.EQUAL, version: id.evr });
  addMetadataRelations(deps, pkg.metadata);
  // rpmbuild's config(NAME) = EVR pair ties a package's %config files to its own version.
  if (files.some((f) => f.flags & RPMFILE.CONFIG)) {
    deps.add('provide', { name: `config(${id.name})`, flags: RPMSENSE.CONFIG | RPMSENSE.EQUAL, version: id.evr });
    deps.add('require', { name: `config(${id.name})`, flags: RPMSENSE.CONFIG | RPMSENSE.EQUAL, version: id.evr });
  }
  if (files.length > 0) {
    deps.features.add('CompressedFileNames');
    deps.features.add('FileDigests');
    if (!large) deps.features.add('PayloadFilesHavePrefix');
  }
  if (files.some((f) => f.nlink > 1)) deps.features.add('PartialHardlinkSets');
  if (files.some((f) => f.entry.capabilities)) deps.features.add('FileCaps');
  if (large) deps.features.add('LargeFiles');
  const payloadFeature = PAYLOAD_FEATURE[compressor];
  if (payloadFeature) deps.features.add(payloadFeature);
  return deps;
}

/** Features that older rpm releases still in use cannot install (RHEL/CentOS 7 has rpm 4.11). */
const NEEDS_NEWER_RPM: Partial<Record<RpmlibFeature, string>> = {
  RichDependencies: 'alternatives (a | b) are written as rich dependencies, which need rpm >= 4.12',
  LargeFiles: 'files of 4 GiB or more need rpm >= 4.12',
  PayloadIsZstd: 'zstd payloads need rpm >= 4.14',
  CaretInVersions: "'^' in versions needs rpm >= 4.15",
};

function warnCompatibility(deps: Dependencies, ctx: Context): void {
  for (const feature of deps.features) {
    const why = NEEDS_NEWER_RPM[feature];
    if (why) ctx.diag.warn('rpm-needs-newer-rpm', `${why}: the package will not install on RHEL/CentOS 7 (rpm 4.11)`);
  }
}
