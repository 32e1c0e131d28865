// The parts of an .rpm file (docs/FORMATS.md §B1.1): lead (96 B), signature header padded to 8 bytes,
// main header, payload. Headers are metadata and read into memory; the payload is only located.
import { createHash } from 'node:crypto';
import { InputFile } from '../../core/source.js';
import { PkgError, describeError } from '../../core/errors.js';
import { HEADER_INTRO_SIZE, decodeHeader, decodeHeaderIntro, type RpmHeader } from '../../formats/rpm/header-read.js';
import { decodeLead, type Lead } from '../../formats/rpm/lead-read.js';
import { LEAD_SIZE, SigTag } from '../../formats/rpm/tags.js';

export interface RpmFile {
  lead: Lead;
  signature: RpmHeader;
  header: RpmHeader;
  /** The main header bytes as on disk (what SHA1/SHA256 cover, and MD5 with the payload). */
  headerBytes: Buffer;
  payloadOffset: number;
  fileSize: number;
}

/** Reads the parts of the rpm at `path` (opened and closed here). */
export async function readRpmFile(path: string, label: string): Promise<RpmFile> {
  const file = await InputFile.open(path);
  try {
    return await readRpmParts(file, label);
  } finally {
    await file.close();
  }
}

/** Reads lead and headers from an open rpm and locates its payload. */
export async function readRpmParts(file: InputFile, label: string): Promise<RpmFile> {
  const fail = (part: string, why: string, cause?: unknown) =>
    new PkgError('input-invalid', `reading the ${part} of ${label}: ${why}`, { cause });
  const leadBytes = await file.readExactly(0, LEAD_SIZE, () => fail('lead', 'unexpected end of data'));
  let lead: Lead;
  try {
    lead = decodeLead(leadBytes);
  } catch (err) {
    throw fail('lead', describeError(err), err);
  }
  const sig = await readHeaderAt(file, LEAD_SIZE, (why, cause) => fail('signature header', why, cause));
  const headerStart = sig.end + ((8 - (sig.size % 8)) % 8);
  const main = await readHeaderAt(file, headerStart, (why, cause) => fail('main header', why, cause));
  checkHeaderDigests(sig.header, main.bytes, label);
  const expected = sig.header.number(SigTag.LONGSIZE) ?? sig.header.number(SigTag.SIZE);
  const fileSize = file.size;
  if (expected !== undefined && fileSize - headerStart !== expected) {
    const why = fileSize - headerStart < expected ? 'is truncated' : 'has trailing data';
    throw new PkgError('input-invalid', `reading the payload of ${label}: the package ${why} (header + payload should be ${expected} bytes, found ${fileSize - headerStart})`);
  }
  return { lead, signature: sig.header, header: main.header, headerBytes: main.bytes, payloadOffset: main.end, fileSize };
}

async function readHeaderAt(file: InputFile, start: number,
  fail: (why: string, cause?: unknown) => PkgError): Promise<{ header: RpmHeader; bytes: Buffer; size: number; end: number }> {
  const intro = await file.readExactly(start, HEADER_INTRO_SIZE, () => fail('unexpected end of data'));
  let size: number;
  try {
    size = decodeHeaderIntro(intro).size;
  } catch (err) {
    throw fail(describeError(err), err);
  }
  const bytes = await file.readExactly(start, size,
    (available) => fail(`unexpected end of data (the header needs ${size} bytes, ${available} remain)`));
  try {
    return { header: decodeHeader(bytes), bytes, size, end: start + size };
  } catch (err) {
    throw fail(describeError(err), err);
  }
}

/** SHA256 (tag 273) and SHA1 (269) of the signature header cover the main header (§B1.3). */
function checkHeaderDigests(signature: RpmHeader, headerBytes: Buffer, label: string): void {
  for (const [tag, algorithm] of [[SigTag.SHA256, 'sha256'], [SigTag.SHA1, 'sha1']] as const) {
    const expected = signature.string(tag);
    if (expected === undefined) continue;
    const actual = createHash(algorithm).update(headerBytes).digest('hex');
    if (actual !== expected.toLowerCase()) {
      throw new PkgError('input-invalid', `verifying the main header of ${label}: its ${algorithm.toUpperCase()} digest does not match (the header is corrupt)`);
    }
  }
}
