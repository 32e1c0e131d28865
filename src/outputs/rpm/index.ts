// rpm output: a v4 .rpm written natively (FORMATS.md §B1): lead, signature header, main header, payload.
// The payload is spooled (compressed) to a temporary file first, because the header that precedes it
// carries its digests and every file's SHA-256.
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NEWC_MAX_SIZE } from '../../formats/cpio.js';
import { warnNonStandardOwners } from '../../core/accounts.js';
import type { PackageModel } from '../../core/model.js';
import { scriptsFor } from '../../core/script-translate.js';
import { canonicalPath } from '../../core/paths.js';
import { encodeHeader } from '../../formats/rpm/header.js';
import { encodeLead } from '../../formats/rpm/lead.js';
import { HEADER_IMMUTABLE, RPMFILE, RPMSENSE } from '../../formats/rpm/tags.js';
import type { Context, Options, OutputPlugin } from '../../plugin.js';
import { addMetadataRelations, Dependencies, type RpmlibFeature } from './dependencies.js';
import { rpmFileList, type RpmFile } from './file-list.js';
import { mainHeaderEntries } from './main-header.js';
import { isaSuffix, leadArchnum, rpmDescriptive, rpmFileName, rpmIdentity, type RpmIdentity } from './metadata.js';
import { RPM_OPTIONS, PAYLOAD_COMPRESSOR, rpmSettings } from './options.js';
import { prepareRpm } from './prepare.js';
import { spoolPayload } from './payload.js';
import { scriptEntries } from './scripts.js';
import { headerAndPayloadMd5, signatureHeader } from './signature.js';


const PAYLOAD_FEATURE: Partial<Record<string, RpmlibFeature>> = { xz: 'PayloadIsXz', zstd: 'PayloadIsZstd' };

function packageDependencies(pkg: PackageModel, id: RpmIdentity, files: readonly RpmFile[], large: boolean, compressor: string, ctx: Context): Dependencies {
  const deps = new Dependencies();
  deps.add('provide', { name: id.name, flags: RPMSENSE.EQUAL, version: id.evr });
  const isa = isaSuffix(id.arch);
  if (isa) deps.add('provide', { name: `${id.name}(${isa})`, flags: RPMSENSE.EQUAL, version: id.evr });
  addMetadataRelations(deps, pkg.metadata, ctx.diag);
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

async function writeBytes(out: Writable, bytes: Uint8Array): Promise<void> {
  if (!out.write(bytes)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => { out.off('error', onError); resolve(); };
      const onError = (err: Error) => { out.off('drain', onDrain); reject(err); };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
  }
}

export const rpmOutput: OutputPlugin = {
  name: 'rpm',
  description: 'an rpm v4 package (.rpm), written natively',
  options: RPM_OPTIONS,

  fileName(pkg: PackageModel): string {
    return rpmFileName(rpmIdentity(pkg.metadata));
  },

  prepare: prepareRpm,

  async write(pkg: PackageModel, out: Writable, options: Options, ctx: Context): Promise<void> {
    const settings = rpmSettings(options);
    const id = rpmIdentity(pkg.metadata, ctx.diag);
    const info = rpmDescriptive(pkg.metadata, ctx.diag);
    const directories = (options.directories ?? []).map((d) => canonicalPath(d, `--directories ${d}`));
    const files = rpmFileList(pkg.files, directories);
    // newc's 32-bit size field: rpm switches to LONGFILESIZES + 07070X at `size >= UINT32_MAX` (lib/cpio.c).
    const large = files.some((f) => f.size >= NEWC_MAX_SIZE);
    const compressor = PAYLOAD_COMPRESSOR[settings.compression]!;

    const payload = await spoolPayload(files, large, settings.compression, settings.level, ctx.tempPath('payload.cpio'));
    const deps = packageDependencies(pkg, id, files, large, compressor, ctx);
    const scripts = scriptEntries(scriptsFor('rpm', pkg.scripts, pkg.metadata, ctx.diag), pkg.metadata, deps, ctx.diag);
    warnNonStandardOwners(pkg.files, 'rpm', ctx.diag);
    deps.addRpmlibRequires();
    warnCompatibility(deps, ctx);
    const header = encodeHeader(mainHeaderEntries({
      id, info, files, large, scripts, deps, payload, compressor,
      buildTime: ctx.sourceDateEpoch ?? Math.floor(Date.now() / 1000),
      buildHost: settings.buildHost,
      compressionLevel: settings.compression === 'none' ? undefined : String(settings.level),
    }), HEADER_IMMUTABLE);
    const md5 = await headerAndPayloadMd5(header, payload.path);

    await writeBytes(out, encodeLead({ nevr: `${id.name}-${id.version}-${id.release}`, archnum: leadArchnum(id.arch) }));
    await writeBytes(out, signatureHeader(header, payload, md5));
    await writeBytes(out, header);
    await pipeline(createReadStream(payload.path, { highWaterMark: 1024 * 1024 }), out, { end: false });
  },
};
