// rpm lead (docs/FORMATS.md §B1.1): 96 bytes, of which readers check only the magic (rpmLeadCheck);
// the type (binary/source) is reported so a source rpm can be refused with a clear message.
import { LEAD_MAGIC, LEAD_SIZE } from './tags.js';

export interface Lead {
  major: number;
  minor: number;
  /** 0 binary, 1 source. */
  type: number;
  name: string;
  signatureType: number;
}

export function isRpmLead(head: Uint8Array): boolean {
  return LEAD_MAGIC.every((b, i) => head[i] === b);
}

export function decodeLead(bytes: Uint8Array): Lead {
  if (bytes.length < LEAD_SIZE) throw new Error('the lead is truncated');
  if (!isRpmLead(bytes)) throw new Error('no rpm lead magic');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, LEAD_SIZE);
  const nameEnd = buf.indexOf(0, 10);
  return {
    major: buf[4]!,
    minor: buf[5]!,
    type: buf.readUInt16BE(6),
    name: buf.subarray(10, nameEnd < 0 || nameEnd > 76 ? 76 : nameEnd).toString('latin1'),
    signatureType: buf.readUInt16BE(78),
  };
}
