// rpm input: a binary .rpm read natively (docs/FORMATS.md §B1): lead, signature header (header and
// payload digests checked), main header, and the cpio payload in any compression rpm writes.
import { basename } from 'node:path';
import { PkgError, describeError } from '../../core/errors.js';
import { InputFile } from '../../core/source.js';
import type { PackageModel } from '../../core/model.js';
import { isRpmLead } from '../../formats/rpm/lead-read.js';
import { Tag } from '../../formats/rpm/tags.js';
import type { Context, InputPlugin } from '../../plugin.js';
import { Spool } from '../spool.js';
import { metadataFromHeader, scriptsFromHeader } from './metadata.js';
import { readRpmParts, type RpmFile } from './package-file.js';
import { readPayload } from './payload.js';
import { applyForeignDeb } from './foreign.js';
import { DEBIAN, RPM } from '../../deps/families.js';

export const rpmInput: InputPlugin = {
  name: 'rpm',
  lintFormat: 'rpm',
  // An rpm carrying a deb's fields (pkgshift's foreign-metadata tag, foreign.ts) is read as that deb.
  dependencyFamily: (pkg) => (pkg.metadata.extras.deb ? DEBIAN : RPM),
  description: 'an RPM binary package (.rpm)',
  carriesConfigFlags: true,

  sniff: (head) => isRpmLead(head),

  async read(inputs, _options, ctx) {
    if (inputs.length !== 1) throw new PkgError('usage', `the rpm input reads exactly one .rpm file, not ${inputs.length}`);
    return readRpm(inputs[0]!, ctx);
  },

  async readMetadata(path, ctx) {
    return withRpmFile(path, async (file, label) => (await readHeaders(file, label, ctx)).model);
  },
};

export async function readRpm(path: string, ctx: Context): Promise<PackageModel> {
  return withRpmFile(path, async (file, label) => {
    const { rpm, model } = await readHeaders(file, label, ctx);
    const spool = new Spool(ctx.tempPath('rpm-content'));
    let files;
    try {
      files = await readPayload(file, label, rpm, spool, ctx);
    } catch (err) {
      if (err instanceof PkgError) throw new PkgError(err.code, `reading the payload of ${label}: ${err.message}`, { cause: err });
      throw new PkgError('input-invalid', `reading the payload of ${label}: ${describeError(err)}`, { cause: err });
    } finally {
      await spool.close();
    }
    return { ...model, files };
  });
}

async function withRpmFile<T>(path: string, use: (file: InputFile, label: string) => Promise<T>): Promise<T> {
  const file = await InputFile.open(path);
  try {
    return await use(file, basename(path));
  } finally {
    await file.close();
  }
}

/** The package file's headers, and the model they make without the payload's files. */
async function readHeaders(file: InputFile, label: string, ctx: Context): Promise<{ rpm: RpmFile; model: PackageModel }> {
  const rpm = await readRpmParts(file, label);
  if (rpm.lead.type === 1 || !rpm.header.has(Tag.SOURCERPM)) {
    throw new PkgError('unsupported', `${label} is a source rpm; pkgshift reads binary packages`);
  }
  try {
    const metadata = metadataFromHeader(rpm.header, ctx.diag);
    applyForeignDeb(rpm.header, metadata);
    return { rpm, model: { metadata, files: [], scripts: scriptsFromHeader(rpm.header) } };
  } catch (err) {
    throw new PkgError('input-invalid', `reading the main header of ${label}: ${describeError(err)}`, { cause: err });
  }
}
