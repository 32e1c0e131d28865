// rpm output: a v4 .rpm written natively (docs/FORMATS.md §B1): lead, signature header, main header, payload.
// The payload is spooled (compressed) to a temporary file first, because the header that precedes it
// carries its digests and every file's SHA-256.
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { encodeHeader } from '../../formats/rpm/header.js';
import { encodeLead } from '../../formats/rpm/lead.js';
import { HEADER_IMMUTABLE } from '../../formats/rpm/tags.js';
import type { OutputPlugin } from '../../plugin.js';
import { mainHeaderEntries } from './main-header.js';
import { leadArchnum } from './metadata.js';
import { RPM_OPTIONS } from './options.js';
import { spoolPayload } from './payload.js';
import { planRpm, type RpmPlanSettings } from './plan.js';
import { headerAndPayloadMd5, signatureHeader } from './signature.js';
import { rpmSignatures } from './signing.js';
import { RPM } from '../../deps/families.js';

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

export const rpmOutput: OutputPlugin<RpmPlanSettings> = {
  name: 'rpm',
  description: 'an rpm v4 package (.rpm), written natively',
  extensions: ['.rpm'],
  lintFormat: 'rpm',
  dependencyFamily: RPM,
  options: RPM_OPTIONS,

  plan: planRpm,

  async write({ settings }, out, ctx) {
    const { id, compression, level } = settings;
    const payload = await spoolPayload(settings.files, settings.large, compression, level, ctx.tempPath('payload.cpio'), settings.digest.name);
    const header = encodeHeader(mainHeaderEntries({
      ...settings, payload,
      compressionLevel: compression === 'none' ? undefined : String(level),
    }), HEADER_IMMUTABLE);
    const md5 = await headerAndPayloadMd5(header, payload.path);

    await writeBytes(out, encodeLead({ nevr: `${id.name}-${id.version}-${id.release}`, archnum: leadArchnum(id.arch) }));
    const signatures = settings.key ? await rpmSignatures(settings.key, header, payload.path) : [];
    await writeBytes(out, signatureHeader(header, payload, md5, signatures));
    await writeBytes(out, header);
    await pipeline(createReadStream(payload.path, { highWaterMark: 1024 * 1024 }), out, { end: false });
  },
};
