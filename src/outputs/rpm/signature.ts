// The signature header (docs/FORMATS.md §B1.3): header digests, MD5 over header + payload, sizes, and
// reserved space that rpmsign --addsign replaces with a signature without rewriting the package.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { encodeHeader, signaturePadding, type HeaderEntry } from '../../formats/rpm/header.js';
import { HEADER_SIGNATURES, RpmType, SigTag } from '../../formats/rpm/tags.js';
import type { SpooledPayload } from './payload.js';

/** rpmbuild 4.18's reserved space with 32-bit sizes (verified: 4128 bytes). */
const RESERVED_SPACE = 4128;
const UINT32_MAX = 0xffffffff;

/** MD5 of the main header followed by the compressed payload (read back from the spool file). */
export async function headerAndPayloadMd5(header: Uint8Array, payloadPath: string): Promise<Buffer> {
  const md5 = createHash('md5').update(header);
  for await (const chunk of createReadStream(payloadPath, { highWaterMark: 1024 * 1024 })) md5.update(chunk as Buffer);
  return md5.digest();
}

/** Bytes an entry adds to a header: its 16-byte index entry and its data (BIN needs no alignment). */
const entrySize = (e: HeaderEntry) => 16 + (e.value as Uint8Array).length;

/**
 * The encoded signature header, already padded to a multiple of 8. `signatures` (BIN entries) take
 * their room from the reserved space, as rpmsign does, so that a signed package's header keeps its size.
 */
export function signatureHeader(header: Uint8Array, payload: SpooledPayload, md5: Buffer, signatures: readonly HeaderEntry[] = []): Buffer {
  const reserved = Math.max(0, RESERVED_SPACE - signatures.reduce((sum, e) => sum + entrySize(e), 0));
  const size = header.length + payload.compressedSize;
  const long = size >= UINT32_MAX || payload.archiveSize >= UINT32_MAX;
  const entries: HeaderEntry[] = [
    { tag: SigTag.SHA1, type: RpmType.STRING, value: createHash('sha1').update(header).digest('hex') },
    { tag: SigTag.SHA256, type: RpmType.STRING, value: createHash('sha256').update(header).digest('hex') },
    { tag: SigTag.MD5, type: RpmType.BIN, value: md5 },
  ];
  if (long) {
    // rpm uses the 64-bit tags only when a value does not fit (signature.c); the reserved space shrinks
    // by what they add so the signature header keeps its size.
    entries.push(
      { tag: SigTag.LONGSIZE, type: RpmType.INT64, value: [size] },
      { tag: SigTag.LONGARCHIVESIZE, type: RpmType.INT64, value: [payload.archiveSize] },
      { tag: SigTag.RESERVEDSPACE, type: RpmType.BIN, value: new Uint8Array(Math.max(0, reserved - 8)) },
    );
  } else {
    entries.push(
      { tag: SigTag.SIZE, type: RpmType.INT32, value: [size] },
      { tag: SigTag.PAYLOADSIZE, type: RpmType.INT32, value: [payload.archiveSize] },
      { tag: SigTag.RESERVEDSPACE, type: RpmType.BIN, value: new Uint8Array(reserved) },
    );
  }
  entries.push(...signatures);
  const encoded = encodeHeader(entries, HEADER_SIGNATURES);
  return Buffer.concat([encoded, signaturePadding(encoded.length)]);
}
