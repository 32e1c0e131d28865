// deb input: a .deb file read natively (docs/FORMATS.md §B2): ar members, control.tar and data.tar in
// any compression dpkg reads, md5sums verified against the content, conffiles, maintainer scripts
// and the other control files kept for the deb output.
import { basename } from 'node:path';
import { licenseOfGeneratedCopyright } from '../../core/placeholders.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError, describeError, withContext } from '../../core/errors.js';
import type { FileEntry, Metadata, PackageModel, Script } from '../../core/model.js';
import { canonicalPath } from '../../core/paths.js';
import { interpreterOf } from '../../core/scripts.js';
import { isArArchive } from '../../formats/ar.js';
import { decoding } from '../../formats/decode.js';
import { readDebControl } from './lint-facts.js';
import { ControlParseError, parseControl, parseMd5sumsLine } from '../../formats/deb/control.js';
import { MAINTAINER_SCRIPTS, phaseOfScript } from '../../formats/deb/vocabulary.js';
import type { Context, InputPlugin } from '../../plugin.js';
import { readTarEntries } from '../tar-entries.js';
import { DebFile, type DebMember } from './deb-file.js';
import { metadataFromControl } from './control-model.js';
import { readControlTar, type ControlFile } from './control-tar.js';
import { DEBIAN, RPM } from '../../deps/families.js';

/** Control files that become typed model data; every other one is kept verbatim in extras. */
const MODELLED = new Set(['control', 'md5sums', 'conffiles', ...Object.values(MAINTAINER_SCRIPTS)]);

export const debInput: InputPlugin = {
  name: 'deb',
  lintFormat: 'deb',
  // A deb carrying an rpm's tags (X-Rpm-…, foreign.ts) is read as that rpm, relations included.
  dependencyFamily: (pkg) => (pkg.metadata.extras.rpm ? RPM : DEBIAN),
  description: 'a Debian binary package (.deb)',
  carriesConfigFlags: true,

  sniff(head) {
    return isArArchive(head) && Buffer.from(head.subarray(8, 8 + 13)).toString('latin1') === 'debian-binary';
  },

  async read(inputs, _options, ctx) {
    if (inputs.length !== 1) throw new PkgError('usage', `the deb input reads exactly one .deb file, not ${inputs.length}`);
    return readDeb(inputs[0]!, ctx);
  },

  async readMetadata(path, ctx) {
    return DebFile.use(path, basename(path), async (deb) => (await readControl(deb, (await deb.parts()).control, ctx)).model);
  },

  async packageFacts(file) {
    return { deb: await readDebControl(file) };
  },

  refusalRule: (err) => (/md5sum/.test(err.message) ? 'pkg-deb-md5sums' : undefined),
};

export async function readDeb(path: string, ctx: Context): Promise<PackageModel> {
  const label = basename(path);
  return DebFile.use(path, label, async (deb) => {
    const { control: controlMember, data: dataMember } = await deb.parts();
    const { controlFiles, model } = await readControl(deb, controlMember, ctx);
    const data = await readTarEntries([deb.stream(dataMember), decoding(await deb.compression(dataMember),
      { compressedSize: dataMember.size, maxExpansion: ctx.maxExpansion })], {
      archive: `${dataMember.name} in ${label}`,
      spoolPath: ctx.tempPath('deb-content'),
      digests: ['md5'],
      diag: ctx.diag,
    });
    if (data.members === 0) throw new PkgError('input-invalid', `reading ${dataMember.name} from ${label}: empty tar archive`);

    const md5sums = controlFiles.get('md5sums');
    if (md5sums) verifyMd5sums(md5sums, data.files, data.digests, label);
    const conffiles = controlFiles.get('conffiles');
    if (conffiles) markConffiles(conffiles, data.files, label, ctx.diag);
    const files = await withoutGeneratedCopyright(data.files, model.metadata);
    return { ...model, files };
  });
}

/** The control member, and the model it makes (metadata, scripts, other control files) without data.tar's files. */
async function readControl(deb: DebFile, member: DebMember, ctx: Context): Promise<{ controlFiles: Map<string, ControlFile>; model: PackageModel }> {
  const controlFiles = await readControlMember(deb, member, ctx.maxExpansion);
  const control = controlFiles.get('control')!;
  const metadata = (() => {
    try {
      return metadataFromControl(parseControl(control.data.toString('utf8')), ctx.diag);
    } catch (err) {
      const why = err instanceof ControlParseError ? err.message : describeError(err);
      throw new PkgError('input-invalid', `reading control from ${deb.label}: ${why}`, { cause: err });
    }
  })();
  const scripts: Script[] = [];
  const extraFiles: Record<string, string> = {};
  for (const file of [...controlFiles.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const phase = phaseOfScript(file.name);
    const body = file.data.toString('utf8');
    if (phase) scripts.push({ phase, interpreter: interpreterOf(body), body, convention: 'deb' });
    else if (!MODELLED.has(file.name)) extraFiles[file.name] = body;
  }
  if (Object.keys(extraFiles).length) metadata.extras['deb-control-files'] = extraFiles;
  return { controlFiles, model: { metadata, files: [], scripts } };
}

/** The control files of a .deb (control, md5sums, scripts …), without reading its data member. */
export async function readControlFiles(path: string): Promise<Map<string, ControlFile>> {
  const label = basename(path);
  return DebFile.use(path, label, async (deb) => readControlMember(deb, (await deb.parts()).control));
}

async function readControlMember(deb: DebFile, member: DebMember, maxExpansion?: number): Promise<Map<string, ControlFile>> {
  const files = await withContext(`reading ${member.name} from ${deb.label}`, async () =>
    readControlTar(deb.stream(member), await deb.compression(member), { compressedSize: member.size, maxExpansion }));
  if (!files.has('control')) throw new PkgError('input-invalid', `reading ${member.name} from ${deb.label}: it has no control file`);
  return files;
}

/**
 * The copyright file pkgshift's deb output writes for a package that named only its license: read back,
 * it is that license again (so an rpm → deb → rpm round trip keeps it), not a file of the package.
 */
async function withoutGeneratedCopyright(files: FileEntry[], metadata: Metadata): Promise<FileEntry[]> {
  const path = `/usr/share/doc/${metadata.name}/copyright`;
  const file = files.find((f) => f.path === path && f.type === 'file' && f.size < 4096);
  if (!file?.source) return files;
  const chunks: Buffer[] = [];
  for await (const chunk of file.source.open()) chunks.push(Buffer.from(chunk));
  const license = licenseOfGeneratedCopyright(Buffer.concat(chunks).toString('utf8'));
  if (!license) return files;
  metadata.license = license;
  const docDir = `/usr/share/doc/${metadata.name}`;
  const alone = !files.some((f) => f.path.startsWith(`${docDir}/`) && f.path !== path);
  return files.filter((f) => f !== file && !(alone && f.path === docDir));
}

function verifyMd5sums(file: ControlFile, files: readonly FileEntry[], digests: Map<string, Record<string, string>>, label: string): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const lines = file.data.toString('utf8').split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    const listed = parseMd5sumsLine(line);
    if (!listed) throw new PkgError('input-invalid', `reading md5sums from ${label}: line ${i + 1} is not '<md5>  <path>'`);
    const path = canonicalPath(listed.path, `md5sums path '${listed.path}'`);
    let entry = byPath.get(path);
    for (let hops = 0; entry?.type === 'hardlink' && entry.target && hops < 64; hops++) entry = byPath.get(entry.target);
    const actual = entry ? digests.get(entry.path)?.md5 : undefined;
    if (actual === undefined) throw new PkgError('input-invalid', `reading md5sums from ${label}: ${path} is listed but is not a file in data.tar`);
    if (actual !== listed.md5) {
      throw new PkgError('input-invalid', `verifying ${label}: ${path} does not match its md5sum (content is corrupt)`);
    }
  });
}

/** conffiles (deb-conffiles(5)): each listed path is a config file dpkg keeps when modified. */
function markConffiles(file: ControlFile, files: readonly FileEntry[], label: string, diag: Diagnostics): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const raw of file.data.toString('utf8').split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(?:(remove-on-upgrade)\s+)?(\/.*)$/.exec(line);
    if (!m) throw new PkgError('input-invalid', `reading conffiles from ${label}: bad line '${line}'`);
    if (m[1]) {
      diag.warn('conffile-flag-dropped', `${label}: conffile flag 'remove-on-upgrade ${m[2]}' has no neutral meaning and is left out`);
      continue;
    }
    const entry = byPath.get(canonicalPath(m[2]!));
    if (!entry) {
      diag.warn('conffile-missing', `${label}: conffile ${m[2]} is not in data.tar`);
      continue;
    }
    entry.flags = new Set([...(entry.flags ?? []), 'config', 'noreplace']);
  }
}
